"""The locator: services near a place, nearest first, with today's hours.

One service for the JSON API (GET /api/v1/locate) and the public /find/ page:
hrkit.directory.locate_query.parse_locate_query turns what a person sent into
a LocateQuery (or raises an ApiError naming the field), locate answers it.
docs/locator.md explains how the search works.
"""

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from django.db import connection
from django.utils.dateformat import format as date_format
from django.utils.dateformat import time_format
from django.utils.formats import get_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hrkit.core.geo import (
    EARTH_RADIUS_KM,
    KM_PER_MILE,
    Point,
    ZipPlace,
    bounding_box,
    great_circle_km,
    unit_vector,
)
from hrkit.core.pagination import Page
from hrkit.directory.hours import (
    HoursNow,
    ScheduleRule,
    hours_now,
    is_open_at,
    rules_from_json,
    zone_named,
)
from hrkit.directory.locate_query import LocateQuery, Origin
from hrkit.directory.models import (
    RemoteCard,
    SearchCard,
    SearchEntry,
    ServiceArea,
)
from hrkit.directory.phones import display_phone, tel_href
from hrkit.directory.search_index import grid_cell

# A search lists at most this many matches, nearest first, and counts up to
# it: past it a page says "more than 1,000" (as search engines cap a total),
# so a city centre costs about what a small town does. open_now, decided in
# Python from the schedules, looks at this many of the nearest matches.
MAX_MATCHES = 1000
# The dot product of a row's unit vector with the origin's: larger is nearer.
CLOSENESS = "(x * %s + y * %s + z * %s)"
ALSO_AVAILABLE_LIMIT = 50
# Past this many grid squares the square filter costs more than it saves.
MAX_CELLS = 2500


@dataclass(frozen=True)
class LocatedService:
    service_at_location_id: int
    service_at_location_hsds_id: str
    service_id: int
    service_hsds_id: str
    location_id: int
    location_hsds_id: str
    service_name: str
    organization_name: str
    location_name: str
    address: str
    latitude: float
    longitude: float
    distance_km: float
    distance_miles: float
    directions_url: str
    phone: str
    phone_href: str
    website: str
    time_zone: str
    today_hours: tuple[tuple[time, time], ...]
    hours_text: str
    open_now: bool
    service_types: tuple[str, ...]
    attributes: tuple[str, ...]
    languages: tuple[str, ...]
    last_verified: date | None
    opens_next: "OpensNext | None" = None


@dataclass(frozen=True)
class OpensNext:
    """When a place that is closed now opens next: the moment in its zone, and a few words."""

    at: datetime
    text: str


@dataclass(frozen=True)
class RemoteService:
    """A service that reaches the origin by phone, video, mail or online, whatever the distance."""

    service_id: int
    service_hsds_id: str
    service_name: str
    organization_name: str
    area_kind: str
    area_name: str
    phone: str
    phone_href: str
    website: str
    hours_text: str
    open_now: bool
    service_types: tuple[str, ...]
    attributes: tuple[str, ...]
    languages: tuple[str, ...]
    last_verified: date | None
    opens_next: OpensNext | None = None


@dataclass(frozen=True)
class LocateResult:
    origin: Origin
    page: Page[LocatedService]
    also_available: tuple[RemoteService, ...]


# --- the search --------------------------------------------------------------


def locate(query: LocateQuery) -> LocateResult:
    """The services near query.origin that match its filters, nearest first, one page."""
    ranked, total, capped = _ranked_ids(query)
    items = _describe(ranked, query)
    page = Page(
        items=items,
        page=query.page.page,
        page_size=query.page.page_size,
        total=total,
        total_capped=capped,
    )
    return LocateResult(
        origin=query.origin, page=page, also_available=tuple(_also_available(query))
    )


