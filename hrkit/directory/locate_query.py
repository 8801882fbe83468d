"""What a person may ask the locator, checked: parse_locate_query makes a LocateQuery.

Every field that is wrong is named in one ApiError, with what is allowed
(docs/locator.md lists the fields).
"""

import math
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from hrkit.core.errors import ApiError, FieldProblem
from hrkit.core.geo import KM_PER_MILE, Point, ZipPlace, lookup_zip, nearest_zip
from hrkit.core.pagination import PageRequest
from hrkit.directory.models import TaxonomyTerm

DEFAULT_RADIUS_KM = 80.0  # about 50 miles
MAX_RADIUS_KM = 500.0
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class Origin:
    point: Point
    # The ZIP code searched for or, for coordinates, the nearest ZIP centre:
    # it says which state, county and ZIP a remote service must reach.
    place: ZipPlace | None
    place_is_nearest_zip: bool = False


@dataclass(frozen=True)
class LocateQuery:
    origin: Origin
    service_types: tuple[str, ...] = ()
    attributes: tuple[str, ...] = ()
    language: str | None = None
    open_now: bool = False
    radius_km: float = DEFAULT_RADIUS_KM
    page: PageRequest = field(default_factory=PageRequest)
    at: datetime = field(default_factory=timezone.now)


def parse_locate_query(
    *,
    zip: str | None = None,
    lat: str | float | None = None,
    lon: str | float | None = None,
    service: Iterable[str] = (),
    attribute: Iterable[str] = (),
    language: str | None = None,
    open_now: bool = False,
    radius_km: str | float | None = None,
    radius_miles: str | float | None = None,
    page: str | int = 1,
    page_size: str | int = 20,
    at: datetime | None = None,
) -> LocateQuery:
    """Check what a person sent; raise one ApiError naming every field that is wrong."""
    problems: list[FieldProblem] = []
    origin = _parse_origin(zip, lat, lon, problems)
    wanted_types, wanted_attributes = _split_codes(service), _split_codes(attribute)
    type_codes, attribute_codes = _known_codes()
    if wanted_types - set(type_codes) or wanted_attributes - set(attribute_codes):
        type_codes, attribute_codes = _known_codes(fresh=True)
    service_types = _parse_codes("service", wanted_types, type_codes, problems)
    attributes = _parse_codes("attribute", wanted_attributes, attribute_codes, problems)
    language_code = _parse_language(language, problems)
    radius = _parse_radius(radius_km, radius_miles, problems)
    page_request = _parse_page(page, page_size, problems)
    if at is not None and at.tzinfo is None:
        problems.append(FieldProblem("at", _("must carry a time zone")))
    if problems or origin is None or page_request is None:
        raise ApiError(
            message="; ".join(f"{p.field}: {p.message}" for p in problems), fields=problems
        )
    return LocateQuery(
        origin=origin,
        service_types=service_types,
        attributes=attributes,
        language=language_code,
        open_now=bool(open_now),
        radius_km=radius,
        page=page_request,
        at=at or timezone.now(),
    )


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _parse_number(value: str | float, name: str, low: float, high: float, problems: list) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not (math.isfinite(number) and low <= number <= high):
        problems.append(
            FieldProblem(
                name,
                _("must be a number from %(low)s to %(high)s")
                % {
                    "low": f"{low:g}",
                    "high": f"{high:g}",
                },
            )
        )
        return math.nan
    return number


def _parse_origin(
    zip_code: str | None, lat: str | float | None, lon: str | float | None, problems: list
) -> Origin | None:
    has_zip, has_lat, has_lon = not _blank(zip_code), not _blank(lat), not _blank(lon)
    if has_zip and (has_lat or has_lon):
        problems.append(FieldProblem("zip", _("give a ZIP code or lat and lon, not both")))
        return None
    if has_zip:
        place = lookup_zip(str(zip_code))
        if place is None:
            problems.append(FieldProblem("zip", _("must be a 5-digit US ZIP code that exists")))
            return None
        return Origin(point=place.point, place=place)
    if not has_lat and not has_lon:
        problems.append(FieldProblem("zip", _("give a 5-digit ZIP code, or lat and lon")))
        return None
    if not has_lon:
        problems.append(FieldProblem("lon", _("is needed with lat")))
        return None
    if not has_lat:
        problems.append(FieldProblem("lat", _("is needed with lon")))
        return None
    latitude = _parse_number(lat, "lat", -90, 90, problems)  # type: ignore[arg-type]
    longitude = _parse_number(lon, "lon", -180, 180, problems)  # type: ignore[arg-type]
    if math.isnan(latitude) or math.isnan(longitude):
        return None
    point = Point(latitude, longitude)
    return Origin(point=point, place=nearest_zip(point), place_is_nearest_zip=True)


