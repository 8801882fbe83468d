"""The combination checker: how risky is it to take these substances together?

A pair is rated from class-level rules (the worst matching rule wins, and all
matching reasons are kept), unless an override names the pair. Three or more
substances are rated pair by pair; the overall level is the worst pair.
"""

from dataclasses import dataclass
from functools import cache
from itertools import combinations

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


@dataclass(frozen=True)
class Finding:
    """One rule that applies to a pair: its level, why, and what to do."""

    risk: str
    mechanism: str
    reason: Text
    advice: Text
    source: str


@dataclass(frozen=True)
class PairRating:
    first: Substance
    second: Substance
    risk: str
    findings: tuple[Finding, ...]

    @property
    def severity(self) -> int:
        return LEVELS.index(self.risk)


@dataclass(frozen=True)
class CombinationResult:
    substances: tuple[Substance, ...]
    pairs: tuple[PairRating, ...]

    @property
    def risk(self) -> str:
        return max(self.pairs, key=lambda pair: pair.severity).risk

    @property
    def worst_pairs(self) -> tuple[PairRating, ...]:
        return tuple(p for p in self.pairs if p.risk == self.risk)


def resolve(name: str, data: Catalogue | None = None) -> Substance:
    """The substance a person means by ``name``, or an error with close matches."""
    data = data or catalogue()
    key = normalise_name(name)
    if key in data.names:
        return data.substances[data.names[key]]
    suggestions = suggest(name, data)
    hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
    raise ApiError(
        message=f"Unknown substance {name!r}.{hint}",
        code="unknown_substance",
        fields=[FieldProblem("substances", f"unknown substance {name!r}.{hint}")],
    )


def suggest(name: str, data: Catalogue | None = None, limit: int = 3) -> list[str]:
    """Known names close to what was typed (never used as a guess, only shown)."""
    data = data or catalogue()
    # One- and two-letter street names ("e", "k") match almost anything.
    candidates = [known for known in data.names if len(known) > 2]
    matches = process.extract(
        normalise_name(name), candidates, scorer=fuzz.WRatio, limit=12, score_cutoff=70
    )
    found: list[str] = []
    seen: set[str] = set()
    for candidate, _score, _index in matches:
        substance_id = data.names[candidate]
        if substance_id not in seen:
            seen.add(substance_id)
            found.append(candidate)
        if len(found) == limit:
            break
    return found


def _expand(name: str, data: Catalogue) -> set[str]:
    if name.startswith("group:"):
        return set(data.groups[name.removeprefix("group:")])
    return {name}


def _finding(raw: dict) -> Finding:
    return Finding(
        risk=raw["risk"],
        mechanism=raw["mechanism"],
        reason=Text(**raw["reason"]),
        advice=Text(**raw["advice"]),
        source=raw["source"],
    )


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
                    best = (specificity, _finding(override))
    return best[1] if best else None


@cache
def _class_rules() -> tuple[tuple[frozenset[str], frozenset[str], Finding], ...]:
    """Rules with their groups expanded to classes, built once."""
    data = catalogue()
    return tuple(
        (frozenset(_expand(left, data)), frozenset(_expand(right, data)), _finding(rule))
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
        findings = [override]
    else:
        findings = _class_findings(first, second) or [_finding(data.rules["default"])]
        findings.sort(key=lambda f: LEVELS.index(f.risk), reverse=True)
    return PairRating(first, second, findings[0].risk, tuple(findings))


def rate_pair(first: Substance, second: Substance) -> PairRating:
    """The rating of two substances; the same whichever comes first."""
    low, high = sorted((first.id, second.id))
    rating = _rate_ids(low, high)
    if rating.first.id != first.id:
        rating = PairRating(first, second, rating.risk, rating.findings)
    return rating


def check_combination(names: list[str]) -> CombinationResult:
    """Rate every pair of the named substances; the service behind CLI, API and page."""
    cleaned = [n for n in (name.strip() for name in names) if n]
    if len(cleaned) > MAX_SUBSTANCES:
        raise ApiError.for_field("substances", f"give at most {MAX_SUBSTANCES} substances")
    substances: list[Substance] = []
    for name in cleaned:
        substance = resolve(name)
        if substance not in substances:
            substances.append(substance)
    if len(substances) < 2:
        raise ApiError.for_field(
            "substances", "give at least two different substances, separated by commas"
        )
    pairs = tuple(rate_pair(a, b) for a, b in combinations(substances, 2))
    return CombinationResult(tuple(substances), pairs)


def level_label(level: str) -> str:
    return str(LEVEL_LABELS[level])
