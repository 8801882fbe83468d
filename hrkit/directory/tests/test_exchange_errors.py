"""Bad rows are reported with file, line (or JSON path) and field, and nothing is written."""

import csv
import json
from pathlib import Path

import pytest

from hrkit.directory import models as m
from hrkit.directory.exchange.problems import ImportFailed, UnreadableSource
from hrkit.directory.exchange.services import import_hsds


def write_package(folder: Path, tables: dict[str, list[dict[str, str]]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for file_name, rows in tables.items():
        with (folder / file_name).open("w", newline="", encoding="utf-8") as stream:
            columns = list(dict.fromkeys(name for row in rows for name in row))
            writer = csv.DictWriter(stream, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
    return folder


def small_package(folder: Path) -> Path:
    return write_package(
        folder,
        {
            "organizations.csv": [{"id": "org-1", "name": "Harm Reduction Hub"}],
            "services.csv": [
                {"id": "svc-1", "organization_id": "org-1", "name": "Naloxone", "status": "active"}
            ],
            "locations.csv": [
                {"id": f"loc-{n}", "name": f"Site {n}", "latitude": "41.1", "longitude": "-87.5"}
                for n in range(1, 4)
            ],
            "service_at_location.csv": [
                {"id": f"sal-{n}", "service_id": "svc-1", "location_id": f"loc-{n}"}
                for n in range(1, 4)
            ],
        },
    )


def problems_of(failure: pytest.ExceptionInfo[ImportFailed]) -> list[str]:
    return failure.value.problems.lines()


@pytest.mark.django_db
def test_bad_rows_are_named_by_file_line_and_field_and_nothing_is_written(tmp_path: Path) -> None:
    folder = small_package(tmp_path / "pkg")
    locations = (folder / "locations.csv").read_text().splitlines()
    # Line 3 gets a latitude out of range; line 4 a quoted description over two lines
    # first, so the next row's physical line number is 6, not 5.
    locations[2] = locations[2].replace("41.1", "95")
    locations[3] = locations[3].replace("Site 3", '"Site\nthree"')
    locations.append("loc-9,Site 9,abc,-87.5")
    (folder / "locations.csv").write_text("\n".join(locations) + "\n")
    with (folder / "service_at_location.csv").open("a") as stream:
        stream.write("sal-9,svc-1,loc-missing\n")

    with pytest.raises(ImportFailed) as failure:
        import_hsds(folder)

    assert problems_of(failure) == [
        "locations.csv:3: latitude: must be a number between -90 and 90",
        "locations.csv:6: latitude: must be a number between -90 and 90",
        "service_at_location.csv:3: location_id: no location with id 'loc-2' "
        "in the file or the database",
        "service_at_location.csv:5: location_id: no location with id 'loc-missing' "
        "in the file or the database",
    ]
    assert m.Organization.objects.count() == 0
    assert m.Location.objects.count() == 0


@pytest.mark.django_db
def test_skip_invalid_writes_the_good_rows_and_lists_the_bad(tmp_path: Path) -> None:
    folder = small_package(tmp_path / "pkg")
    text = (folder / "services.csv").read_text()
    (folder / "services.csv").write_text(text + "svc-2,org-1,Testing,open now\n")

    report = import_hsds(folder, skip_invalid=True)

    assert report.problems.lines() == [
        "services.csv:3: status: must be one of active, inactive, defunct, temporarily closed"
    ]
    assert list(m.Service.objects.values_list("hsds_id", flat=True)) == ["svc-1"]
    assert m.ServiceAtLocation.objects.count() == 3


@pytest.mark.django_db
def test_each_kind_of_bad_value_is_caught(tmp_path: Path) -> None:
    folder = small_package(tmp_path / "pkg")
    write_package(
        folder,
        {
            "schedules.csv": [
                {"id": "s1", "location_id": "loc-1", "opens_at": "25:00", "byday": "MO"},
                {"id": "s2", "location_id": "loc-1", "valid_from": "2026-13-01", "byday": ""},
                {"id": "s3", "location_id": "loc-1", "opens_at": "09:00", "byday": "Monday"},
                {"id": "", "location_id": "loc-1", "opens_at": "", "byday": ""},
            ],
            "service_areas.csv": [
                {"id": "a1", "service_id": "svc-1", "extent": "state:New York"},
                {"id": "a2", "service_id": "svc-nope", "extent": "zip:10001"},
            ],
            "attributes.csv": [
                {"id": "t1", "link_id": "svc-1", "taxonomy_term_id": "no-such-term"},
            ],
            "addresss.csv": [{"id": "ad1", "location_id": "loc-1", "address_1": "1 Main St"}],
        },
    )

    with pytest.raises(ImportFailed) as failure:
        import_hsds(folder)

    assert problems_of(failure) == [
        "addresss.csv:2: city: is required",
        "addresss.csv:2: state_province: is required",
        "addresss.csv:2: postal_code: is required",
        "schedules.csv:2: opens_at: must be a time written HH:MM (24-hour)",
        "schedules.csv:3: valid_from: must be a date written YYYY-MM-DD",
        "schedules.csv:4: byday: must be days such as MO,TU or, monthly, 2MO,-1FR",
        "schedules.csv:5: id: is required",
        "service_areas.csv:2: extent: must be one of nationwide:US, state:NY, "
        "county:NY:Kings County or zip:10001",
        "service_areas.csv:3: service_id: no service with id 'svc-nope' "
        "in the file or the database",
        "attributes.csv:2: taxonomy_term_id: unknown taxonomy term 'no-such-term': "
        "it is neither in the file's taxonomy terms nor in hrkit's",
    ]
    assert m.Service.objects.count() == 0


@pytest.mark.django_db
def test_terms_named_in_the_files_taxonomy_table_are_created(tmp_path: Path) -> None:
    folder = small_package(tmp_path / "pkg")
    write_package(
        folder,
        {
            "taxonomy_terms.csv": [
                {
                    "id": "t-fts",
                    "code": "fentanyl-test-strips",
                    "name": "Fentanyl test strips",
                    "taxonomy_id": "hrkit-service-type",
                    "hrkit_translations": '{"es": "Tiras reactivas de fentanilo"}',
                },
                {"id": "t-bad", "code": "bad code!", "name": "x", "taxonomy_id": "other"},
            ],
            "attributes.csv": [{"id": "a1", "link_id": "svc-1", "taxonomy_term_id": "t-fts"}],
        },
    )

    report = import_hsds(folder, skip_invalid=True)

    assert report.problems.lines() == [
        "taxonomy_terms.csv:3: code: must be a code of letters, digits, - and _ (at most 80)"
    ]
    term = m.TaxonomyTerm.objects.get(code="fentanyl-test-strips")
    assert term.translations == {"es": "Tiras reactivas de fentanilo"}
    assert list(m.Service.objects.get().terms.all()) == [term]


@pytest.mark.django_db
def test_json_problems_name_the_path_of_the_object(tmp_path: Path) -> None:
    services = [
        {
            "id": "svc-1",
            "name": "Drop-in",
            "status": "active",
            "organization": {"id": "org-1", "name": "Hub", "description": ""},
            "service_at_locations": [
                {
                    "id": "sal-1",
                    "location": {
                        "id": "loc-1",
                        "location_type": "physical",
                        "longitude": 200,
                        "latitude": 40,
                    },
                }
            ],
        },
        {"id": "svc-2", "status": "active", "organization_id": "org-1"},
    ]
    path = tmp_path / "services.json"
    path.write_text(json.dumps(services))

    with pytest.raises(ImportFailed) as failure:
        import_hsds(path)

    assert problems_of(failure) == [
        "services.json:$[0].service_at_locations[0].location: longitude: "
        "must be a number between -180 and 180",
        "services.json:$[1]: name: is required",
    ]
    assert m.Organization.objects.count() == 0


@pytest.mark.django_db
def test_unreadable_files_are_refused_before_anything_starts(tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK not really a zip")
    with pytest.raises(UnreadableSource, match="not a readable zip file"):
        import_hsds(broken)
    with pytest.raises(UnreadableSource, match="no such file"):
        import_hsds(tmp_path / "missing.json")
    with pytest.raises(UnreadableSource, match="needs --mapping"):
        import_hsds(_touch(tmp_path / "sheet.csv"))


def _touch(path: Path) -> Path:
    path.write_text("name\nx\n")
    return path


@pytest.mark.django_db
def test_broken_json_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "cut.json"
    path.write_text('[{"id": "svc-1", "name": "x", "status": "active", "organization": ')
    with pytest.raises(UnreadableSource, match="not valid JSON"):
        import_hsds(path)
    path.write_text('{"id": "svc-1", "name": "one service, not a list"}')
    with pytest.raises(UnreadableSource, match="expected a list of HSDS services"):
        import_hsds(path)
    assert m.Service.objects.count() == 0


@pytest.mark.django_db
def test_a_row_the_database_refuses_is_named_and_the_rest_of_its_batch_kept(
    tmp_path: Path,
) -> None:
    folder = small_package(tmp_path / "pkg")
    # A second link between the same service and place breaks a database rule
    # that no single value shows; the batch is retried row by row to find it.
    with (folder / "service_at_location.csv").open("a") as stream:
        stream.write("sal-dup,svc-1,loc-1\n")

    report = import_hsds(folder, skip_invalid=True)

    assert [(p.origin, p.field) for p in report.problems.kept] == [
        ("service_at_location.csv:5", "id")
    ]
    assert report.problems.kept[0].message.startswith("the database refused this row")
    assert sorted(m.ServiceAtLocation.objects.values_list("hsds_id", flat=True)) == [
        "sal-1",
        "sal-2",
        "sal-3",
    ]


@pytest.mark.django_db
def test_an_hsds_api_page_is_read_like_a_list(tmp_path: Path) -> None:
    page = {
        "total_items": 1,
        "contents": [
            {
                "id": "svc-1",
                "name": "Hotline",
                "status": "active",
                "organization": {"id": "org-1", "name": "Hub", "description": ""},
                "schedules": [{"id": "s1", "opens_at": "09:00", "timezone": -5}],
            }
        ],
    }
    path = tmp_path / "page.json"
    path.write_text(json.dumps(page))

    import_hsds(path)

    schedule = m.Schedule.objects.get(hsds_id="s1")
    # No location to take a zone from, so the offset becomes a fixed zone.
    assert (schedule.service.hsds_id, schedule.time_zone) == ("svc-1", "Etc/GMT+5")
