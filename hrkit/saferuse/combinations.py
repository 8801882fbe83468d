"""The combination checker: how risky is it to take these substances together?

A pair is rated from class-level rules (the worst matching rule wins, and all
matching reasons are kept), unless an override names the pair. Three or more
substances are rated pair by pair; the overall level is the worst pair.
"""

from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from functools import cache
from itertools import combinations

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rapidfuzz import fuzz, process

from hrkit.core.errors import ApiError, FieldProblem
from hrkit.saferuse.catalogue import Catalogue, Substance, Text, catalogue, normalise_name

LEVELS = ("low_risk", "caution", "unsafe", "dangerous")
LEVEL_LABELS = {
    "low_risk": _("Low risk"),
    "caution": _("Caution"),
    "unsafe": _("Unsafe"),
    "dangerous": _("Dangerous"),
}
MAX_SUBSTANCES = 8


# How closely a rule names a pair; the closer rule explains a mechanism. A
# class rule counts 1, and 1 more for each side naming a class, not a group.
DEFAULT = 0
OVERRIDE = 4


@dataclass(frozen=True)
class Finding:
    """One rule that applies to a pair: its level, why, what to do (advice ids)
    and the sources that support it."""

    risk: str
    mechanism: str
    reason: Text
    advice: tuple[str, ...]
    sources: tuple[str, ...]
    specificity: int = OVERRIDE - 1
    below_chart: str | None = None

    @property
    def severity(self) -> int:
        return LEVELS.index(self.risk)


@dataclass(frozen=True)
class PairRating:
    """A pair's level (its worst finding) and the findings that explain it:
    for each mechanism, the most severe and most specific rule, most severe first."""

    first: Substance
    second: Substance
    risk: str
    findings: tuple[Finding, ...]

    @property
    def severity(self) -> int:
        return LEVELS.index(self.risk)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(key for f in self.findings for key in f.sources))

    @property
    def advice(self) -> tuple[str, ...]:
        return composed_advice(self.findings)


@dataclass(frozen=True)
class Named:
    """One name as the person typed it, and what the checker took it to mean.

    A mixture's name ("tranq dope") stands for several substances and carries
    a note saying so, with the note's source key; any other name stands for
    one substance, with no note.
    """

    typed: str
    substances: tuple[Substance, ...]
    note: Text | None = None
    source: str | None = None


@dataclass(frozen=True)
class CombinationResult:
    # Each substance once, in the order first named (mixtures expanded).
    substances: tuple[Substance, ...]
    pairs: tuple[PairRating, ...]
    # One per name typed, in order.
    named: tuple[Named, ...] = ()

    @property
    def risk(self) -> str:
        return max(self.pairs, key=lambda pair: pair.severity).risk

    @property
    def worst_pairs(self) -> tuple[PairRating, ...]:
        return tuple(p for p in self.pairs if p.risk == self.risk)

    def typed_for(self, substance: Substance) -> str | None:
        """What the person typed for this substance alone (None if it came from a mixture)."""
        for named in self.named:
            if named.substances == (substance,) and named.note is None:
                return named.typed
        return None


@dataclass(frozen=True)
class UnknownName:
    typed: str
    # Known names close to it, as the catalogue spells them.
    suggestions: tuple[str, ...]

    def sentence(self) -> str:
        """ "We don't know “blorp”. Did you mean: GBL?", in the active language."""
        text = gettext("We don't know “%(name)s”.") % {"name": self.typed}
        if self.suggestions:
            return f"{text} " + gettext("Did you mean: %(names)s?") % {
                "names": ", ".join(self.suggestions)
            }
        return f"{text} " + gettext("Check the spelling, or try a brand or street name.")


@dataclass
class UnknownSubstances(ApiError):
    """Names the catalogue does not know, each with close matches to offer."""

    unknown: tuple[UnknownName, ...] = ()

    @classmethod
    def for_names(cls, unknown: list[UnknownName]) -> "UnknownSubstances":
        sentences = [u.sentence() for u in unknown]
        return cls(
            message=" ".join(sentences),
            code="unknown_substance",
            fields=[FieldProblem("substances", sentence) for sentence in sentences],
            unknown=tuple(unknown),
        )


@dataclass
class TooFewSubstances(ApiError):
    """Fewer than two different substances: the page and the CLI say it their own way."""

    @classmethod
    def create(cls) -> "TooFewSubstances":
        message = gettext("Give at least two different drugs or medicines, separated by commas.")
        return cls(message=message, fields=[FieldProblem("substances", message)])


