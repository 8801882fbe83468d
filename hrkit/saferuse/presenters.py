"""A combination result as plain data, in one language: the JSON of the API and CLI."""

from hrkit.saferuse.catalogue import catalogue
from hrkit.saferuse.combinations import CombinationResult, PairRating, level_label


def pair_as_dict(pair: PairRating, language: str) -> dict:
    sources = catalogue().sources
    return {
        "substances": [pair.first.id, pair.second.id],
        "risk": pair.risk,
        "risk_label": level_label(pair.risk),
        "mechanisms": [f.mechanism for f in pair.findings],
        "reason": " ".join(f.reason.in_language(language) for f in pair.findings),
        "advice": " ".join(f.advice.in_language(language) for f in pair.findings),
        "sources": [
            {
                "publisher": sources[f.source].publisher,
                "title": sources[f.source].title,
                "url": sources[f.source].url,
            }
            for f in pair.findings
        ],
    }


def combination_as_dict(result: CombinationResult, language: str) -> dict:
    worst = result.worst_pairs
    return {
        "substances": [
            {"id": s.id, "name": s.name.in_language(language)} for s in result.substances
        ],
        "risk": result.risk,
        "risk_label": level_label(result.risk),
        "reason": " ".join(
            dict.fromkeys(f.reason.in_language(language) for p in worst for f in p.findings)
        ),
        "advice": " ".join(
            dict.fromkeys(f.advice.in_language(language) for p in worst for f in p.findings)
        ),
        "pairs": [pair_as_dict(pair, language) for pair in result.pairs],
    }
