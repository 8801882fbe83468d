"""Keeps the locator's search table (SearchEntry) in step with the directory.

Every bulk change to locations, services or their terms (imports, demo data,
admin edits) calls refresh_search_index afterwards, inside its transaction.
"""

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db import connection, transaction
from django.db.models import Q

from hrkit.core.geo import unit_vector
from hrkit.directory.hours import schedule_fields
from hrkit.directory.models import (
    Address,
    Language,
    Location,
    Phone,
    RemoteCard,
    Schedule,
    SearchCard,
    SearchEntry,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)

CHUNK_SIZE = 2000


def grid_cell(latitude: float, longitude: float) -> int:
    """The number of the grid square holding a point (rows of squares by latitude)."""
    size = SearchEntry.GRID_DEGREES
    row = math.floor((latitude + 90.0) / size)
    column = math.floor((longitude + 180.0) / size)
    return row * 1000 + column


def wrap_codes(codes: Iterable[str]) -> str:
    """ ",a,b," — the form SearchEntry keeps code lists in (empty when there are none)."""
    ordered = sorted(set(codes))
    return f",{','.join(ordered)}," if ordered else ""


AREA_RANK = {
    ServiceArea.Kind.ZIP: 0,
    ServiceArea.Kind.COUNTY: 1,
    ServiceArea.Kind.STATE: 2,
    ServiceArea.Kind.NATIONWIDE: 3,
}


def refresh_search_index(location_ids: Iterable[int] | None = None, *, remote: bool = True) -> None:
    """Bring the search index up to date for these locations (all when None).

    The remote cards are rebuilt too unless remote is False (a caller
    refreshing in many chunks rebuilds them once, with refresh_remote_cards).
    """
    ids = None if location_ids is None else sorted(set(location_ids))
    with transaction.atomic():
        if remote:
            refresh_remote_cards()
        stale_entries = SearchEntry.objects.all()
        stale_cards = SearchCard.objects.all()
        if ids is not None:
            stale_entries = stale_entries.filter(service_at_location__location_id__in=ids)
            stale_cards = stale_cards.filter(location_id__in=ids)
        stale_entries.delete()
        stale_cards.delete()
        if ids is None:
            _analyze_sources()
        for chunk in _located_services(ids):
            entries, cards = _rows_for(chunk)
            SearchEntry.objects.bulk_create(entries, batch_size=CHUNK_SIZE)
            SearchCard.objects.bulk_create(cards, batch_size=CHUNK_SIZE)


def refresh_remote_cards() -> None:
    """Rebuild every RemoteCard from the service areas of active services."""
    with transaction.atomic():
        RemoteCard.objects.all().delete()
        areas = list(
            ServiceArea.objects.filter(service__status=Service.Status.ACTIVE)
            .select_related("service__organization")
            .order_by("id")
        )
        service_ids = {area.service_id for area in areas}
        types, attributes = terms_of(service_ids)
        languages = _languages_by("service_id", service_ids)
        phones = phones_for([], service_ids, [])
        schedules: dict[int, list[dict]] = defaultdict(list)
        for schedule in Schedule.objects.filter(
            service_id__in=service_ids, service_at_location__isnull=True
        ).order_by("id"):
            schedules[schedule.service_id].append(schedule_fields(schedule))  # type: ignore[index]
        cards = []
        for area in areas:
            service = area.service
            phone = phones.get(("service", service.id))
            cards.append(
                RemoteCard(
                    service_area=area,
                    service_id=service.id,
                    service_hsds_id=service.hsds_id,
                    service_name=service.name,
                    organization_name=service.organization.name,
                    area_kind=area.kind,
                    area_rank=AREA_RANK[area.kind],  # type: ignore[index]
                    area_name=area.name,
                    state=area.state.upper(),
                    county=area.county,
                    county_key=area.county.upper(),
                    zip_code=area.zip_code,
                    phone=phone.number if phone else "",
                    phone_extension=phone.extension if phone else "",
                    website=service.url,
                    service_types=wrap_codes(types[service.id]),
                    attributes=wrap_codes(attributes[service.id]),
                    languages=wrap_codes(languages[service.id]),
                    last_verified=service.last_verified,
                    schedules=schedules.get(service.id, []),
                )
            )
        RemoteCard.objects.bulk_create(cards, batch_size=CHUNK_SIZE)


