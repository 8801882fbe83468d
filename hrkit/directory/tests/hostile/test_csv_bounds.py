"""CSV lines and cells are bounded, so one huge cell is refused without reading it whole."""

import csv
from pathlib import Path

import pytest

from hrkit.core.testing import run_with_memory_limit
from hrkit.directory import models as m
from hrkit.directory.exchange import csv_reading
from hrkit.directory.exchange.csv_reading import CsvRows
from hrkit.directory.exchange.limits import MAX_CSV_LINE_CHARS
from hrkit.directory.exchange.problems import ImportFailed
from hrkit.directory.exchange.services import import_hsds

pytestmark = pytest.mark.django_db


def write_package(folder: Path, services: str) -> Path:
    folder.mkdir()
    (folder / "organizations.csv").write_text("id,name\norg-1,Harm Reduction Hub\n")
    (folder / "services.csv").write_text("id,organization_id,name,status\n" + services)
    return folder


def test_a_100mb_line_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "services.csv"
    with path.open("w") as stream:
        stream.write('id,name\nsvc-1,"')
        for _ in range(100):
            stream.write("a" * (1 << 20))

    def read_all(path: Path) -> int:
        with path.open(newline="") as stream, csv_reading.bounded_cells():
            return sum(1 for _ in CsvRows(stream, path.name))

    kind, (name, message) = run_with_memory_limit(read_all, path, extra_mb=64)

    assert (kind, name) == ("raised", "TooLarge")
    assert message == (
        f"services.csv:2: a line longer than {MAX_CSV_LINE_CHARS:,} characters; nothing was written"
    )


def test_a_long_line_in_a_datapackage_stops_the_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csv_reading, "MAX_CSV_LINE_CHARS", 1_000)
    folder = write_package(tmp_path / "pkg", f"svc-1,org-1,{'a' * 2_000},active\n")

    with pytest.raises(csv_reading.TooLarge, match=r"services\.csv:2: a line longer than 1,000"):
        import_hsds(folder)
    assert m.Organization.objects.count() == 0


def test_a_cell_over_the_limit_across_many_lines_is_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csv_reading, "MAX_VALUE_CHARS", 1_000)
    folder = write_package(tmp_path / "pkg", 'svc-1,org-1,"' + "line\n" * 500 + '",active\n')
    before = csv.field_size_limit()

    with pytest.raises(ImportFailed) as failure:
        import_hsds(folder)

    [problem] = failure.value.problems.lines()
    assert problem.startswith("services.csv:")
    assert "field larger than field limit (1000)" in problem
    assert m.Organization.objects.count() == 0
    # The csv module's limit is process-wide: it is given back as it was.
    assert csv.field_size_limit() == before


def test_progress_counts_lines_blank_ones_included(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def counting(items, description, total=None, unit="rows"):  # type: ignore[no-untyped-def]
        for item in items:
            seen.append(unit)
            yield item

    monkeypatch.setattr(csv_reading, "progress", counting)
    folder = write_package(tmp_path / "pkg", "\n" * 5_000 + "svc-1,org-1,Naloxone,active\n")

    import_hsds(folder)

    assert seen.count("lines") >= 5_000
    assert m.Service.objects.get().name == "Naloxone"
