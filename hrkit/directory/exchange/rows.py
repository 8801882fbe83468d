"""hrkit rows as HSDS 3 objects: the fields of each table, in the order HSDS lists them.

One builder per table serves both exports: the JSON export nests the objects,
the datapackage writes them as CSV rows. Values are JSON types; None means
"no value" (left out of JSON, an empty CSV cell). Related objects must be
loaded with select_related/prefetch_related by the caller, so a builder never
queries.
"""

import uuid
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hrkit.directory import models as m
from hrkit.directory.exchange.tables import EXTRA

Row = dict[str, Any]

# Attribute ids are derived from the service and term they link, so the same
# directory always exports the same ids (hrkit keeps the link, not a row).
ATTRIBUTE_NAMESPACE = uuid.UUID("6f1d3c52-5b8e-4c1a-9d0e-3a7e5b2c9f41")

COLUMNS: dict[str, list[str]] = {
    "taxonomy_term": [
        "id", "code", "name", "description", "parent_id", "taxonomy_id",
        EXTRA + "translations", EXTRA + "sort_order",
    ],
    "organization": ["id", "name", "alternate_name", "description", "email", "website"],
    "service": [
        "id", "organization_id", "name", "alternate_name", "description", "url", "email",
        "status", "interpretation_services", "application_process", "fees_description",
        "eligibility_description", "minimum_age", "maximum_age", "assured_date", "alert",
    ],
    "location": [
        "id", "location_type", "url", "organization_id", "name", "alternate_name",
        "description", "transportation", "latitude", "longitude", EXTRA + "time_zone",
    ],
    "service_at_location": ["id", "service_id", "location_id", "description"],
    "contact": [
        "id", "organization_id", "service_id", "service_at_location_id", "location_id",
        "name", "title", "department", "email",
    ],
    "phone": [
        "id", "location_id", "service_id", "organization_id", "contact_id",
        "service_at_location_id", "number", "extension", "type", "description",
        EXTRA + "extension",
    ],
    "language": ["id", "service_id", "location_id", "phone_id", "name", "code", "note"],
    "accessibility": ["id", "location_id", "description", "details", "url"],
    "address": [
        "id", "location_id", "attention", "address_1", "address_2", "city", "region",
        "state_province", "postal_code", "country", "address_type",
    ],
    "schedule": [
        "id", "service_id", "location_id", "service_at_location_id", "valid_from", "valid_to",
        "dtstart", "timezone", "until", "count", "wkst", "freq", "interval", "byday",
        "byweekno", "bymonthday", "byyearday", "description", "opens_at", "closes_at",
        "schedule_link", "attending_type", "notes", EXTRA + "time_zone",
        EXTRA + "bymonthday", EXTRA + "byyearday",
    ],
    "service_area": ["id", "service_id", "name", "description", "extent", "extent_type"],
    "cost_option": [
        "id", "service_id", "valid_from", "valid_to", "option", "currency", "amount",
        "amount_description",
    ],
    "attribute": ["id", "link_id", "link_type", "link_entity", "taxonomy_term_id", "value"],
}  # fmt: skip


def _hsds_id(related: m.HsdsModel | None) -> str | None:
    return related.hsds_id if related is not None else None


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _clock(value: time | None) -> str | None:
    if value is None:
        return None
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


def term_row(term: m.TaxonomyTerm) -> Row:
    return {
        "id": term.hsds_id,
        "code": term.code,
        "name": term.name,
        "description": term.description,
        "parent_id": _hsds_id(term.parent),
        "taxonomy_id": term.taxonomy,
        EXTRA + "translations": dict(sorted(term.translations.items())),
        EXTRA + "sort_order": term.sort_order,
    }


def taxonomy_object(code: str) -> Row:
    label = str(m.TaxonomyTerm.Taxonomy(code).label)
    return {"id": code, "name": label, "description": f"hrkit taxonomy: {label}"}