def _cells(query: LocateQuery, radius_km: float) -> list[int] | None:
    box = bounding_box(query.origin.point, radius_km)
    first, last = (
        grid_cell(box.min_latitude, box.min_longitude),
        grid_cell(box.max_latitude, box.max_longitude),
    )
    rows = range(first // 1000, last // 1000 + 1)
    columns = range(first % 1000, last % 1000 + 1)
    if len(rows) * len(columns) > MAX_CELLS:
        return None
    return [r * 1000 + c for r in rows for c in columns]


def _where(query: LocateQuery, radius_km: float) -> tuple[str, list]:
    """The WHERE clause of the search table's rows that match within radius_km.

    Plain SQL that SQLite and PostgreSQL read alike: the ORM would rebuild the
    same statement on every request, which costs more than running it.
    """
    origin = query.origin.point
    box = bounding_box(origin, radius_km)
    # Points within the radius are those whose unit vectors meet the origin's
    # at an angle of at most radius/R: a dot product of at least its cosine.
    min_closeness = math.cos(radius_km / EARTH_RADIUS_KM)
    types = list(query.service_types) or [SearchEntry.ANY_SERVICE_TYPE]
    conditions = [
        f"service_type IN ({', '.join(['%s'] * len(types))})",
        "latitude BETWEEN %s AND %s",
        "longitude BETWEEN %s AND %s",
        f"{CLOSENESS} >= %s",
    ]
    params: list = [
        *types,
        box.min_latitude,
        box.max_latitude,
        box.min_longitude,
        box.max_longitude,
        *unit_vector(origin.latitude, origin.longitude),
        min_closeness,
    ]
    cells = _cells(query, radius_km)
    if cells is not None:
        conditions.append(f"cell IN ({', '.join(['%s'] * len(cells))})")
        params.extend(cells)
    _add_code_filters(query, conditions, params)
    return " AND ".join(conditions), params


def _add_code_filters(query: LocateQuery, conditions: list[str], params: list) -> None:
    """Attributes (all of) and language, on columns of codes wrapped in commas."""
    for code in query.attributes:
        conditions.append("attributes LIKE %s ESCAPE '!'")
        params.append(f"%,{_like_literal(code)},%")
    if query.language:
        conditions.append("languages LIKE %s ESCAPE '!'")
        params.append(f"%,{_like_literal(query.language)},%")


def _like_literal(code: str) -> str:
    return code.replace("!", "!!").replace("%", "!%").replace("_", "!_")


def _nearest_within(query: LocateQuery, radius_km: float, limit: int) -> list[int]:
    """Up to `limit` matching ids within radius_km, nearest first."""
    where, params = _where(query, radius_km)
    ox, oy, oz = unit_vector(query.origin.point.latitude, query.origin.point.longitude)
    table = SearchEntry._meta.db_table
    if len(query.service_types) > 1:
        # A place with two of the requested types has two rows: keep its best.
        sql = (
            f"SELECT service_at_location_id, MAX({CLOSENESS}) AS closeness FROM {table} "
            f"WHERE {where} GROUP BY service_at_location_id"
        )
    else:
        sql = f"SELECT service_at_location_id, {CLOSENESS} AS closeness FROM {table} WHERE {where}"
    sql += " ORDER BY closeness DESC, service_at_location_id LIMIT %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [ox, oy, oz, *params, limit])
        return [row[0] for row in cursor.fetchall()]


def _count(query: LocateQuery) -> tuple[int, bool]:
    """The number of matches within the radius, up to MAX_MATCHES, and whether there are more.

    The scan stops after enough rows: each place has at most one row per
    requested type, so that many rows hold more than MAX_MATCHES places.
    """
    where, params = _where(query, query.radius_km)
    row_limit = (MAX_MATCHES + 1) * max(1, len(query.service_types))
    sql = (
        "SELECT COUNT(DISTINCT service_at_location_id), COUNT(*) FROM ("
        f"SELECT service_at_location_id FROM {SearchEntry._meta.db_table} "
        f"WHERE {where} LIMIT %s) AS matches"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, row_limit])
        places, rows = cursor.fetchone()
    if rows == row_limit or places > MAX_MATCHES:
        return MAX_MATCHES, True
    return int(places), False


def _nearest(query: LocateQuery, limit: int, crowded: bool) -> list[int]:
    """The `limit` nearest matching ids within the radius.

    Where matches are crowded, the nearest few lie well inside the radius: a
    smaller disc is read first and widened until it holds enough. Every match
    inside a disc is nearer than any outside it, so the answer is exact.
    """
    radius = query.radius_km
    if crowded:
        radius = min(radius, query.radius_km * 2 * math.sqrt(limit / MAX_MATCHES))
    while True:
        ids = _nearest_within(query, radius, limit)
        if len(ids) >= limit or radius >= query.radius_km:
            return ids
        radius = min(query.radius_km, radius * 2)


