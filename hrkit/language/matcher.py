"""Finding rule forms in text: anchor words first, then one trie-shaped pattern.

Every form contains an anchor word ("user" in "drug user", "clean" in
"tested clean"). The matcher finds anchors with plain substring search,
which is many times faster than a regular expression, and runs the one
pattern of all forms (a trie of words, so alternatives share their common
beginnings) only in a short region around each anchor. Matching runs on a
lower-cased copy of the text (same length for nearly every script); context
rules and the allow-list are checked only around a match.
"""

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from hrkit.language.rules import Form, Rule, RuleSet

# Between two words of a form: spaces, line breaks or a hyphen (ASCII or
# Unicode), so "ex-addict", "ex addict" and a phrase broken over two lines
# all match.
SEPARATOR = r"(?:\s*[-\u2010\u2011\u2012\u2013]\s*|\s+)"
APOSTROPHE = "['\u2019\u02bc]"
WINDOW = 160
# Poor anchors: found everywhere in harm reduction text, while every form
# has a rarer word of its own.
COMMON_WORDS = frozenset({"drug", "drugs", "people", "person", "their", "with", "from", "that"})


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    rule: Rule
    fix: str | None


def _word_regex(word: str) -> str:
    return APOSTROPHE.join(re.escape(part) for part in word.split("'"))


def _trie_regex(sequences: Iterable[tuple[str, ...]]) -> str:
    """A pattern matching any of the token sequences, longest alternatives first."""
    trie: dict = {}
    for tokens in sequences:
        node = trie
        for token in tokens:
            node = node.setdefault(token, {})
        node[""] = {}

    def build(node: dict, first: bool) -> str:
        ends_here = "" in node
        branches = []
        # Longer words first so that "addicts" is tried before "addict".
        for token in sorted((t for t in node if t), key=lambda t: (-len(t), t)):
            prefix = "" if first else SEPARATOR
            branches.append(prefix + token + build(node[token], False))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends_here:
            return "(?:" + body + ")?"
        return body

    return build(trie, True)


def _form_regex_tokens(form: Form) -> tuple[str, ...]:
    return tuple(
        token if pattern else _word_regex(token)
        for token, pattern in zip(form.tokens, form.is_pattern, strict=True)
    )


def phrase_regex(phrase: str) -> str:
    """A plain phrase (an allow-list name) as a pattern with the form's spacing rules."""
    words = [w for w in re.split(r"[\s\-]+", phrase.strip()) if w]
    return SEPARATOR.join(_word_regex(w) for w in words)


def _normalise(text: str) -> str:
    text = re.sub(r"[\u2019\u02bc]", "'", text)
    return " ".join(w for w in re.split(r"[\s\-\u2010\u2011\u2012\u2013]+", text) if w)


def _anchors(rule: Rule) -> dict[Form, str]:
    """For each form, the word it shares with most other forms of its rule
    ("clean" in "clean-person", "user" in "drug-user"), longest on a tie."""

    def words(form: Form) -> list[str]:
        substance_words = set((form.substance or "").lower().split())
        literal = [t for t, p in zip(form.tokens, form.is_pattern, strict=True) if not p]
        # Only the part before an apostrophe, so "addict's" shares "addict".
        own = [t.split("'")[0] for t in literal if t.lower() not in substance_words]
        return [w for w in own or [t.split("'")[0] for t in literal] if w]

    counts: dict[str, int] = {}
    for form in rule.forms:
        for word in set(words(form)):
            counts[word] = counts.get(word, 0) + 1
    return {
        form: max(
            words(form),
            key=lambda w: (len(w) >= 4 and w not in COMMON_WORDS, counts[w], len(w)),
        )
        for form in rule.forms
    }


# Bytes that end a word, for the quick look at which anchors a text holds.
# UTF-8 bytes of non-ASCII letters (128 and up) stay part of their word.
_WORD_BREAKS = bytes(c if (chr(c).isalnum() or c >= 128) else 32 for c in range(256))
_NOT_WORD = re.compile(r"\W+")


def words_in(lowered: str) -> set[bytes]:
    """Every word of the text, as UTF-8, split at any punctuation or space."""
    words = set(lowered.encode().translate(_WORD_BREAKS).split())
    if lowered.isascii():
        return words
    # Curly quotes, Unicode dashes and spaces are multi-byte and stay glued to
    # their words above; the few distinct words holding them are split again.
    for word in [w for w in words if not w.isascii()]:
        words.update(part.encode() for part in _NOT_WORD.split(word.decode()) if part)
    return words


