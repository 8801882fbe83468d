"""Keeps the locator's search table (SearchEntry) in step with the directory.

Every bulk change to locations, services or their terms (imports, demo data,
admin edits) calls refresh_search_index afterwards, inside its transaction.
"""

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db import transaction

from hrkit.directory.models import (
    Language,
    SearchEntry,
    Service,
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


def unit_vector(latitude: float, longitude: float) -> tuple[float, float, float]:
    lat, lon = math.radians(latitude), math.radians(longitude)
    return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))


def wrap_codes(codes: Iterable[str]) -> str:
    """ ",a,b," — the form SearchEntry keeps code lists in (empty when there are none)."""
    ordered = sorted(set(codes))
    return f",{','.join(ordered)}," if ordered else ""


def refresh_search_index(location_ids: Iterable[int] | None = None) -> None:
    """Bring the search index up to date for these locations (all when None)."""
    ids = None if location_ids is None else sorted(set(location_ids))
    with transaction.atomic():
        stale = SearchEntry.objects.all()
        if ids is not None:
            stale = stale.filter(service_at_location__location_id__in=ids)
        stale.delete()
        for chunk in _located_services(ids):
            SearchEntry.objects.bulk_create(_entries_for(chunk), batch_size=CHUNK_SIZE)


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
                "id", "service_id", "location_id", "location__latitude", "location__longitude"
            )[:CHUNK_SIZE]
        )
        if not chunk:
            return
        yield chunk
        last_id = chunk[-1][0]


def _entries_for(chunk: list[tuple]) -> list[SearchEntry]:
    service_ids = {row[1] for row in chunk}
    location_ids = {row[2] for row in chunk}
    types: dict[int, set[str]] = defaultdict(set)
    attributes: dict[int, set[str]] = defaultdict(set)
    through = Service.terms.through.objects.filter(service_id__in=service_ids)
    for service_id, code, taxonomy in through.values_list(
        "service_id", "taxonomyterm__code", "taxonomyterm__taxonomy"
    ):
        if taxonomy == TaxonomyTerm.Taxonomy.SERVICE_TYPE:
            types[service_id].add(code)
        else:
            attributes[service_id].add(code)
    service_languages: dict[int, set[str]] = defaultdict(set)
    location_languages: dict[int, set[str]] = defaultdict(set)
    for service_id, code in Language.objects.filter(service_id__in=service_ids).values_list(
        "service_id", "code"
    ):
        if code:
            service_languages[service_id].add(code.lower())
    for location_id, code in Language.objects.filter(location_id__in=location_ids).values_list(
        "location_id", "code"
    ):
        if code:
            location_languages[location_id].add(code.lower())

    entries = []
    for sal_id, service_id, location_id, latitude, longitude in chunk:
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
    return entries