def read_name(name: str, data: Catalogue | None = None) -> Named | None:
    """What ``name`` stands for, or None if the catalogue does not know it."""
    data = data or catalogue()
    key = normalise_name(name)
    typed = " ".join(name.split())
    if key in data.names:
        return Named(typed, (data.substances[data.names[key]],))
    if key in data.mixture_names:
        mixture = data.mixtures[data.mixture_names[key]]
        substances = tuple(data.substances[s] for s in mixture.substances)
        return Named(typed, substances, mixture.note, mixture.source)
    return None


def resolve(name: str, data: Catalogue | None = None) -> tuple[Substance, ...]:
    """Every substance a person means by ``name`` (several for a mixture such as
    "tranq dope"), or an UnknownSubstances error with close matches."""
    named = read_name(name, data)
    if named is None:
        raise UnknownSubstances.for_names([UnknownName(name.strip(), tuple(suggest(name, data)))])
    return named.substances


def suggest(name: str, data: Catalogue | None = None, limit: int = 3) -> list[str]:
    """Known names close to what was typed, as the catalogue spells them (never
    used as a guess, only shown)."""
    data = data or catalogue()
    meaning = {k: f"substance {v}" for k, v in data.names.items()}
    meaning |= {k: f"mixture {v}" for k, v in data.mixture_names.items()}
    # One- and two-letter street names ("e", "k") match almost anything.
    candidates = [known for known in meaning if len(known) > 2]
    typed = normalise_name(name)
    matches = process.extract(typed, candidates, scorer=fuzz.ratio, limit=20, score_cutoff=65)
    # Per thing meant, the best-scoring names; of those within 10 points, the
    # one nearest in length, so "xanaks" offers "Xanax" rather than "xans".
    best: dict[str, tuple[float, str]] = {}
    for candidate, score, _index in matches:
        best.setdefault(meaning[candidate], (score, candidate))
    found: list[str] = []
    for target, (top, _candidate) in best.items():
        close = [(c, s) for c, s, _i in matches if meaning[c] == target and s >= top - 10]
        chosen = min(close, key=lambda cs: (abs(len(cs[0]) - len(typed)), -cs[1]))[0]
        found.append(_in_page_language(chosen, target, data))
    return found[:limit]


def _in_page_language(key: str, target: str, data: Catalogue) -> str:
    """A substance's own name in the active language ("herion" offers "Heroína" on
    the Spanish page); any other name as the catalogue spells it."""
    kind, _space, target_id = target.partition(" ")
    if kind == "substance":
        substance = data.substances[target_id]
        for text in (substance.name, substance.short_name):
            if text and key in (normalise_name(text.en), normalise_name(text.es)):
                return text.in_language(translation.get_language())
    return data.spellings[key]


def split_names(text: str, data: Catalogue | None = None) -> list[str]:
    """Names typed on one line, split on commas and spaces ("fentanyl, xanax",
    "fentanyl xanax"); the longest known name is tried first at each word, so
    "tranq dope xanax" and "special k alcohol" keep their two-word names."""
    data = data or catalogue()
    known = data.names.keys() | data.mixture_names.keys()
    longest = max(len(k.split()) for k in known)
    names: list[str] = []
    for part in text.split(","):
        words = part.split()
        start = 0
        while start < len(words):
            for end in range(min(len(words), start + longest), start, -1):
                candidate = " ".join(words[start:end])
                if normalise_name(candidate) in known or end == start + 1:
                    names.append(candidate)
                    start = end
                    break
    return names


def _expand(name: str, data: Catalogue) -> set[str]:
    if name.startswith("group:"):
        return set(data.groups[name.removeprefix("group:")])
    return {name}


def _finding(raw: dict, specificity: int) -> Finding:
    return Finding(
        risk=raw["risk"],
        mechanism=raw["mechanism"],
        reason=Text(**raw["reason"]),
        advice=tuple(raw["advice"]),
        sources=tuple(raw["sources"]),
        specificity=specificity,
        below_chart=raw.get("below_chart"),
    )


@dataclass(frozen=True)
class Advice:
    id: str
    text: Text
    replaces: frozenset[str]


@cache
def advice_items() -> dict[str, Advice]:
    """Every piece of advice, in the order an answer lists them."""
    return {
        item["id"]: Advice(
            item["id"], Text(item["en"], item["es"]), frozenset(item.get("replaces", []))
        )
        for item in catalogue().rules["advice"]
    }