def _regions(
    haystack: str, anchors: tuple[str, ...], reach: dict[str, tuple[int, int]]
) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for anchor in anchors:
        before, after = reach[anchor]
        found = haystack.find(anchor)
        while found != -1:
            spans.append((found - before, found + after))
            found = haystack.find(anchor, found + 1)
    spans.sort()
    regions: list[tuple[int, int]] = []
    for start, end in spans:
        low, high = max(0, start), min(len(haystack), end)
        if regions and low <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(regions[-1][1], high))
        else:
            regions.append((low, high))
    return regions


class _SearchedText:
    """The text of one search, with the allowed names in it found once, when first needed."""

    def __init__(self, text: str, allow: re.Pattern[str] | None) -> None:
        self.text = text
        self._allow = allow
        self._name_starts: list[int] | None = None
        self._name_ends: list[int] = []

    def in_allowed_name(self, start: int, end: int) -> bool:
        if self._allow is None:
            return False
        if self._name_starts is None:
            spans = [name.span() for name in self._allow.finditer(self.text)]
            self._name_starts = [low for low, _high in spans]
            self._name_ends = [high for _low, high in spans]
        # Names found in one pass do not overlap: only the last one to start
        # at or before the match can hold it.
        index = bisect.bisect_right(self._name_starts, start) - 1
        return index >= 0 and end <= self._name_ends[index]


