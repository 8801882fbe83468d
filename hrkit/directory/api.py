"""The directory's JSON API: the locator and the terms people can filter by."""

import dataclasses
from datetime import datetime
from typing import Any, get_args, get_origin, get_type_hints

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema
from pydantic import create_model

from hrkit.core.json import json_response
from hrkit.directory.locate_query import parse_locate_query
from hrkit.directory.locator import (
    LocatedService,
    LocateResult,
    RemoteService,
    locate,
)
from hrkit.directory.models import TaxonomyTerm

router = Router(tags=["directory"])


class HoursOut(Schema):
    opens: str = Field(description="HH:MM, wall-clock time in the location's time zone")
    closes: str = Field(description="HH:MM; earlier than opens means after midnight")


class OpensNextOut(Schema):
    at: datetime = Field(description="The next opening, with the offset of the hours' time zone")
    text: str = Field(description='"Opens next: Tuesday 9 a.m." in the request\'s language')


OPENS_NEXT = (
    OpensNextOut | None,
    Field(None, description="When a place closed now opens next (within 45 days), else null"),
)


class PlaceOut(Schema):
    zip_code: str
    city: str
    state: str
    county: str
    time_zone: str


class OriginOut(Schema):
    latitude: float
    longitude: float
    place: PlaceOut | None = Field(
        description="The ZIP code searched for or, for coordinates, the nearest ZIP code"
    )
    place_is_nearest_zip: bool


def _schema_of(source: type, name: str, **overrides: Any) -> type[Schema]:
    """A response schema with the fields of a result dataclass (tuples become lists).

    One list of fields: the locator's dataclass; the schema only documents it.
    """
    fields: dict[str, Any] = {}
    hints = get_type_hints(source)
    for item in dataclasses.fields(source):
        kind = hints[item.name]
        if get_origin(kind) is tuple:
            kind = list[get_args(kind)[0]]  # type: ignore[misc]
        fields[item.name] = overrides.get(item.name, (kind, ...))
    return create_model(name, __base__=Schema, **fields)


LocatedServiceOut = _schema_of(
    LocatedService,
    "LocatedServiceOut",
    today_hours=(list[HoursOut], ...),
    opens_next=OPENS_NEXT,
)
RemoteServiceOut = _schema_of(
    RemoteService,
    "RemoteServiceOut",
    area_kind=(str, Field(description="nationwide, state, county or zip")),
    opens_next=OPENS_NEXT,
)


class PaginationOut(Schema):
    page: int
    page_size: int
    total: int = Field(description="Matches within the radius, counted up to 1,000")
    total_capped: bool = Field(
        description="True when there are more than 1,000 matches; the nearest 1,000 are listed"
    )
    pages: int
    next_page: int | None
    previous_page: int | None


class LocateOut(Schema):
    origin: OriginOut
    results: list[LocatedServiceOut]  # type: ignore[valid-type]
    also_available: list[RemoteServiceOut] = Field(  # type: ignore[valid-type]
        description="Services reaching the origin by phone, video, mail or online"
    )
    pagination: PaginationOut


class LocateParams(Schema):
    zip: str | None = Field(None, description="5-digit US ZIP code (or give lat and lon)")
    lat: str | None = Field(None, description="Latitude, -90 to 90")
    lon: str | None = Field(None, description="Longitude, -180 to 180")
    service: list[str] = Field(
        [], description="Service type codes, any of; repeat or separate with commas"
    )
    attribute: list[str] = Field(
        [], description="Attribute codes (low barrier, cost, audience, access), all of"
    )
    language: str | None = Field(None, description="ISO 639-1 code of a language spoken")
    open_now: bool = False
    radius_km: str | None = Field(None, description="Search radius, more than 0 and at most 500")
    radius_miles: str | None = Field(None, description="The radius in miles, instead of km")
    page: str = "1"
    page_size: str = "20"


class TermOut(Schema):
    code: str
    name: str
    taxonomy: str


def _hours(pairs: tuple) -> list[dict]:
    return [{"opens": f"{o:%H:%M}", "closes": f"{c:%H:%M}"} for o, c in pairs]


def _located(item: LocatedService) -> dict:
    body = dict(item.__dict__)
    body["today_hours"] = _hours(item.today_hours)
    return body


def _remote(item: RemoteService) -> dict:
    return dict(item.__dict__)


def _locate_body(result: LocateResult) -> dict:
    origin, page = result.origin, result.page
    place = origin.place
    return {
        "origin": {
            "latitude": origin.point.latitude,
            "longitude": origin.point.longitude,
            "place": None
            if place is None
            else {
                "zip_code": place.zip_code,
                "city": place.city,
                "state": place.state,
                "county": place.county,
                "time_zone": place.time_zone,
            },
            "place_is_nearest_zip": origin.place_is_nearest_zip,
        },
        "results": [_located(item) for item in page.items],
        "also_available": [_remote(item) for item in result.also_available],
        "pagination": {
            "page": page.page,
            "page_size": page.page_size,
            "total": page.total,
            "total_capped": page.total_capped,
            "pages": page.pages,
            "next_page": page.page + 1 if page.has_next else None,
            "previous_page": page.page - 1 if page.has_previous else None,
        },
    }


@router.get("/locate", response=LocateOut, summary="Services near a place, nearest first")
def locate_services(request: HttpRequest, params: Query[LocateParams]) -> HttpResponse:
    query = parse_locate_query(
        zip=params.zip,
        lat=params.lat,
        lon=params.lon,
        service=params.service,
        attribute=params.attribute,
        language=params.language,
        open_now=params.open_now,
        radius_km=params.radius_km,
        radius_miles=params.radius_miles,
        page=params.page,
        page_size=params.page_size,
    )
    # The body is built from typed dataclasses in the shape of LocateOut;
    # sending it as it is skips a second validation that costs more than the search.
    return json_response(_locate_body(locate(query)))


@router.get("/taxonomy", response=list[TermOut], summary="The terms a search can filter by")
def taxonomy_terms(request: HttpRequest) -> list[dict]:
    language = (get_language() or "en").split("-")[0]
    return [
        {"code": term.code, "name": term.name_in(language), "taxonomy": term.taxonomy}
        for term in TaxonomyTerm.objects.all()
    ]