def composed_advice(findings: Iterable[Finding]) -> tuple[str, ...]:
    """The advice of these findings, each item once, in the listed order, less
    any item another one present makes redundant ("do not mix" over "avoid")."""
    given = {advice_id for finding in findings for advice_id in finding.advice}
    items = advice_items()
    redundant = {r for advice_id in given for r in items[advice_id].replaces}
    return tuple(a for a in items if a in given and a not in redundant)


def level_meaning(level: str) -> Text:
    """What a level means and what to do, in a line."""
    return Text(**catalogue().rules["meanings"][level])


def _override_matches(pattern: str, substance: Substance) -> bool:
    if pattern.startswith("class:"):
        return pattern.removeprefix("class:") in substance.classes
    return pattern == substance.id


def _override_for(first: Substance, second: Substance, data: Catalogue) -> Finding | None:
    # A rule naming both substances beats one naming a substance and a class.
    best: tuple[int, Finding] | None = None
    for override in data.rules["overrides"]:
        left, right = override["pair"]
        for a, b in ((first, second), (second, first)):
            if _override_matches(left, a) and _override_matches(right, b):
                specificity = sum(not p.startswith("class:") for p in (left, right))
                if best is None or specificity > best[0]:
                    best = (specificity, _finding(override, OVERRIDE))
    return best[1] if best else None


@cache
def _class_rules() -> tuple[tuple[frozenset[str], frozenset[str], Finding], ...]:
    """Rules with their groups expanded to classes, built once."""
    data = catalogue()
    return tuple(
        (
            frozenset(_expand(left, data)),
            frozenset(_expand(right, data)),
            _finding(rule, 1 + sum(not side.startswith("group:") for side in (left, right))),
        )
        for rule in data.rules["rules"]
        for left, right in [rule["classes"]]
    )


def _class_findings(first: Substance, second: Substance) -> list[Finding]:
    a, b = set(first.classes), set(second.classes)
    return [
        finding
        for left, right, finding in _class_rules()
        if (left & a and right & b) or (left & b and right & a)
    ]


@cache
def _rate_ids(first_id: str, second_id: str) -> PairRating:
    data = catalogue()
    first, second = data.substances[first_id], data.substances[second_id]
    override = _override_for(first, second, data)
    if override is not None:
        fired = [override]
    else:
        fired = _class_findings(first, second) or [_finding(data.rules["default"], DEFAULT)]
    # Most severe first, then the rule that names the pair most closely; the
    # first rule for each mechanism explains it, and later ones are dropped
    # with their advice and sources, so nothing is said twice.
    fired.sort(key=lambda f: (f.severity, f.specificity), reverse=True)
    explaining: dict[str, Finding] = {}
    for finding in fired:
        explaining.setdefault(finding.mechanism, finding)
    return PairRating(first, second, fired[0].risk, tuple(explaining.values()))


def rate_pair(first: Substance, second: Substance) -> PairRating:
    """The rating of two substances; the same whichever comes first."""
    low, high = sorted((first.id, second.id))
    rating = _rate_ids(low, high)
    if rating.first.id != first.id:
        rating = PairRating(first, second, rating.risk, rating.findings)
    return rating


def check_combination(names: list[str], language: str | None = None) -> CombinationResult:
    """Rate every pair of the named substances, mixtures expanded; the service
    behind CLI, API and page. Errors are worded in ``language`` (else the active one)."""
    with translation.override(language) if language else nullcontext():
        return _check_combination(names)


def _check_combination(names: list[str]) -> CombinationResult:
    data = catalogue()
    cleaned = [n for n in (name.strip() for name in names) if n]
    if len(cleaned) > MAX_SUBSTANCES:
        raise ApiError.for_field(
            "substances",
            gettext("Check at most %(count)d drugs or medicines at a time.")
            % {"count": MAX_SUBSTANCES},
        )
    named: list[Named] = []
    unknown: list[UnknownName] = []
    for name in cleaned:
        found = read_name(name, data)
        if found is None:
            unknown.append(UnknownName(" ".join(name.split()), tuple(suggest(name, data))))
        else:
            named.append(found)
    if unknown:
        raise UnknownSubstances.for_names(unknown)
    substances = list(dict.fromkeys(s for n in named for s in n.substances))
    if len(substances) < 2:
        raise TooFewSubstances.create()
    # Pairs inside a mixture are rated too: fentanyl with xylazine is itself dangerous.
    pairs = tuple(rate_pair(a, b) for a, b in combinations(substances, 2))
    return CombinationResult(tuple(substances), pairs, tuple(named))


def level_label(level: str) -> str:
    return str(LEVEL_LABELS[level])