def attribute_row(service: m.Service, term: m.TaxonomyTerm) -> Row:
    return {
        "id": str(uuid.uuid5(ATTRIBUTE_NAMESPACE, f"{service.hsds_id} {term.hsds_id}")),
        "link_id": service.hsds_id,
        "link_type": term.taxonomy,
        "link_entity": "service",
        "taxonomy_term_id": term.hsds_id,
        "value": None,
    }


def organization_row(organization: m.Organization) -> Row:
    return {
        "id": organization.hsds_id,
        "name": organization.name,
        "alternate_name": organization.alternate_name,
        "description": organization.description,
        "email": organization.email,
        "website": organization.website,
    }


def service_row(service: m.Service) -> Row:
    return {
        "id": service.hsds_id,
        "organization_id": service.organization.hsds_id,
        "name": service.name,
        "alternate_name": service.alternate_name,
        "description": service.description,
        "url": service.url,
        "email": service.email,
        "status": service.status,
        "interpretation_services": service.interpretation_services,
        "application_process": service.application_process,
        "fees_description": service.fees_description,
        "eligibility_description": service.eligibility_description,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "assured_date": _day(service.last_verified),
        "alert": service.alert,
    }


def location_row(location: m.Location) -> Row:
    return {
        "id": location.hsds_id,
        "location_type": location.location_type,
        "url": location.url,
        "organization_id": _hsds_id(location.organization),
        "name": location.name,
        "alternate_name": location.alternate_name,
        "description": location.description,
        "transportation": location.transportation,
        "latitude": location.latitude,
        "longitude": location.longitude,
        EXTRA + "time_zone": location.time_zone,
    }


def service_at_location_row(link: m.ServiceAtLocation) -> Row:
    return {
        "id": link.hsds_id,
        "service_id": link.service.hsds_id,
        "location_id": link.location.hsds_id,
        "description": link.description,
    }


def contact_row(contact: m.Contact) -> Row:
    return {
        "id": contact.hsds_id,
        "organization_id": _hsds_id(contact.organization),
        "service_id": _hsds_id(contact.service),
        "service_at_location_id": _hsds_id(contact.service_at_location),
        "location_id": _hsds_id(contact.location),
        "name": contact.name,
        "title": contact.title,
        "department": contact.department,
        "email": contact.email,
    }


def phone_row(phone: m.Phone) -> Row:
    # HSDS types the extension as a number; one that is not a plain number
    # (leading zero, letters) is kept whole in the hrkit extra instead.
    numeric = phone.extension.isdigit() and not phone.extension.startswith("0")
    return {
        "id": phone.hsds_id,
        "location_id": _hsds_id(phone.location),
        "service_id": _hsds_id(phone.service),
        "organization_id": _hsds_id(phone.organization),
        "contact_id": _hsds_id(phone.contact),
        "service_at_location_id": _hsds_id(phone.service_at_location),
        "number": phone.number,
        "extension": int(phone.extension) if numeric else None,
        "type": phone.type,
        "description": phone.description,
        EXTRA + "extension": phone.extension if phone.extension and not numeric else None,
    }


def language_row(language: m.Language) -> Row:
    return {
        "id": language.hsds_id,
        "service_id": _hsds_id(language.service),
        "location_id": _hsds_id(language.location),
        "phone_id": _hsds_id(language.phone),
        "name": language.name,
        "code": language.code,
        "note": language.note,
    }


def accessibility_row(accessibility: m.Accessibility) -> Row:
    return {
        "id": accessibility.hsds_id,
        "location_id": accessibility.location.hsds_id,
        "description": accessibility.description,
        "details": accessibility.details,
        "url": accessibility.url,
    }


def address_row(address: m.Address) -> Row:
    return {
        "id": address.hsds_id,
        "location_id": address.location.hsds_id,
        "attention": address.attention,
        "address_1": address.address_1,
        "address_2": address.address_2,
        "city": address.city,
        "region": address.region,
        "state_province": address.state_province,
        "postal_code": address.postal_code,
        "country": address.country,
        "address_type": address.address_type,
    }


