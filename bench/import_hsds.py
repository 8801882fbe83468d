"""Import speed and memory of `hrkit import-hsds` on a generated HSDS datapackage.

    .venv/bin/python bench/import_hsds.py [--sizes 25000,50000,100000]

For each size it writes a datapackage of that many locations (each with one
service, its service_at_location, an address, a weekly schedule and a service
type; one organization per 100 locations) into a temporary folder, then
imports it in a fresh child process through the same function the CLI calls,
and prints rows per second (with and without the time the locator's search
index refresh takes inside the import) and the child's peak resident memory
before and after the import. Runs against DATABASE_URL when set (the directory tables
are emptied first), else a new temporary SQLite file per size. Synthetic
data only: no real organisation's details.
"""

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CITIES = [
    (41.88, -87.63),
    (40.71, -74.01),
    (34.05, -118.24),
    (29.76, -95.37),
    (39.74, -104.99),
    (47.61, -122.33),
    (33.75, -84.39),
    (44.98, -93.27),
]
SERVICE_TYPES = ["naloxone", "syringe-services", "fentanyl-test-strips", "hiv-testing"]
TABLES = {
    "taxonomy_terms.csv": ["id", "code", "name", "description", "taxonomy_id"],
    "organizations.csv": ["id", "name", "description"],
    "services.csv": ["id", "organization_id", "name", "status", "description"],
    "locations.csv": ["id", "location_type", "organization_id", "name", "latitude", "longitude"],
    "service_at_location.csv": ["id", "service_id", "location_id"],
    "addresss.csv": [
        "id", "location_id", "address_1", "city", "state_province", "postal_code", "country",
        "address_type",
    ],
    "schedules.csv": ["id", "service_at_location_id", "freq", "byday", "opens_at", "closes_at"],
    "attributes.csv": ["id", "link_id", "link_type", "link_entity", "taxonomy_term_id"],
}  # fmt: skip


def generate(folder: Path, locations: int, seed: int = 7) -> int:
    """Writes the package; returns the number of data rows."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    files = {name: (folder / name).open("w", newline="", encoding="utf-8") for name in TABLES}
    writers = {name: csv.writer(stream) for name, stream in files.items()}
    for name, columns in TABLES.items():
        writers[name].writerow(columns)
    rows = 0
    for code in SERVICE_TYPES:
        writers["taxonomy_terms.csv"].writerow(
            [f"term-{code}", code, code.replace("-", " ").capitalize(), "", "hrkit-service-type"]
        )
        rows += 1
    for number in range(locations // 100 + 1):
        writers["organizations.csv"].writerow([f"org-{number}", f"Program {number}", ""])
        rows += 1
    for n in range(locations):
        lat, lon = rng.choice(CITIES)
        lat, lon = round(lat + rng.uniform(-0.4, 0.4), 5), round(lon + rng.uniform(-0.4, 0.4), 5)
        org = f"org-{n // 100}"
        writers["services.csv"].writerow(
            [f"svc-{n}", org, f"Supplies {n}", "active", "Naloxone and syringes"]
        )
        writers["locations.csv"].writerow([f"loc-{n}", "physical", org, f"Site {n}", lat, lon])
        writers["service_at_location.csv"].writerow([f"sal-{n}", f"svc-{n}", f"loc-{n}"])
        writers["addresss.csv"].writerow(
            [f"addr-{n}", f"loc-{n}", f"{n % 900 + 1} Main St", "Springfield", "IL", "62701",
             "US", "physical"]
        )  # fmt: skip
        writers["schedules.csv"].writerow([f"sch-{n}", f"sal-{n}", "WEEKLY", "MO,TU,WE,TH,FR",
                                           "09:00", "17:00"])  # fmt: skip
        code = SERVICE_TYPES[n % len(SERVICE_TYPES)]
        writers["attributes.csv"].writerow(
            [f"attr-{n}", f"svc-{n}", "hrkit-service-type", "service", f"term-{code}"]
        )
        rows += 6
    for stream in files.values():
        stream.close()
    (folder / "datapackage.json").write_text(
        json.dumps({"name": "bench", "resources": [{"path": name} for name in TABLES]})
    )
    return rows


def child(package: Path) -> None:
    """Runs in its own process so its peak memory belongs to one import only."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hrkit.settings")
    import django

    django.setup()
    from django.apps import apps
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection

    from hrkit.directory.exchange import importer
    from hrkit.directory.exchange.services import import_hsds

    # The search index belongs to the locator; its share is timed on its own.
    index_seconds = [0.0]
    refresh = importer.refresh_search_index

    def timed_refresh(location_ids):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        refresh(location_ids)
        index_seconds[0] += time.perf_counter() - started

    importer.refresh_search_index = timed_refresh  # type: ignore[assignment]

    call_command("migrate", verbosity=0)
    # Every table of the directory app, including the locator's derived ones.
    tables = [
        model._meta.db_table
        for model in apps.get_app_config("directory").get_models(include_auto_created=True)
    ]
    with connection.cursor() as cursor:
        for statement in connection.ops.sql_flush(no_style(), tables, allow_cascade=True):
            cursor.execute(statement)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    report = import_hsds(package)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "seconds": seconds,
                "index_seconds": index_seconds[0],
                "rss_before_kb": before,
                "rss_peak_kb": peak,
                "written": sum(report.written.values()),
                "problems": report.problems.count,
                "engine": connection.vendor,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="25000,50000,100000")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    sys.path.insert(0, str(PROJECT))
    print(f"{'locations':>10} {'rows':>9} {'seconds':>8} {'rows/s':>8} {'index s':>8} "
          f"{'rows/s w/o index':>16} {'RSS before':>11} {'RSS peak':>9}  engine")  # fmt: skip
    for size in [int(s) for s in args.sizes.split(",")]:
        with tempfile.TemporaryDirectory() as temp:
            package = Path(temp) / "package"
            rows = generate(package, size)
            env = dict(os.environ)
            if "DATABASE_URL" not in env:
                env["HRKIT_DATA_DIR"] = str(Path(temp) / "data")
            result = subprocess.run(
                [sys.executable, __file__, "--child", str(package)],
                cwd=PROJECT,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                sys.exit(result.stderr)
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            if figures["problems"]:
                sys.exit(f"the generated package had {figures['problems']} problems")
            seconds, index = figures["seconds"], figures["index_seconds"]
            print(
                f"{size:>10} {rows:>9} {seconds:>8.1f} {rows / seconds:>8.0f} {index:>8.1f} "
                f"{rows / (seconds - index):>16.0f} {figures['rss_before_kb'] / 1024:>9.0f}MB "
                f"{figures['rss_peak_kb'] / 1024:>7.0f}MB  {figures['engine']}"
            )


if __name__ == "__main__":
    main()