def _ranked_ids(query: LocateQuery) -> tuple[list[int], int, bool]:
    """The ids of the requested page, nearest first, the total and whether it is capped."""
    start, end = query.page.offset, query.page.offset + query.page.page_size
    total, capped = _count(query)
    if not query.open_now:
        if start >= total:
            return [], total, capped
        return _nearest(query, min(end, total), capped)[start:end], total, capped
    candidates = _nearest(query, total, capped) if total else []
    hours: dict[int, tuple[str | list, str]] = {}
    for chunk in _chunks(candidates, 500):
        sql = (
            f"SELECT service_at_location_id, schedules, time_zone FROM {SearchCard._meta.db_table}"
            f" WHERE service_at_location_id IN ({', '.join(['%s'] * len(chunk))})"
        )
        for row in _rows(sql, chunk):
            hours[row["service_at_location_id"]] = (row["schedules"], row["time_zone"])
    open_ids = [
        sal_id
        for sal_id in candidates
        if sal_id in hours and is_open_at(_rules(hours[sal_id][0]), query.at, hours[sal_id][1])
    ]
    return open_ids[start:end], len(open_ids), capped


def _rows(sql: str, params: list) -> list[dict]:
    """Rows as dicts by column name, through a plain cursor.

    Model instances and the JSON field's decoding cost more than the rest of a
    result; schedules are decoded once per distinct text (rules_from_json).
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _describe(sal_ids: list[int], query: LocateQuery) -> list[LocatedService]:
    if not sal_ids:
        return []
    sql = (
        f"SELECT * FROM {SearchCard._meta.db_table} "
        f"WHERE service_at_location_id IN ({', '.join(['%s'] * len(sal_ids))})"
    )
    cards = {card["service_at_location_id"]: card for card in _rows(sql, sal_ids)}
    language = get_language()
    return [_located(cards[sal_id], query, language) for sal_id in sal_ids if sal_id in cards]


def _rules(schedules: str | list) -> tuple[ScheduleRule, ...]:
    """The rules of a card's schedules column (text on SQLite, maybe decoded elsewhere)."""
    return rules_from_json(schedules if isinstance(schedules, str) else json.dumps(schedules))


def _day(value: date | str | None) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _codes(text: str) -> tuple[str, ...]:
    return tuple(code for code in text.split(",") if code)


def _service_fields(card: dict) -> dict:
    """What a search card and a remote card both give a result, by field name."""
    return {
        "service_id": card["service_id"],
        "service_hsds_id": card["service_hsds_id"],
        "service_name": card["service_name"],
        "organization_name": card["organization_name"],
        "phone": display_phone(card["phone"]),
        "phone_href": tel_href(card["phone"], card["phone_extension"]),
        "website": card["website"],
        "service_types": _codes(card["service_types"]),
        "attributes": _codes(card["attributes"]),
        "languages": _codes(card["languages"]),
        "last_verified": _day(card["last_verified"]),
    }


def _located(card: dict, query: LocateQuery, language: str) -> LocatedService:
    point = Point(card["latitude"], card["longitude"])
    distance = great_circle_km(query.origin.point, point)
    zone = zone_named(card["time_zone"])
    schedules = _rules(card["schedules"])
    now = hours_now(schedules, query.at, zone.key)
    return LocatedService(
        service_at_location_id=card["service_at_location_id"],
        service_at_location_hsds_id=card["service_at_location_hsds_id"],
        location_id=card["location_id"],
        location_hsds_id=card["location_hsds_id"],
        location_name=card["location_name"],
        address=card["address"],
        latitude=card["latitude"],
        longitude=card["longitude"],
        distance_km=round(distance, 2),
        distance_miles=round(distance / KM_PER_MILE, 2),
        directions_url=directions_url(point),
        time_zone=zone.key,
        today_hours=now.today.windows,
        **_hours_fields(bool(schedules), now, language),
        **_service_fields(card),
    )


def directions_url(point: Point) -> str:
    """OpenStreetMap directions to the point; the person chooses where from."""
    return (
        f"https://www.openstreetmap.org/directions?to={point.latitude:.6f}%2C{point.longitude:.6f}"
    )


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    # SQLite allows at most 999 parameters in older builds.
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _hours_fields(has_schedules: bool, now: HoursNow, language: str) -> dict:
    """What a located and a remote result both say about hours, by field name."""
    opens_next = None
    if now.opens_next is not None:
        opens_next = OpensNext(now.opens_next, opens_next_text(now.opens_next, now.today_date))
    return {
        "hours_text": hours_text(
            has_schedules, now.today.windows, language, open_all_day=now.today.open_all_day
        ),
        "open_now": now.open_now,
        "opens_next": opens_next,
    }