def terms_of(service_ids: Iterable[int]) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    """The service-type codes and the other (attribute) codes of each service."""
    types: dict[int, set[str]] = defaultdict(set)
    attributes: dict[int, set[str]] = defaultdict(set)
    through = Service.terms.through.objects.filter(service_id__in=list(service_ids))
    for service_id, code, taxonomy in through.values_list(
        "service_id", "taxonomyterm__code", "taxonomyterm__taxonomy"
    ):
        if taxonomy == TaxonomyTerm.Taxonomy.SERVICE_TYPE:
            types[service_id].add(code)
        else:
            attributes[service_id].add(code)
    return types, attributes


def _languages_by(owner: str, ids: Iterable[int]) -> dict[int, set[str]]:
    """Lower-case language codes of each service (owner "service_id") or location."""
    found: dict[int, set[str]] = defaultdict(set)
    rows = Language.objects.filter(**{f"{owner}__in": list(ids)}).values_list(owner, "code")
    for owner_id, code in rows:
        if code:
            found[owner_id].add(code.lower())
    return found


def _analyze_sources() -> None:
    """Fresh planner statistics before reading everything (SQLite and PostgreSQL alike).

    A full rebuild usually follows a bulk import in the same transaction; with
    statistics from before it, PostgreSQL reads each chunk by scanning whole tables.
    """
    with connection.cursor() as cursor:
        for model in (ServiceAtLocation, Service, Location):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _located_services(ids: list[int] | None) -> Iterator[list[tuple]]:
    """Active services at locations with coordinates, in chunks, by id."""
    rows = ServiceAtLocation.objects.filter(
        service__status=Service.Status.ACTIVE,
        location__latitude__isnull=False,
        location__longitude__isnull=False,
    )
    if ids is not None:
        rows = rows.filter(location_id__in=ids)
    last_id = 0
    while True:
        chunk = list(
            rows.filter(id__gt=last_id)
            .order_by("id")
            .values_list(
                "id",
                "service_id",
                "location_id",
                "location__latitude",
                "location__longitude",
                "hsds_id",
                "service__hsds_id",
                "location__hsds_id",
                "service__name",
                "service__organization__name",
                "location__name",
                "service__url",
                "location__time_zone",
                "service__last_verified",
            )[:CHUNK_SIZE]
        )
        if not chunk:
            return
        yield chunk
        last_id = chunk[-1][0]


def _rows_for(chunk: list[tuple]) -> tuple[list[SearchEntry], list[SearchCard]]:
    sal_ids = [row[0] for row in chunk]
    service_ids = {row[1] for row in chunk}
    location_ids = {row[2] for row in chunk}
    types, attributes = terms_of(service_ids)
    service_languages = _languages_by("service_id", service_ids)
    location_languages = _languages_by("location_id", location_ids)

    addresses = _addresses_of(location_ids)
    phones = phones_for(sal_ids, service_ids, location_ids)
    schedules = schedules_for(chunk)
    entries, cards = [], []
    for row in chunk:
        sal_id, service_id, location_id, latitude, longitude = row[:5]
        x, y, z = unit_vector(latitude, longitude)
        cell = grid_cell(latitude, longitude)
        wrapped_attributes = wrap_codes(attributes[service_id])
        languages = wrap_codes(service_languages[service_id] | location_languages[location_id])
        for service_type in [SearchEntry.ANY_SERVICE_TYPE, *sorted(types[service_id])]:
            entries.append(
                SearchEntry(
                    service_at_location_id=sal_id,
                    service_type=service_type,
                    cell=cell,
                    latitude=latitude,
                    longitude=longitude,
                    x=x,
                    y=y,
                    z=z,
                    attributes=wrapped_attributes,
                    languages=languages,
                )
            )
        phone = (
            phones.get(("sal", sal_id))
            or phones.get(("service", service_id))
            or phones.get(("location", location_id))
        )
        cards.append(
            SearchCard(
                service_at_location_id=sal_id,
                service_at_location_hsds_id=row[5],
                service_id=service_id,
                service_hsds_id=row[6],
                location_id=location_id,
                location_hsds_id=row[7],
                service_name=row[8],
                organization_name=row[9],
                location_name=row[10],
                address=addresses.get(location_id, ""),
                latitude=latitude,
                longitude=longitude,
                phone=phone.number if phone else "",
                phone_extension=phone.extension if phone else "",
                website=row[11],
                time_zone=row[12],
                service_types=",".join(sorted(types[service_id])),
                attributes=",".join(sorted(attributes[service_id])),
                languages=languages.strip(","),
                last_verified=row[13],
                schedules=[schedule_fields(s) for s in schedules.get(sal_id, [])],
            )
        )
    return entries, cards


