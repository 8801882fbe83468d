"""Importing the same ids again updates rows, never duplicates them, and leaves others alone."""

import json
from pathlib import Path

import pytest

from hrkit.directory import models as m
from hrkit.directory.exchange.services import export_hsds, import_hsds
from hrkit.directory.tests.test_exchange_roundtrip import (
    build_directory,
    directory_counts,
    empty_directory,
)


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["out.json", "pkg"])
def test_reimport_updates_in_place(tmp_path: Path, target: str) -> None:
    build_directory()
    export_hsds(tmp_path / target)
    before = directory_counts()

    import_hsds(tmp_path / target)
    assert directory_counts() == before

    m.Location.objects.filter(hsds_id="loc-1").update(name="Renamed by hand")
    m.Service.objects.get(hsds_id="svc-drop-in").terms.clear()
    import_hsds(tmp_path / target)

    assert directory_counts() == before
    assert m.Location.objects.get(hsds_id="loc-1").name == "Riverside drop-in"
    terms = m.Service.objects.get(hsds_id="svc-drop-in").terms.values_list("code", flat=True)
    assert sorted(terms) == ["free", "naloxone"]


@pytest.mark.django_db
def test_file_values_win_and_rows_the_file_does_not_name_stay(tmp_path: Path) -> None:
    build_directory()
    export_hsds(tmp_path / "out.json")
    services = json.loads((tmp_path / "out.json").read_text())
    drop_in = next(s for s in services if s["id"] == "svc-drop-in")
    drop_in["name"] = "Drop-in supplies and care"
    drop_in["attributes"] = [a for a in drop_in["attributes"] if a["link_type"] != "hrkit-cost"]
    drop_in["service_at_locations"][0]["location"]["latitude"] = 41.9
    (tmp_path / "edited.json").write_text(json.dumps([drop_in]))
    extra = m.Organization.objects.create(hsds_id="org-other", name="Not in the file")

    import_hsds(tmp_path / "edited.json")

    service = m.Service.objects.get(hsds_id="svc-drop-in")
    assert service.name == "Drop-in supplies and care"
    assert list(service.terms.values_list("code", flat=True)) == ["naloxone"]
    assert m.Location.objects.get(hsds_id="loc-1").latitude == 41.9
    # The hotline was not in the edited file: it and its terms are untouched.
    hotline = m.Service.objects.get(hsds_id="svc-hotline")
    assert list(hotline.terms.values_list("code", flat=True)) == ["harm-reduction-supplies"]
    assert m.Organization.objects.filter(pk=extra.pk).exists()


@pytest.mark.django_db
def test_import_refreshes_the_search_index_for_touched_places(tmp_path: Path) -> None:
    build_directory()
    export_hsds(tmp_path / "pkg")
    m.SearchEntry.objects.all().delete()

    import_hsds(tmp_path / "pkg")

    types = set(
        m.SearchEntry.objects.filter(service_at_location__location__hsds_id="loc-1").values_list(
            "service_type", flat=True
        )
    )
    assert "naloxone" in types


@pytest.mark.django_db
def test_json_rows_naming_a_later_service_are_written_at_the_end(tmp_path: Path) -> None:
    build_directory()
    # contact-1 sits under a location of svc-drop-in but belongs to svc-hotline
    # too, which comes later in the file (and, with batches of one, later batches).
    m.Contact.objects.filter(hsds_id="contact-1").update(
        service=m.Service.objects.get(hsds_id="svc-hotline")
    )
    export_hsds(tmp_path / "out.json")
    before = directory_counts()
    empty_directory()

    report = import_hsds(tmp_path / "out.json", batch_size=1)

    assert report.problems.count == 0
    assert directory_counts() == before
    contact = m.Contact.objects.get(hsds_id="contact-1")
    assert (contact.service.hsds_id, contact.location.hsds_id) == ("svc-hotline", "loc-1")
    assert m.Phone.objects.get(hsds_id="phone-2").contact == contact


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["out.json", "pkg"])
def test_the_same_file_again_writes_no_row(tmp_path: Path, target: str) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    build_directory()
    export_hsds(tmp_path / target)
    with CaptureQueriesContext(connection) as queries:
        import_hsds(tmp_path / target)
    updates = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("UPDATE")]
    assert not [sql for sql in updates if "directory_location" in sql or "directory_service" in sql]


@pytest.mark.django_db
def test_the_summary_counts_rows_not_arrivals(tmp_path: Path) -> None:
    # The JSON nests an organization and a location under every service that
    # uses them: each arrives more than once, and is one row.
    build_directory()
    export_hsds(tmp_path / "out.json")
    services = json.loads((tmp_path / "out.json").read_text())
    nested = [s["organization"]["id"] for s in services]
    assert len(nested) > len(set(nested)), "the fixture shares an organization between services"
    empty_directory()
    report = import_hsds(tmp_path / "out.json")
    assert report.written["organization"] == m.Organization.objects.count()
    assert report.written["location"] == m.Location.objects.count()
    assert report.written["service"] == m.Service.objects.count()
