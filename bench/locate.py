"""Benchmark of the locator: nearest 20 with one service-type filter.

Builds a synthetic directory (default 1,000,000 locations spread like US ZIP
codes, which are dense in cities and sparse elsewhere; each location has one
service at location whose service has 1-4 service types), then times
locate() from random points and two references on the same points: a scipy
cKDTree over the same filtered points (k=20, same radius) and the naive query
that orders every matching row by distance.

    HRKIT_DATA_DIR=/tmp/hrkit-bench .venv/bin/python bench/locate.py --size 1000000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hrkit_bench .venv/bin/python bench/locate.py

A database that already holds a bench directory of the asked size is reused.
The data is synthetic: no real organisation, no real person.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hrkit.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from hrkit.core.geo import unit_vector  # noqa: E402
from hrkit.core.progress import progress  # noqa: E402
from hrkit.directory.locate_query import DEFAULT_RADIUS_KM, parse_locate_query  # noqa: E402
from hrkit.directory.locator import locate  # noqa: E402
from hrkit.directory.models import (  # noqa: E402
    Location,
    Organization,
    SearchCard,
    SearchEntry,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from hrkit.directory.search_index import refresh_search_index  # noqa: E402
from hrkit.directory.tests.factories import make_terms, service_type_codes  # noqa: E402

BENCH_ORGANIZATION = "hrkit bench (synthetic)"
SERVICES = 20_000
BATCH = 5_000
# The lower 48 states: ZIP centres inside this box, minus Alaska, Hawaii and territories.
CONTINENTAL = (24.0, 49.5, -125.0, -66.5)
JITTER_DEGREES = 0.03


def continental_zip_centres() -> list[tuple[float, float]]:
    import zipcodes

    south, north, west, east = CONTINENTAL
    centres = []
    for row in zipcodes.list_all():
        if row.get("lat") and row.get("long") and row["state"] not in {"AK", "HI", "PR"}:
            lat, lon = float(row["lat"]), float(row["long"])
            if south <= lat <= north and west <= lon <= east:
                centres.append((lat, lon))
    return centres


def jittered(rng: random.Random, centre: tuple[float, float]) -> tuple[float, float]:
    return (
        centre[0] + rng.gauss(0, JITTER_DEGREES),
        centre[1] + rng.gauss(0, JITTER_DEGREES),
    )


def existing_size() -> int:
    return Location.objects.filter(organization__name=BENCH_ORGANIZATION).count()


def build(size: int, rng: random.Random) -> None:
    make_terms()
    types = list(
        TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.SERVICE_TYPE).order_by("code")
    )
    centres = continental_zip_centres()
    with transaction.atomic():
        Organization.objects.filter(name=BENCH_ORGANIZATION).delete()
        organization = Organization.objects.create(name=BENCH_ORGANIZATION)
        services = Service.objects.bulk_create(
            [
                Service(organization=organization, name=f"Bench service {n}")
                for n in range(SERVICES)
            ],
            batch_size=BATCH,
        )
        links = [
            Service.terms.through(service_id=service.id, taxonomyterm_id=term.id)
            for service in services
            for term in rng.sample(types, rng.randint(1, 4))
        ]
        Service.terms.through.objects.bulk_create(links, batch_size=BATCH)
        for start in progress(range(0, size, BATCH), "locations", unit="batches"):
            count = min(BATCH, size - start)
            locations = Location.objects.bulk_create(
                [
                    Location(
                        organization=organization,
                        name=f"Bench site {start + n}",
                        latitude=lat,
                        longitude=lon,
                        time_zone="America/Chicago",
                    )
                    for n, (lat, lon) in enumerate(
                        jittered(rng, rng.choice(centres)) for _ in range(count)
                    )
                ]
            )
            ServiceAtLocation.objects.bulk_create(
                [
                    ServiceAtLocation(service=rng.choice(services), location=location)
                    for location in locations
                ]
            )
    # Statistics first: without them PostgreSQL plans the index build's
    # chunked reads as if the new tables were empty.
    analyze()
    refresh_search_index()
    analyze()


def analyze() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Index-only scans need the visibility map that VACUUM writes.
            cursor.execute("ANALYZE")
            cursor.execute(f"VACUUM ANALYZE {SearchEntry._meta.db_table}")
        else:
            cursor.execute("ANALYZE")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def summary(label: str, seconds: list[float]) -> tuple[float, float]:
    p50, p99 = percentile(seconds, 0.50) * 1000, percentile(seconds, 0.99) * 1000
    print(f"{label:<34} n={len(seconds):>5}  p50 {p50:8.2f} ms  p99 {p99:8.2f} ms")
    return p50, p99


def time_locator(points: list[tuple[float, float, str]]) -> tuple[list[float], list[int]]:
    seconds, found = [], []
    for lat, lon, code in points:
        started = time.perf_counter()
        result = locate(parse_locate_query(lat=lat, lon=lon, service=[code], page_size=20))
        seconds.append(time.perf_counter() - started)
        found.append(len(result.page.items))
    return seconds, found


def time_kdtree(points: list[tuple[float, float, str]], radius_km: float) -> list[float]:
    import math

    import numpy as np
    from scipy.spatial import cKDTree

    trees = {}
    built = time.perf_counter()
    rows = SearchEntry.objects.exclude(service_type=SearchEntry.ANY_SERVICE_TYPE).values_list(
        "service_type", "x", "y", "z", "service_at_location_id"
    )
    by_type: dict[str, list[tuple[float, float, float]]] = {}
    ids: dict[str, list[int]] = {}
    for code, x, y, z, sal_id in rows.iterator(chunk_size=20_000):
        by_type.setdefault(code, []).append((x, y, z))
        ids.setdefault(code, []).append(sal_id)
    for code, vectors in by_type.items():
        trees[code] = cKDTree(np.array(vectors))
    print(f"cKDTree: loaded and built {len(trees)} trees in {time.perf_counter() - built:.1f} s")
    chord = 2 * math.sin(radius_km / 6371.0088 / 2)
    seconds = []
    for lat, lon, code in points:
        started = time.perf_counter()
        trees[code].query(unit_vector(lat, lon), k=20, distance_upper_bound=chord)
        seconds.append(time.perf_counter() - started)
    return seconds


def time_naive(points: list[tuple[float, float, str]]) -> list[float]:
    from django.db.models import F

    seconds = []
    for lat, lon, code in points:
        ox, oy, oz = unit_vector(lat, lon)
        started = time.perf_counter()
        list(
            SearchEntry.objects.filter(service_type=code)
            .annotate(closeness=F("x") * ox + F("y") * oy + F("z") * oz)
            .order_by("-closeness")
            .values_list("service_at_location_id", flat=True)[:20]
        )
        seconds.append(time.perf_counter() - started)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="locations to build")
    parser.add_argument("--points", type=int, default=1000, help="query points")
    parser.add_argument("--naive-points", type=int, default=50, help="points for the naive query")
    parser.add_argument("--seed", type=int, default=20250115)
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    call_command("migrate", verbosity=0)
    engine = connection.vendor
    if existing_size() != args.size:
        print(f"building {args.size:,} locations on {engine} ...", flush=True)
        started = time.perf_counter()
        build(args.size, rng)
        print(f"built in {time.perf_counter() - started:.0f} s", flush=True)
    else:
        print(f"reusing {args.size:,} bench locations on {engine}")
        if SearchCard.objects.count() != ServiceAtLocation.objects.count():
            print("search index is out of date: refreshing ...", flush=True)
            started = time.perf_counter()
            refresh_search_index()
            analyze()
            print(f"refreshed in {time.perf_counter() - started:.0f} s", flush=True)
    if args.build_only:
        return
    print(f"search table rows: {SearchEntry.objects.count():,}")

    codes = service_type_codes()
    centres = continental_zip_centres()
    points = [(*jittered(rng, rng.choice(centres)), rng.choice(codes)) for _ in range(args.points)]
    for lat, lon, code in points[:20]:  # warm caches and connections
        locate(parse_locate_query(lat=lat, lon=lon, service=[code]))

    ours, found = time_locator(points)
    kdtree = time_kdtree(points, DEFAULT_RADIUS_KM)
    naive = time_naive(points[: args.naive_points])
    print(f"\nengine {engine}, {args.size:,} locations, radius {DEFAULT_RADIUS_KM:g} km")
    print(
        f"results per query: mean {statistics.mean(found):.1f}, 20 found in "
        f"{sum(1 for n in found if n == 20) / len(found):.0%} of queries"
    )
    our_p50, our_p99 = summary("locate() (whole result, in-process)", ours)
    kd_p50, kd_p99 = summary("scipy cKDTree k=20 (in memory)", kdtree)
    naive_p50, naive_p99 = summary("naive ORDER BY distance", naive)
    print(f"ours / cKDTree: p50 {our_p50 / kd_p50:.1f}x, p99 {our_p99 / kd_p99:.1f}x")
    print(f"ours / naive:   p50 {our_p50 / naive_p50:.3f}x, p99 {our_p99 / naive_p99:.3f}x")
    print(
        f"target p50 <= 5 ms: {'met' if our_p50 <= 5 else 'NOT met'}; "
        f"p99 <= 20 ms: {'met' if our_p99 <= 20 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
