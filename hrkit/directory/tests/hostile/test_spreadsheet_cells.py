"""CSVs written for people neutralise formulas; the HSDS export keeps every cell exactly."""

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from hrkit.directory import models as m
from hrkit.directory.exchange.services import export_hsds, import_hsds
from hrkit.directory.spreadsheet import SpreadsheetWriter, neutralise_cell

FORMULAS = [
    '=HYPERLINK("http://example.invalid","Open")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+2",
    "\r=1+2",
]


@pytest.mark.parametrize("cell", FORMULAS)
def test_a_cell_a_spreadsheet_would_run_gets_a_quote(cell: str) -> None:
    assert neutralise_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Naloxone", "Harm Reduction Hub", "a=b", "", 5, -3, None])
def test_other_cells_are_written_as_they_are(cell: object) -> None:
    assert neutralise_cell(cell) == cell


def test_the_writer_neutralises_every_text_cell() -> None:
    stream = io.StringIO()
    SpreadsheetWriter(stream).writerow(["=1+2", "ok", 7])

    assert next(csv.reader(io.StringIO(stream.getvalue()))) == ["'=1+2", "ok", "7"]


@pytest.mark.django_db
def test_the_stale_list_csv_neutralises_names_staff_typed() -> None:
    organization = m.Organization.objects.create(name="@Harbor Collective")
    m.Service.objects.create(
        organization=organization,
        name='=HYPERLINK("http://example.invalid","Naloxone")',
        last_verified=timezone.localdate() - timedelta(days=400),
    )
    client = Client()
    client.force_login(User.objects.create_superuser("coordinator", password="unused-here"))

    response = client.get("/staff/directory/stale.csv?days=180")

    assert response.status_code == 200
    [header, row] = list(csv.reader(io.StringIO(response.content.decode())))
    assert row[header.index("service")] == '\'=HYPERLINK("http://example.invalid","Naloxone")'
    assert row[header.index("organization")] == "'@Harbor Collective"


@pytest.mark.django_db
def test_the_hsds_export_keeps_formula_like_text_exactly(tmp_path: Path) -> None:
    organization = m.Organization.objects.create(hsds_id="org-1", name="=Harbor+Collective")
    m.Service.objects.create(hsds_id="svc-1", organization=organization, name="-Naloxone")
    export_hsds(tmp_path / "first")

    services = (tmp_path / "first" / "services.csv").read_text()
    assert ",-Naloxone," in services
    import_hsds(tmp_path / "first")
    export_hsds(tmp_path / "second")
    for table in ("organizations.csv", "services.csv"):
        assert (tmp_path / "first" / table).read_text() == (tmp_path / "second" / table).read_text()
