from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema

from hrkit.saferuse.catalogue import catalogue
from hrkit.saferuse.combinations import check_combination
from hrkit.saferuse.presenters import combination_as_dict

router = Router(tags=["saferuse"])


class CombinationQuery(Schema):
    substances: str
    lang: str | None = None


class SubstanceName(Schema):
    id: str
    name: str


class SourceOut(Schema):
    publisher: str
    title: str
    url: str


class PairOut(Schema):
    substances: list[str]
    names: list[str]
    risk: str
    risk_label: str
    risk_meaning: str = Field(description="What the level means and what to do, in a line.")
    mechanisms: list[str]
    reason: str = Field(description="Why: one sentence for each mechanism, most severe first.")
    advice: list[str]
    sources: list[SourceOut] = Field(description="The sources of the rules behind `reason`.")


class ExplanationOut(Schema):
    pairs: list[list[str]] = Field(description="The pairs (by name) this reason applies to.")
    risk: str
    risk_label: str
    reason: str


class MixtureOut(Schema):
    name: str
    substances: list[str]
    note: str


class CombinationOut(Schema):
    substances: list[SubstanceName]
    mixtures: list[MixtureOut] = Field(
        description="Names that stand for several substances, or for a pill that likely "
        "holds another drug, with what they are taken to hold."
    )
    risk: str
    risk_label: str
    risk_meaning: str = Field(description="What the level means and what to do, in a line.")
    reason: str = Field(description="Why the worst pairs are rated as they are.")
    advice: list[str] = Field(description="Every pair's advice, each item once.")
    explanations: list[ExplanationOut] = Field(
        description="Each reason once, most severe first, with the pairs it applies to."
    )
    sources: list[SourceOut] = Field(description="Every pair's sources, each once.")
    pairs: list[PairOut]


@router.get("/combinations", response=CombinationOut, summary="Rate a combination of substances")
def combinations(request: HttpRequest, query: Query[CombinationQuery]) -> dict:
    """`substances` is a comma-separated list of two to eight names (brand and street
    names work). Risk levels, least to most: low_risk, caution, unsafe, dangerous;
    `risk_meaning` says what the level means and what to do."""
    language = query.lang if query.lang in ("en", "es") else get_language()
    result = check_combination(query.substances.split(","), language)
    return combination_as_dict(result, language)


@router.get("/substances", response=list[SubstanceName], summary="Substances the checker knows")
def substances(request: HttpRequest, lang: str | None = None) -> list[dict]:
    language = lang if lang in ("en", "es") else get_language()
    return [
        {"id": s.id, "name": s.name.in_language(language)} for s in catalogue().substances.values()
    ]
