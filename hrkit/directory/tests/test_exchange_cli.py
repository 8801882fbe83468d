"""hrkit import-hsds / export-hsds: messages and exit codes."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hrkit.directory import models as m
from hrkit.directory.tests.test_exchange_errors import small_package
from hrkit.directory.tests.test_exchange_roundtrip import build_directory, empty_directory

PROJECT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_export_then_import_through_the_commands(tmp_path: Path) -> None:
    build_directory()
    out = io.StringIO()
    call_command("export_hsds", str(tmp_path / "pkg.zip"), stdout=out)
    assert "Exported to" in out.getvalue() and "location 2" in out.getvalue()
    empty_directory()

    out = io.StringIO()
    call_command("import_hsds", str(tmp_path / "pkg.zip"), stdout=out)

    assert out.getvalue().startswith("Imported (datapackage): taxonomy_term 3, organization 1")
    assert m.Location.objects.count() == 2


def _with_bad_location(folder: Path) -> Path:
    with (folder / "locations.csv").open("a") as stream:
        stream.write("loc-9,Site 9,91,0\n")
    return folder


@pytest.mark.django_db
def test_bad_rows_print_each_problem_and_fail(tmp_path: Path) -> None:
    folder = _with_bad_location(small_package(tmp_path / "pkg"))
    err = io.StringIO()

    with pytest.raises(CommandError) as failure:
        call_command("import_hsds", str(folder), stderr=err)

    assert failure.value.returncode == 1
    assert str(failure.value) == "1 problem(s) found; nothing was written"
    assert "locations.csv:5: latitude: must be a number between -90 and 90" in err.getvalue()
    assert m.Location.objects.count() == 0


@pytest.mark.django_db
def test_skip_invalid_writes_good_rows_and_exits_with_two(tmp_path: Path) -> None:
    folder = _with_bad_location(small_package(tmp_path / "pkg"))
    err = io.StringIO()

    with pytest.raises(CommandError) as failure:
        call_command("import_hsds", str(folder), "--skip-invalid", stderr=err, stdout=io.StringIO())

    assert failure.value.returncode == 2
    assert "locations.csv:5: latitude" in err.getvalue()
    assert m.Location.objects.count() == 3


def test_the_hrkit_command_takes_dashes_and_exits_non_zero(tmp_path: Path) -> None:
    env = {**os.environ, "HRKIT_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "hrkit.cli", "import-hsds", str(tmp_path / "nothing.json")],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "nothing.json: no such file or folder" in result.stderr


@pytest.mark.django_db
def test_format_comes_from_content_or_from_the_format_option(tmp_path: Path) -> None:
    build_directory()
    call_command("export_hsds", str(tmp_path / "out.json"), stdout=io.StringIO())
    empty_directory()
    (tmp_path / "out.json").rename(tmp_path / "download")
    out = io.StringIO()
    call_command("import_hsds", str(tmp_path / "download"), stdout=out)
    assert out.getvalue().startswith("Imported (json):")

    with pytest.raises(CommandError, match="not a readable zip file"):
        call_command(
            "import_hsds", str(tmp_path / "download"), "--format", "datapackage", stdout=out
        )
