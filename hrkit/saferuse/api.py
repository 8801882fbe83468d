from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Query, Router, Schema

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
    risk: str
    risk_label: str
    mechanisms: list[str]
    reason: str
    advice: str
    sources: list[SourceOut]


class CombinationOut(Schema):
    substances: list[SubstanceName]
    risk: str
    risk_label: str
    reason: str
    advice: str
    pairs: list[PairOut]


@router.get("/combinations", response=CombinationOut, summary="Rate a combination of substances")
def combinations(request: HttpRequest, query: Query[CombinationQuery]) -> dict:
    """`substances` is a comma-separated list of two to eight names (brand and street
    names work). Risk levels: low_risk, caution, unsafe, dangerous."""
    language = query.lang if query.lang in ("en", "es") else get_language()
    return combination_as_dict(check_combination(query.substances.split(",")), language)


@router.get("/substances", response=list[SubstanceName], summary="Substances the checker knows")
def substances(request: HttpRequest, lang: str | None = None) -> list[dict]:
    language = lang if lang in ("en", "es") else get_language()
    return [
        {"id": s.id, "name": s.name.in_language(language)} for s in catalogue().substances.values()
    ]
