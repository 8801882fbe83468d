"""One place, for its own page (/find/place/<id>/): its services, the week's hours, closures ahead.

It reads the locator's search cards (one per active service at the place),
so the page says what a search says, from the same rows and the same hours
rules (hrkit.directory.hours).
"""

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hrkit.core.geo import Point
from hrkit.directory.hours import ScheduleRule, day_hours, hours_now, rules_from_json, zone_named
from hrkit.directory.locator import OpensNext, directions_url, hours_text, opens_next_text
from hrkit.directory.models import SearchCard
from hrkit.directory.phones import display_phone, tel_href

WEEK_DAYS = 7
CLOSURES_SHOWN = 10


@dataclass(frozen=True)
class DayOfWeek:
    day: date
    hours_text: str
    is_today: bool


@dataclass(frozen=True)
class Closure:
    """Dates the place is closed; last is None when no reopening date is given."""

    first: date
    last: date | None


@dataclass(frozen=True)
class PlaceHours:
    """Hours shared by some of a place's services (usually all of them)."""

    service_names: tuple[str, ...]
    listed: bool
    open_now: bool
    opens_next: OpensNext | None
    week: tuple[DayOfWeek, ...]
    closures: tuple[Closure, ...]


@dataclass(frozen=True)
class PlaceService:
    service_at_location_id: int
    service_name: str
    organization_name: str
    phone: str
    phone_href: str
    website: str
    service_types: tuple[str, ...]
    attributes: tuple[str, ...]
    languages: tuple[str, ...]
    last_verified: date | None


@dataclass(frozen=True)
class PlaceDetails:
    location_id: int
    location_name: str
    organization_names: tuple[str, ...]
    address: str
    directions_url: str
    geo_uri: str
    time_zone: str
    # The program's zone is the one people expect; any other is named on the page.
    time_zone_is_the_programs: bool
    services: tuple[PlaceService, ...]
    hours: tuple[PlaceHours, ...]
    last_verified: date | None


def describe_place(location_id: int, moment: datetime) -> PlaceDetails | None:
    """The place's page at this moment, or None when no active service is listed there."""
    cards: list[dict] = [
        dict(card)
        for card in SearchCard.objects.filter(location_id=location_id)
        .order_by("service_name", "service_at_location_id")
        .values()
    ]
    if not cards:
        return None
    first = cards[0]
    zone = zone_named(first["time_zone"])
    point = Point(first["latitude"], first["longitude"])
    services = tuple(_service(card) for card in cards)
    verified = [s.last_verified for s in services if s.last_verified]
    return PlaceDetails(
        location_id=location_id,
        location_name=first["location_name"],
        organization_names=tuple(dict.fromkeys(card["organization_name"] for card in cards)),
        address=first["address"],
        directions_url=directions_url(point),
        geo_uri=f"geo:{point.latitude:.6f},{point.longitude:.6f}",
        time_zone=zone.key,
        time_zone_is_the_programs=zone.key == zone_named(settings.TIME_ZONE).key,
        services=services,
        hours=_hours_groups(cards, moment, zone.key),
        last_verified=max(verified) if verified else None,
    )


def _codes(text: str) -> tuple[str, ...]:
    return tuple(code for code in text.split(",") if code)


def _service(card: dict) -> PlaceService:
    return PlaceService(
        service_at_location_id=card["service_at_location_id"],
        service_name=card["service_name"],
        organization_name=card["organization_name"],
        phone=display_phone(card["phone"]),
        phone_href=tel_href(card["phone"], card["phone_extension"]),
        website=card["website"],
        service_types=_codes(card["service_types"]),
        attributes=_codes(card["attributes"]),
        languages=_codes(card["languages"]),
        last_verified=card["last_verified"],
    )


def _hours_groups(cards: list[dict], moment: datetime, time_zone: str) -> tuple[PlaceHours, ...]:
    # Services that share their schedules share one week of hours on the page.
    by_schedules: dict[str, list[str]] = {}
    for card in cards:
        by_schedules.setdefault(json.dumps(card["schedules"]), []).append(card["service_name"])
    return tuple(
        _place_hours(rules_from_json(text), tuple(names), moment, time_zone)
        for text, names in by_schedules.items()
    )


def _place_hours(
    rules: tuple[ScheduleRule, ...], names: tuple[str, ...], moment: datetime, time_zone: str
) -> PlaceHours:
    now = hours_now(rules, moment, time_zone)
    language = get_language()
    week = []
    for offset in range(WEEK_DAYS):
        day = now.today_date + timedelta(days=offset)
        hours = day_hours(rules, day, time_zone)
        if hours.windows or hours.open_all_day:
            text = hours_text(True, hours.windows, language, open_all_day=hours.open_all_day)
        else:
            text = _("Closed")
        week.append(DayOfWeek(day, text, offset == 0))
    opens_next = None
    if now.opens_next is not None:
        opens_next = OpensNext(now.opens_next, opens_next_text(now.opens_next, now.today_date))
    return PlaceHours(
        service_names=names,
        listed=bool(rules),
        open_now=now.open_now,
        opens_next=opens_next,
        week=tuple(week),
        closures=closures_ahead(rules, now.today_date),
    )


def closures_ahead(rules: tuple[ScheduleRule, ...], today: date) -> tuple[Closure, ...]:
    """The closures (dated schedules without hours) that have not ended by today, soonest first."""
    closures = {
        Closure(max(rule.valid_from or today, today), rule.valid_to)
        for rule in rules
        if (rule.valid_from or rule.valid_to)
        and rule.opens_at is None
        and rule.closes_at is None
        and (rule.valid_to is None or rule.valid_to >= today)
    }
    return tuple(sorted(closures, key=lambda c: (c.first, c.last or date.max)))[:CLOSURES_SHOWN]
