"""A combination result as plain data, in one language: the JSON of the API and
CLI, and what the page shows.

One composed answer: the overall level and what it means; why, each reason
once with the pairs it applies to (a pair has a reason per mechanism); one
list of advice for the whole check; and the sources of the rules that
explained something, each once. `pairs` keeps each pair whole for programs.
"""

from hrkit.saferuse.catalogue import catalogue, display_name
from hrkit.saferuse.combinations import (
    LEVELS,
    CombinationResult,
    Finding,
    PairRating,
    advice_items,
    composed_advice,
    level_label,
    level_meaning,
)


def _sources(keys: tuple[str, ...]) -> list[dict]:
    sources = catalogue().sources
    return [
        {"publisher": sources[k].publisher, "title": sources[k].title, "url": sources[k].url}
        for k in keys
    ]


def _advice(ids: tuple[str, ...], language: str) -> list[str]:
    items = advice_items()
    return [items[advice_id].text.in_language(language) for advice_id in ids]


def _level(level: str, language: str) -> dict:
    return {
        "risk": level,
        "risk_label": level_label(level),
        "risk_meaning": level_meaning(level).in_language(language),
    }


def level_legend(language: str) -> list[dict]:
    """Every level with what it means, least to most severe, for the page's key."""
    return [_level(level, language) for level in LEVELS]


def pair_as_dict(pair: PairRating, language: str, names: dict[str, str] | None = None) -> dict:
    """One pair; `names` gives a substance's name as the person wrote it, by id."""
    names = names or {}
    return {
        "substances": [pair.first.id, pair.second.id],
        "names": [
            names.get(s.id) or s.name.in_language(language) for s in (pair.first, pair.second)
        ],
        **_level(pair.risk, language),
        "mechanisms": [f.mechanism for f in pair.findings],
        "reason": " ".join(f.reason.in_language(language) for f in pair.findings),
        "advice": _advice(pair.advice, language),
        "sources": _sources(pair.sources),
    }


def _explanations(result: CombinationResult, language: str, names: dict[str, str]) -> list[dict]:
    """Each rule that explains something, once, with every pair it explains,
    most severe first: two pairs with the same reason share one line."""
    explained: dict[Finding, list[PairRating]] = {}
    for pair in result.pairs:
        for finding in pair.findings:
            explained.setdefault(finding, []).append(pair)
    ordered = sorted(explained.items(), key=lambda item: item[0].severity, reverse=True)
    return [
        {
            "pairs": [[names[p.first.id], names[p.second.id]] for p in pairs],
            "risk": finding.risk,
            "risk_label": level_label(finding.risk),
            "reason": finding.reason.in_language(language),
        }
        for finding, pairs in ordered
    ]


def combination_as_dict(result: CombinationResult, language: str) -> dict:
    worst = result.worst_pairs
    findings = [f for pair in result.pairs for f in pair.findings]
    names = {s.id: display_name(s, result.typed_for(s), language) for s in result.substances}
    notes = [n for n in result.named if n.note is not None]
    note_sources = tuple(n.source for n in notes if n.source)
    return {
        "substances": [{"id": s.id, "name": names[s.id]} for s in result.substances],
        # What a mixture or a pressed pill the person named is taken to hold.
        "mixtures": [
            {
                "name": display_name(n.substances, n.typed, language),
                "substances": [s.id for s in n.substances],
                "note": n.note.in_language(language) if n.note else "",
            }
            for n in notes
        ],
        **_level(result.risk, language),
        # The worst pairs' explanations, a rule shared by two pairs said once.
        "reason": " ".join(
            dict.fromkeys(f.reason.in_language(language) for p in worst for f in p.findings)
        ),
        "advice": _advice(composed_advice(findings), language),
        "explanations": _explanations(result, language, names),
        "sources": _sources(
            tuple(dict.fromkeys([*note_sources, *(k for p in result.pairs for k in p.sources)]))
        ),
        "pairs": [pair_as_dict(pair, language, names) for pair in result.pairs],
    }