# The taxonomy changes rarely (admin edits, imports), and reading it cost a
# database round trip on every search. Each worker keeps it this long; a code
# it does not know is looked up again before it is refused, so a new term
# works at once and only a removed one is accepted (and matches nothing) for
# up to this long.
KNOWN_CODES_SECONDS = 60.0
_known_codes_cache: tuple[float, tuple[list[str], list[str]]] | None = None


def forget_known_codes() -> None:
    """Drop this worker's copy of the taxonomy codes (after a change it made itself)."""
    global _known_codes_cache
    _known_codes_cache = None


def _known_codes(fresh: bool = False) -> tuple[list[str], list[str]]:
    """The service-type codes, and the codes of every other taxonomy (attributes)."""
    global _known_codes_cache
    now = time.monotonic()
    if not fresh and _known_codes_cache and now - _known_codes_cache[0] < KNOWN_CODES_SECONDS:
        return _known_codes_cache[1]
    types: list[str] = []
    attributes: list[str] = []
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT code, taxonomy FROM {TaxonomyTerm._meta.db_table} ORDER BY code")
        for code, taxonomy in cursor.fetchall():
            (types if taxonomy == TaxonomyTerm.Taxonomy.SERVICE_TYPE else attributes).append(code)
    _known_codes_cache = (now, (types, attributes))
    return types, attributes


def _split_codes(values: Iterable[str]) -> set[str]:
    """Codes from a repeated parameter whose items may be comma-separated."""
    return {part.strip().lower() for value in values or () for part in str(value).split(",")} - {""}


def _parse_codes(name: str, codes: set[str], allowed: list[str], problems: list) -> tuple[str, ...]:
    unknown = sorted(codes - set(allowed))
    if unknown:
        problems.append(
            FieldProblem(
                name,
                _("unknown code %(codes)s; allowed: %(allowed)s")
                % {
                    "codes": ", ".join(unknown),
                    "allowed": ", ".join(allowed),
                },
            )
        )
    return tuple(sorted(codes))


def _parse_language(language: str | None, problems: list) -> str | None:
    if _blank(language):
        return None
    code = str(language).strip().lower()
    if not LANGUAGE_CODE.match(code):
        problems.append(FieldProblem("language", _("must be an ISO 639-1 code such as en or es")))
        return None
    return code


def _parse_radius(
    radius_km: str | float | None, radius_miles: str | float | None, problems: list
) -> float:
    if not _blank(radius_km) and not _blank(radius_miles):
        problems.append(FieldProblem("radius_km", _("give radius_km or radius_miles, not both")))
        return DEFAULT_RADIUS_KM
    if not _blank(radius_miles):
        miles = _parse_positive(radius_miles, "radius_miles", MAX_RADIUS_KM / KM_PER_MILE, problems)
        return DEFAULT_RADIUS_KM if miles is None else miles * KM_PER_MILE
    if not _blank(radius_km):
        km = _parse_positive(radius_km, "radius_km", MAX_RADIUS_KM, problems)
        return DEFAULT_RADIUS_KM if km is None else km
    return DEFAULT_RADIUS_KM


def _parse_positive(
    value: str | float | None, name: str, high: float, problems: list
) -> float | None:
    """A number more than 0 and at most high, or None (with the problem noted)."""
    number = _parse_number(value, name, 0, high, problems)  # type: ignore[arg-type]
    if number == 0:
        problems.append(FieldProblem(name, _("must be more than 0")))
    return None if math.isnan(number) or number == 0 else number


def _parse_page(page: str | int, page_size: str | int, problems: list) -> PageRequest | None:
    numbers = {}
    for name, value in (("page", page), ("page_size", page_size)):
        try:
            numbers[name] = int(str(value).strip())
        except ValueError:
            problems.append(FieldProblem(name, _("must be a whole number")))
    if len(numbers) < 2:
        return None
    try:
        return PageRequest(page=numbers["page"], page_size=numbers["page_size"])
    except ApiError as error:
        problems.extend(error.fields)
        return None