def _addresses_of(location_ids: set[int]) -> dict[int, str]:
    """One line for each location: its first physical address, else its first address."""
    chosen: dict[int, Address] = {}
    for address in Address.objects.filter(location_id__in=location_ids).order_by("id"):
        known = chosen.get(address.location_id)
        if known is None or (
            address.address_type == Address.AddressType.PHYSICAL
            and known.address_type != Address.AddressType.PHYSICAL
        ):
            chosen[address.location_id] = address
    return {location_id: one_line(address) for location_id, address in chosen.items()}


def one_line(address: Address) -> str:
    street = ", ".join(part for part in (address.address_1, address.address_2) if part)
    place = f"{address.state_province} {address.postal_code}".strip()
    return ", ".join(part for part in (street, address.city, place) if part)


def phones_for(
    sal_ids: Iterable[int], service_ids: Iterable[int], location_ids: Iterable[int]
) -> dict[tuple[str, int], Phone]:
    """The first number that is not a fax for each service at a location, service and location."""
    found: dict[tuple[str, int], Phone] = {}
    for phone in (
        Phone.objects.filter(
            Q(service_at_location_id__in=list(sal_ids))
            | Q(service_id__in=list(service_ids))
            | Q(location_id__in=list(location_ids))
        )
        .exclude(type=Phone.PhoneType.FAX)
        .order_by("id")
    ):
        for kind, owner in (
            ("sal", phone.service_at_location_id),
            ("service", phone.service_id),
            ("location", phone.location_id),
        ):
            if owner is not None:
                found.setdefault((kind, owner), phone)
                break
    return found


def schedules_for(links: Iterable[tuple]) -> dict[int, list[Schedule]]:
    """The schedules that give each service at a location its hours.

    links are (service at location id, service id, location id, ...). The most
    specific level that has any schedule wins: the service at that location,
    else the service everywhere, else the location.
    """
    links = [(row[0], row[1], row[2]) for row in links]
    sal_ids = [sal_id for sal_id, _, _ in links]
    service_ids = {service_id for _, service_id, _ in links}
    location_ids = {location_id for _, _, location_id in links}
    by_sal: dict[int, list[Schedule]] = defaultdict(list)
    by_service: dict[int, list[Schedule]] = defaultdict(list)
    by_location: dict[int, list[Schedule]] = defaultdict(list)
    for schedule in Schedule.objects.filter(
        Q(service_at_location_id__in=sal_ids)
        | Q(service_id__in=service_ids, service_at_location__isnull=True)
        | Q(location_id__in=location_ids, service_at_location__isnull=True)
    ).order_by("id"):
        if schedule.service_at_location_id:
            by_sal[schedule.service_at_location_id].append(schedule)
        elif schedule.service_id:
            by_service[schedule.service_id].append(schedule)
        elif schedule.location_id:
            by_location[schedule.location_id].append(schedule)
    return {
        sal_id: by_sal.get(sal_id) or by_service.get(service_id) or by_location.get(location_id, [])
        for sal_id, service_id, location_id in links
    }