@lru_cache(maxsize=1024)
def utc_offset_hours(zone_name: str, on: date | None) -> float | int | None:
    """The zone's UTC offset on a day, or its standard offset when no day is given."""
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    if on is not None:
        offset = datetime.combine(on, time(12), zone).utcoffset()
    else:
        year = date.today().year
        # Daylight saving only ever adds, so the smaller of a January and a
        # July offset is standard time in either hemisphere.
        offset = min(
            datetime(year, 1, 15, 12, tzinfo=zone).utcoffset(),  # type: ignore[type-var]
            datetime(year, 7, 15, 12, tzinfo=zone).utcoffset(),  # type: ignore[type-var]
        )
    if offset is None:
        return None
    hours = offset.total_seconds() / 3600
    return int(hours) if hours.is_integer() else hours


def _single_number(value: str) -> int | None:
    return int(value) if value.lstrip("-").isdigit() else None


def schedule_row(schedule: m.Schedule) -> Row:
    zone = schedule.time_zone
    if not zone and schedule.location is not None:
        zone = schedule.location.time_zone
    if not zone and schedule.service_at_location is not None:
        zone = schedule.service_at_location.location.time_zone
    monthday, yearday = _single_number(schedule.bymonthday), _single_number(schedule.byyearday)
    return {
        "id": schedule.hsds_id,
        "service_id": _hsds_id(schedule.service),
        "location_id": _hsds_id(schedule.location),
        "service_at_location_id": _hsds_id(schedule.service_at_location),
        "valid_from": _day(schedule.valid_from),
        "valid_to": _day(schedule.valid_to),
        "dtstart": _day(schedule.dtstart),
        "timezone": utc_offset_hours(zone, schedule.valid_from or schedule.dtstart)
        if zone
        else None,
        "until": _day(schedule.until),
        "count": str(schedule.count) if schedule.count is not None else None,
        "wkst": schedule.wkst or None,
        "freq": schedule.freq or None,
        "interval": schedule.interval,
        "byday": schedule.byday,
        "byweekno": schedule.byweekno,
        "bymonthday": monthday,
        "byyearday": yearday,
        "description": schedule.description,
        "opens_at": _clock(schedule.opens_at),
        "closes_at": _clock(schedule.closes_at),
        "schedule_link": schedule.schedule_link,
        "attending_type": schedule.attending_type,
        "notes": schedule.notes,
        EXTRA + "time_zone": schedule.time_zone,
        # HSDS types these as one number; a list such as "1,15" rides here.
        EXTRA + "bymonthday": schedule.bymonthday if monthday is None else None,
        EXTRA + "byyearday": schedule.byyearday if yearday is None else None,
    }


def service_area_row(area: m.ServiceArea) -> Row:
    if area.kind == m.ServiceArea.Kind.NATIONWIDE:
        extent = "nationwide:US"
    elif area.kind == m.ServiceArea.Kind.STATE:
        extent = f"state:{area.state}"
    elif area.kind == m.ServiceArea.Kind.COUNTY:
        extent = f"county:{area.state}:{area.county}"
    else:
        extent = f"zip:{area.zip_code}"
    return {
        "id": area.hsds_id,
        "service_id": area.service.hsds_id,
        "name": area.name,
        "description": area.description,
        "extent": extent,
        "extent_type": "text",
    }


def cost_option_row(cost: m.CostOption) -> Row:
    return {
        "id": cost.hsds_id,
        "service_id": cost.service.hsds_id,
        "valid_from": _day(cost.valid_from),
        "valid_to": _day(cost.valid_to),
        "option": cost.option,
        "currency": cost.currency,
        "amount": float(cost.amount) if cost.amount is not None else None,
        "amount_description": cost.amount_description,
    }


# Fields the HSDS 3 schemas give a `format` (uri, email): an empty string is
# not a valid address, so a validator that checks formats refuses it.
FORMATTED_FIELDS = frozenset(
    {"website", "schedule_link", "url", "uri", "term_uri", "email", "assurer_email"}
)


def without_empty(row: Row) -> Row:
    """The row for JSON: HSDS types have no null, so a missing value is left out,
    and so is an empty address or email, which its format would refuse."""
    return {
        key: value
        for key, value in row.items()
        if value is not None and not (value == "" and key in FORMATTED_FIELDS)
    }