def hours_text(
    has_schedules: bool,
    today_hours: Sequence[tuple[time, time]],
    language: str | None = None,
    *,
    open_all_day: bool = False,
) -> str:
    """A few words for today's hours, in the active language (its code may be passed in).

    open_all_day (hrkit.directory.hours.DayHours) says the day has no closed
    moment, however its windows read on the clock.
    """
    return _hours_text(has_schedules, tuple(today_hours), language or get_language(), open_all_day)


@lru_cache(maxsize=2048)
def _hours_text(
    has_schedules: bool,
    today_hours: tuple[tuple[time, time], ...],
    language: str | None,
    open_all_day: bool,
) -> str:
    # The language is only part of the key: the same hours read differently in Spanish.
    if not has_schedules:
        return _("Hours not listed")
    if open_all_day:
        return _("Open 24 hours")
    if not today_hours:
        return _("Closed today")
    style = get_format("TIME_FORMAT")
    return ", ".join(
        f"{time_format(opens, style)}–{time_format(closes, style)}" for opens, closes in today_hours
    )


def opens_next_text(moment: datetime, today: date) -> str:
    """ "Opens next: Tuesday 9 a.m." in the active language; moment is in the place's zone."""
    day = moment.date()
    clock = time_format(moment.time(), get_format("TIME_FORMAT"))
    if day == today:
        when = _("today")
    elif day == today + timedelta(days=1):
        when = _("tomorrow")
    elif day < today + timedelta(days=7):
        when = date_format(day, "l")
    else:
        # Past a week a day name alone would point at the wrong week.
        when = _("%(weekday)s, %(date)s") % {
            "weekday": date_format(day, "l"),
            "date": date_format(day, get_format("MONTH_DAY_FORMAT")),
        }
    return _("Opens next: %(day)s %(time)s") % {"day": when, "time": clock}


# --- remote services ---------------------------------------------------------


def _area_name(card: dict) -> str:
    if card["area_name"]:
        return card["area_name"]
    if card["area_kind"] == ServiceArea.Kind.NATIONWIDE:
        return _("Anywhere in the US")
    if card["area_kind"] == ServiceArea.Kind.STATE:
        return card["state"]
    if card["area_kind"] == ServiceArea.Kind.COUNTY:
        return f"{card['county']}, {card['state']}"
    return card["zip_code"]


def _remote_sql(query: LocateQuery, place: ZipPlace) -> tuple[str, list]:
    """The remote cards whose area holds the place and which match the filters, best first."""
    conditions = [
        "(area_kind = %s OR (area_kind = %s AND state = %s)"
        " OR (area_kind = %s AND state = %s AND county_key = %s)"
        " OR (area_kind = %s AND zip_code = %s))"
    ]
    state = place.state.upper()
    params: list = [
        ServiceArea.Kind.NATIONWIDE.value,
        ServiceArea.Kind.STATE.value,
        state,
        ServiceArea.Kind.COUNTY.value,
        state,
        place.county.upper(),
        ServiceArea.Kind.ZIP.value,
        place.zip_code,
    ]
    if query.service_types:
        conditions.append(
            "(" + " OR ".join(["service_types LIKE %s ESCAPE '!'"] * len(query.service_types)) + ")"
        )
        params.extend(f"%,{_like_literal(code)},%" for code in query.service_types)
    _add_code_filters(query, conditions, params)
    sql = (
        f"SELECT * FROM {RemoteCard._meta.db_table} WHERE {' AND '.join(conditions)}"
        " ORDER BY area_rank, service_name, service_id, service_area_id"
    )
    return sql, params


def _also_available(query: LocateQuery) -> list[RemoteService]:
    place = query.origin.place
    if place is None:
        return []
    sql, params = _remote_sql(query, place)
    # Ordered most local area first: a service's first card is its best area.
    best: dict[int, dict] = {}
    for card in _rows(sql, params):
        best.setdefault(card["service_id"], card)
        if len(best) == ALSO_AVAILABLE_LIMIT:
            break
    remote = []
    language = get_language()
    for card in best.values():
        schedules = _rules(card["schedules"])
        now = hours_now(schedules, query.at, place.time_zone)
        remote.append(
            RemoteService(
                area_kind=card["area_kind"],
                area_name=_area_name(card),
                **_hours_fields(bool(schedules), now, language),
                **_service_fields(card),
            )
        )
    return remote