class Matcher:
    """Compiled forms of a rule set, less disabled rules, plus the allow-list."""

    def __init__(self, rules: RuleSet, disabled: frozenset[str], allow: tuple[str, ...]) -> None:
        active = [rule for rule in rules.rules if rule.id not in disabled]
        self._literal: dict[str, tuple[Rule, Form]] = {}
        self._patterned: list[tuple[re.Pattern[str], Rule, Form]] = []
        folded: list[tuple[str, ...]] = []
        exact: list[tuple[str, ...]] = []
        folded_anchors: set[str] = set()
        exact_anchors: set[str] = set()
        reach: dict[str, tuple[int, int]] = {}
        for rule in active:
            anchors = _anchors(rule)
            for form in rule.forms:
                tokens = _form_regex_tokens(form)
                (exact if rule.case_sensitive else folded).append(tokens)
                (exact_anchors if rule.case_sensitive else folded_anchors).add(anchors[form])
                # A pattern token ({number}) matches at most a few words.
                widths = [
                    (24 if p else len(t)) + 4
                    for t, p in zip(form.tokens, form.is_pattern, strict=True)
                ]
                at = next(i for i, t in enumerate(form.tokens) if t.split("'")[0] == anchors[form])
                key = anchors[form] if rule.case_sensitive else anchors[form].lower()
                old = reach.get(key, (0, 0))
                reach[key] = (max(old[0], sum(widths[:at])), max(old[1], sum(widths[at:])))
                if form.literal:
                    key = " ".join(form.tokens)
                    self._literal[key if rule.case_sensitive else key.lower()] = (rule, form)
                else:
                    flags = 0 if rule.case_sensitive else re.IGNORECASE
                    self._patterned.append((re.compile(SEPARATOR.join(tokens), flags), rule, form))
        edge_start, edge_end = r"(?<!\w)", r"(?!\w)"
        self._folded = re.compile(edge_start + _trie_regex(folded) + edge_end) if folded else None
        self._folded_ignorecase = (
            re.compile(edge_start + _trie_regex(folded) + edge_end, re.IGNORECASE)
            if folded
            else None
        )
        self._exact = re.compile(edge_start + _trie_regex(exact) + edge_end) if exact else None
        self._folded_anchors = {a.lower().encode(): a.lower() for a in folded_anchors}
        self._exact_anchors = {a.lower().encode(): a for a in exact_anchors}
        # A region around an anchor must hold any form that contains it,
        # patterns such as "{number}" included; spacing may be wider than one.
        self._reach = {key: (low + 16, high + 16) for key, (low, high) in reach.items()}
        names = [*rules.allow, *allow]
        self._allow_words = "\n".join(_normalise(n).lower() for n in names)
        # Whether a matched text is whole words of some allowed name, by text:
        # a text dense with matches repeats the same few, and the answer
        # decides whether the costly look at the surrounding text is needed.
        self._in_allowed_names: dict[str, bool] = {}
        # Spacing in the text may be wider than in the name: leave room.
        self._allow_reach = 2 * max((len(n) for n in names), default=0) + 8
        self._allow = (
            re.compile(
                r"(?<!\w)(?:" + "|".join(phrase_regex(n) for n in names) + r")(?:['\u2019]s)?",
                re.IGNORECASE,
            )
            if names
            else None
        )

    def _identify(self, matched: str, case_sensitive: bool) -> tuple[Rule, Form] | None:
        key = _normalise(matched)
        found = self._literal.get(key if case_sensitive else key.lower())
        if found:
            return found
        for pattern, rule, form in self._patterned:
            if pattern.fullmatch(matched):
                return rule, form
        return None

    def _could_be_allowed(self, matched: str) -> bool:
        known = self._in_allowed_names.get(matched)
        if known is None:
            words = re.escape(_normalise(matched).lower())
            known = re.search(rf"(?<![^\n ]){words}(?![^\n ])", self._allow_words) is not None
            if len(self._in_allowed_names) > 10_000:
                self._in_allowed_names.clear()
            self._in_allowed_names[matched] = known
        return known

    def _allowed(self, searched: "_SearchedText", start: int, end: int) -> bool:
        return self._could_be_allowed(searched.text[start:end]) and searched.in_allowed_name(
            start, end
        )

    def _in_context(self, rule: Rule, text: str, start: int, end: int) -> bool:
        before = text[max(0, start - WINDOW) : start]
        if any(p.search(before) for p in rule.unless_before):
            return False
        after = text[end : end + WINDOW]
        return not any(p.search(after) for p in rule.unless_after)

    def _scan(
        self,
        pattern: re.Pattern[str],
        anchors: tuple[str, ...] | None,
        haystack: str,
        searched: "_SearchedText",
        case_sensitive: bool,
    ) -> Iterator[Match]:
        if anchors is None:
            regions = [(0, len(haystack))]
        elif not anchors:
            return
        else:
            regions = _regions(haystack, anchors, self._reach)
        for low, high in regions:
            yield from self._scan_region(pattern, haystack, searched, case_sensitive, low, high)

    def _scan_region(
        self,
        pattern: re.Pattern[str],
        haystack: str,
        searched: "_SearchedText",
        case_sensitive: bool,
        low: int,
        high: int,
    ) -> Iterator[Match]:
        text = searched.text
        position = low
        while True:
            found = pattern.search(haystack, position, high)
            if found is None:
                return
            start, end = found.span()
            # The region's end looks like the end of the text to the pattern.
            cut_word = end == high and end < len(text) and text[end].isalnum()
            identified = None if cut_word else self._identify(text[start:end], case_sensitive)
            if (
                identified
                and self._in_context(identified[0], text, start, end)
                and not self._allowed(searched, start, end)
            ):
                rule, form = identified
                yield Match(start, end, text[start:end], rule, form.fix)
                position = end
            else:
                # A longer form ruled out by its context may hide a shorter
                # one that starts at the same place or just after it.
                position = start + 1

    def find(self, text: str) -> list[Match]:
        """Every match in text, in order, without overlaps."""
        matches: list[Match] = []
        searched = _SearchedText(text, self._allow)
        if self._folded is not None and self._folded_ignorecase is not None:
            lowered = text.lower()
            if len(lowered) == len(text):
                words = words_in(lowered)
                present = tuple(a for key, a in self._folded_anchors.items() if key in words)
                matches.extend(self._scan(self._folded, present, lowered, searched, False))
                exact = tuple(a for key, a in self._exact_anchors.items() if key in words)
            else:
                # A few characters change length when lower-cased (Turkish
                # dotted I): fall back to case-insensitive matching of all text.
                matches.extend(self._scan(self._folded_ignorecase, None, text, searched, False))
                exact = tuple(self._exact_anchors.values())
        else:
            exact = tuple(self._exact_anchors.values())
        if self._exact is not None:
            matches.extend(self._scan(self._exact, exact, text, searched, True))
        matches.sort(key=lambda m: (m.start, -m.end))
        kept: list[Match] = []
        for match in matches:
            if kept and match.start < kept[-1].end:
                continue
            kept.append(match)
        return kept


@cache
def matcher_for(rules: RuleSet, disabled: frozenset[str], allow: tuple[str, ...]) -> Matcher:
    return Matcher(rules, disabled, allow)


def apply_fixes(text: str, matches: Iterable[Match]) -> str:
    """The text with every match that has an unambiguous replacement replaced."""
    pieces: list[str] = []
    position = 0
    for match in sorted(matches, key=lambda m: m.start):
        if match.fix is None or match.start < position:
            continue
        pieces.append(text[position : match.start])
        pieces.append(match_case(match.text, match.fix, match.rule.case_sensitive))
        position = match.end
    pieces.append(text[position:])
    return "".join(pieces)


def match_case(original: str, replacement: str, keep: bool) -> str:
    """Carry the capitalisation of the original over to its replacement."""
    if keep:
        return replacement
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters and letters[0].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement
