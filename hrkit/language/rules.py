"""The rule set: YAML files in hrkit/language/rules/, checked against schema.json.

A rule names the forms it looks for ("{substance} user"), what kind of
language it is, why it harms, what to say instead and where that guidance
comes from. Forms expand here into plain phrases (or, for {number} and
{period}, patterns) that the matcher compiles into one regular expression.
"""

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from hrkit.core.sources import Source, sources_from

RULES_DIR = Path(__file__).resolve().parent / "rules"
RULE_FILES = (
    "people.yaml",
    "results.yaml",
    "conditions.yaml",
    "treatment.yaml",
    "newborns.yaml",
    "narratives.yaml",
    "spanish.yaml",
)

PLACEHOLDER = re.compile(r"\{(\w+)\}")


class RuleDataError(ValueError):
    """A rule file breaks its schema or names something that does not exist."""


@dataclass(frozen=True)
class Form:
    """One concrete phrase a rule matches, as tokens (words or regex fragments)."""

    tokens: tuple[str, ...]
    is_pattern: tuple[bool, ...]
    fix: str | None
    substance: str | None = None

    @property
    def literal(self) -> bool:
        return not any(self.is_pattern)


@dataclass(frozen=True, eq=False)
class Rule:
    id: str
    kind: str
    lang: str
    case_sensitive: bool
    forms: tuple[Form, ...]
    suggestions: tuple[str, ...]
    why: dict[str, str]
    sources: tuple[Source, ...]
    unless_before: tuple[re.Pattern[str], ...] = ()
    unless_after: tuple[re.Pattern[str], ...] = ()

    def why_in(self, language: str) -> str:
        return self.why.get(language[:2], self.why["en"])


@dataclass(frozen=True, eq=False)
class RuleSet:
    rules: tuple[Rule, ...]
    allow: tuple[str, ...]
    sources: dict[str, Source] = field(default_factory=dict)

    @property
    def ids(self) -> list[str]:
        return [rule.id for rule in self.rules]

    def by_id(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


def _read_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _tokens(phrase: str) -> list[str]:
    # A hyphen in a form means the same as a space: both match either.
    return [token for token in re.split(r"[\s\-]+", phrase.strip()) if token]


def _expand_form(
    phrase: str,
    fix: str | None,
    substances: dict[str, str],
    patterns: dict[str, str],
    case_sensitive: bool,
) -> list[Form]:
    names = PLACEHOLDER.findall(phrase)
    unknown = [n for n in names if n != "substance" and n not in patterns]
    if unknown:
        raise RuleDataError(f"form {phrase!r} uses unknown placeholder {unknown[0]!r}")
    variants: list[tuple[str, str | None, str | None]] = [(phrase, fix, None)]
    if "substance" in names:
        variants = [
            (
                phrase.replace("{substance}", word),
                fix.replace("{substance}", noun) if fix else None,
                word,
            )
            for word, noun in substances.items()
        ]
    forms = []
    for text, fixed, substance in variants:
        tokens: list[str] = []
        is_pattern: list[bool] = []
        for token in _tokens(text):
            match = PLACEHOLDER.fullmatch(token)
            if match:
                tokens.append(patterns[match.group(1)])
                is_pattern.append(True)
            else:
                tokens.append(token if case_sensitive else token.lower())
                is_pattern.append(False)
        forms.append(Form(tuple(tokens), tuple(is_pattern), fixed, substance))
    return forms


def _context_patterns(raw: list[str], supplies: str) -> tuple[re.Pattern[str], ...]:
    # Patterns may wrap over several YAML lines; whitespace inside them is
    # layout only (spaces that matter are written \s).
    compiled = []
    for text in raw:
        text = re.sub(r"\s+", "", text.replace("{supplies}", supplies))
        compiled.append(re.compile(text, re.IGNORECASE))
    return tuple(compiled)


def load_rules(directory: Path = RULES_DIR, files: tuple[str, ...] = RULE_FILES) -> RuleSet:
    """Read, validate and expand every rule file; raise RuleDataError on bad data."""
    schema = json.loads((directory / "schema.json").read_text(encoding="utf-8"))
    vocabulary = _read_yaml(directory / "vocabulary.yaml")
    substances: dict[str, str] = vocabulary["substances"]
    patterns: dict[str, str] = vocabulary["patterns"]
    supplies = re.sub(r"\s+", "", vocabulary["supplies"])
    sources = sources_from(_read_yaml(directory / "sources.yaml")["sources"])
    rules: list[Rule] = []
    seen_phrases: dict[tuple[str, ...], str] = {}
    for name in files:
        data = _read_yaml(directory / name)
        try:
            jsonschema.validate(data, schema)
        except jsonschema.ValidationError as exc:
            location = "/".join(str(p) for p in exc.absolute_path)
            raise RuleDataError(f"{name}: {location}: {exc.message}") from exc
        for entry in data["rules"]:
            rule_id = entry["id"]
            if any(rule.id == rule_id for rule in rules):
                raise RuleDataError(f"{name}: rule id {rule_id!r} is used twice")
            missing = [key for key in entry["sources"] if key not in sources]
            if missing:
                raise RuleDataError(f"{name}: {rule_id}: unknown source {missing[0]!r}")
            case_sensitive = bool(entry.get("case_sensitive", False))
            forms: list[Form] = []
            for phrase, fix in entry["forms"].items():
                for form in _expand_form(phrase, fix, substances, patterns, case_sensitive):
                    owner = seen_phrases.setdefault(form.tokens, rule_id)
                    if owner != rule_id:
                        raise RuleDataError(
                            f"{name}: {rule_id}: form {' '.join(form.tokens)!r} "
                            f"already belongs to {owner}"
                        )
                    forms.append(form)
            rules.append(
                Rule(
                    id=rule_id,
                    kind=entry["kind"],
                    lang=entry["lang"],
                    case_sensitive=case_sensitive,
                    forms=tuple(forms),
                    suggestions=tuple(entry["suggestions"]),
                    why=dict(entry["why"]),
                    sources=tuple(sources[key] for key in entry["sources"]),
                    unless_before=_context_patterns(entry.get("unless_before", []), supplies),
                    unless_after=_context_patterns(entry.get("unless_after", []), supplies),
                )
            )
    allow = tuple(_read_yaml(directory / "allow.yaml")["allow"])
    return RuleSet(rules=tuple(rules), allow=allow, sources=sources)


@cache
def default_rules() -> RuleSet:
    return load_rules()
