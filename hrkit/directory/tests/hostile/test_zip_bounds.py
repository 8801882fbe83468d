"""A datapackage zip is judged from its directory before a byte of it is expanded.

The zips here really expand to 2 GB (one field, or nothing but line breaks);
they are refused in a memory-capped child from the sizes their directory
declares. A zip whose directory understates a member is read no further than
the declared size.
"""

import csv
import zipfile
from pathlib import Path

import pytest

from hrkit.core.testing import run_with_memory_limit
from hrkit.directory import models as m
from hrkit.directory.exchange import tabular
from hrkit.directory.exchange.limits import TooLarge
from hrkit.directory.exchange.problems import UnreadableSource
from hrkit.directory.exchange.services import import_hsds
from hrkit.directory.tests.hostile.builders import (
    SERVICES_HEADER,
    expanding_member,
    organization_member,
    write_zip,
)

pytestmark = pytest.mark.django_db
TWO_GB = 2 << 30


def assert_nothing_written() -> None:
    assert m.Organization.objects.count() == 0
    assert m.Service.objects.count() == 0


def test_a_zip_expanding_to_one_2gb_field_is_refused_from_its_directory(tmp_path: Path) -> None:
    services = expanding_member(SERVICES_HEADER + b'svc-1,org-1,"', b"a", TWO_GB, b'",active\n')
    path = write_zip(
        tmp_path / "field.zip",
        {"organizations.csv": organization_member(), "services.csv": services},
    )

    kind, (name, message) = run_with_memory_limit(import_hsds, path, extra_mb=64)

    assert (kind, name) == ("raised", "TooLarge")
    assert message.startswith("field.zip: services.csv would expand to 2,048 MB, more than")
    assert "nothing was read" in message
    assert_nothing_written()


def test_a_zip_of_2gb_of_line_breaks_is_refused_from_its_directory(tmp_path: Path) -> None:
    services = expanding_member(SERVICES_HEADER, b"\n", TWO_GB)
    path = write_zip(tmp_path / "lines.zip", {"services.csv": services})

    kind, (name, message) = run_with_memory_limit(import_hsds, path, extra_mb=64)

    assert (kind, name) == ("raised", "TooLarge")
    assert "services.csv would expand to 2,048 MB" in message
    assert_nothing_written()


def test_a_member_that_outgrows_its_declared_size_is_read_no_further(tmp_path: Path) -> None:
    # Its directory says 1 MB; it would expand to 2 GB of one field.
    services = expanding_member(
        SERVICES_HEADER + b'svc-1,org-1,"', b"a", TWO_GB, b'",active\n', declared=1 << 20
    )
    path = write_zip(tmp_path / "lying.zip", {"services.csv": services})

    def read_every_row(path: Path) -> int:
        with tabular.Package(path) as package, package.open("services.csv") as stream:
            return sum(1 for _ in csv.reader(stream))

    kind, (name, message) = run_with_memory_limit(read_every_row, path, extra_mb=64)

    assert (kind, name) == ("raised", "UnreadableSource")
    assert message.startswith("lying.zip: services.csv is damaged")


def test_an_import_of_a_zip_whose_directory_understates_a_member_writes_nothing(
    tmp_path: Path,
) -> None:
    services = expanding_member(
        SERVICES_HEADER, b"svc-x,org-1,Naloxone,active\n", 4 << 20, declared=1 << 20
    )
    path = write_zip(
        tmp_path / "lying.zip",
        {"organizations.csv": organization_member(), "services.csv": services},
    )

    with pytest.raises(UnreadableSource, match="services.csv is damaged"):
        import_hsds(path)
    assert_nothing_written()


def test_the_reader_stops_at_the_declared_size_itself(tmp_path: Path) -> None:
    # Whatever zipfile does, the member's stream ends where its directory said.
    source = tmp_path / "plain.bin"
    source.write_bytes(b"x" * 10_000)
    with source.open("rb") as raw:
        capped = tabular._Capped(raw, 4_000, "services.csv")
        with pytest.raises(TooLarge, match="expands to more than its zip's directory says"):
            while capped.read(1024):
                pass


def test_a_zip_of_too_many_files_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for number in range(1_001):
            archive.writestr(f"notes/{number}.txt", "")

    with pytest.raises(TooLarge, match="holds 1,001 files, more than the 1,000"):
        import_hsds(path)


def test_tables_that_together_pass_the_total_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tabular, "MAX_ZIP_TOTAL_BYTES", 1 << 20)
    path = write_zip(
        tmp_path / "total.zip",
        {
            "services.csv": expanding_member(SERVICES_HEADER, b"\n", 1 << 20),
            "locations.csv": expanding_member(b"id,name\n", b"\n", 1 << 20),
        },
    )

    with pytest.raises(TooLarge, match="its tables would expand to 2 MB, more than the 1 MB"):
        import_hsds(path)
    assert_nothing_written()
