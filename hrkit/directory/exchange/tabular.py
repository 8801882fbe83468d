"""The HSDS tabular datapackage: a folder or .zip with datapackage.json and one CSV per table."""

import csv
import io
import json
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from django.db.models import QuerySet

from hrkit.core.progress import progress
from hrkit.directory import models as m
from hrkit.directory.exchange import rows
from hrkit.directory.exchange.csv_reading import CsvRows, bounded_cells
from hrkit.directory.exchange.importer import Importer
from hrkit.directory.exchange.limits import (
    MAX_ZIP_MEMBER_BYTES,
    MAX_ZIP_MEMBERS,
    MAX_ZIP_TOTAL_BYTES,
    TooLarge,
)
from hrkit.directory.exchange.problems import ProblemLog, UnreadableSource
from hrkit.directory.exchange.tables import EXTRA, TABLE_ORDER, TABLES

# --- reading ---------------------------------------------------------------


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise UnreadableSource(f"{path}: not a readable zip file ({error})") from None


def _mb(size: int) -> str:
    return f"{size / (1 << 20):,.0f} MB"


def csv_members(archive: zipfile.ZipFile, path: Path) -> list[zipfile.ZipInfo]:
    """The zip's CSV members, after checking from its directory what they would expand to."""
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_MEMBERS:
        raise TooLarge(
            f"{path.name}: holds {len(entries):,} files, more than the {MAX_ZIP_MEMBERS:,} "
            "a datapackage may have; nothing was read"
        )
    members = [info for info in entries if info.filename.endswith(".csv")]
    for info in members:
        if info.file_size > MAX_ZIP_MEMBER_BYTES:
            raise TooLarge(
                f"{path.name}: {info.filename} would expand to {_mb(info.file_size)}, more than "
                f"the {_mb(MAX_ZIP_MEMBER_BYTES)} one table may have; nothing was read "
                "(unzip it and import the folder if it is genuine)"
            )
    total = sum(info.file_size for info in members)
    if total > MAX_ZIP_TOTAL_BYTES:
        raise TooLarge(
            f"{path.name}: its tables would expand to {_mb(total)}, more than the "
            f"{_mb(MAX_ZIP_TOTAL_BYTES)} a zip may hold; nothing was read "
            "(unzip it and import the folder if it is genuine)"
        )
    return members


def check_package(path: Path) -> None:
    """Refuses a zip whose directory promises too much, before an import starts."""
    if not path.is_dir():
        with _open_zip(path) as archive:
            csv_members(archive, path)


class _Capped(io.RawIOBase):
    """A zip member that stops at the size its zip's directory declared.

    The directory can lie; zipfile itself truncates at the declared size, and
    this keeps that promise here too, whatever zipfile does in a later version.
    """

    def __init__(self, raw: IO[bytes], limit: int, shown: str):
        self.raw = raw
        self.left = limit
        self.shown = shown

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(min(len(buffer), self.left + 1))
        if len(data) > self.left:
            raise TooLarge(
                f"{self.shown}: expands to more than its zip's directory says; "
                "the zip is damaged or made to mislead, and nothing was written"
            )
        self.left -= len(data)
        buffer[: len(data)] = data
        return len(data)


class Package:
    """The CSV files of a datapackage, in a folder or a zip, opened one at a time."""

    def __init__(self, path: Path):
        self.path = path
        self.zip: zipfile.ZipFile | None = None
        self.names: dict[str, str] = {}
        self.sizes: dict[str, int] = {}

    def __enter__(self) -> "Package":
        if self.path.is_dir():
            members = [p.relative_to(self.path).as_posix() for p in self.path.rglob("*.csv")]
        else:
            self.zip = _open_zip(self.path)
            try:
                infos = csv_members(self.zip, self.path)
            except TooLarge:
                self.zip.close()
                raise
            self.sizes = {info.filename: info.file_size for info in infos}
            members = list(self.sizes)
        # Matched by file name wherever it sits, so a zip made of a folder works too.
        for member in sorted(members, key=len, reverse=True):
            self.names[member.rsplit("/", 1)[-1]] = member
        return self

    def __exit__(self, *exc: object) -> None:
        if self.zip is not None:
            self.zip.close()

    def find(self, file_names: Iterable[str]) -> str | None:
        for name in file_names:
            if name in self.names:
                return self.names[name]
        return None

    @contextmanager
    def open(self, member: str) -> Iterator[IO[str]]:
        if self.zip is not None:
            shown = member.rsplit("/", 1)[-1]
            with self.zip.open(member) as raw:
                capped = io.BufferedReader(_Capped(raw, self.sizes[member], shown))
                try:
                    yield io.TextIOWrapper(capped, encoding="utf-8-sig", newline="")
                except (zipfile.BadZipFile, zlib.error, EOFError) as error:
                    raise UnreadableSource(
                        f"{self.path.name}: {shown} is damaged ({error}); nothing was written"
                    ) from None
        else:
            with (self.path / member).open(encoding="utf-8-sig", newline="") as stream:
                yield stream


def read_datapackage(path: Path, importer: Importer, problems: ProblemLog) -> None:
    with Package(path) as package, bounded_cells():
        if package.find(TABLES[name].file_name for name in TABLE_ORDER) is None:
            raise UnreadableSource(f"{path}: no HSDS table (services.csv, locations.csv, ...)")
        terms_given = package.find(TABLES["attribute"].files) is not None
        for name in TABLE_ORDER:
            table = TABLES[name]
            member = package.find(table.files)
            if member is None:
                continue
            shown = member.rsplit("/", 1)[-1]
            with package.open(member) as stream:
                reader = CsvRows(stream, shown)
                try:
                    header = reader.header()
                    for line, cells in reader:
                        row = dict(zip(header, cells, strict=False))
                        record = table.parse(row, f"{shown}:{line}", problems)
                        if record is None:
                            continue
                        if name == "service":
                            # attributes.csv lists every term of the services it names.
                            record.extra["replace_terms"] = terms_given
                        importer.add(record)
                except (csv.Error, UnicodeDecodeError) as error:
                    problems.add(
                        f"{shown}:{reader.line}", "file", f"cannot be read as UTF-8 CSV: {error}"
                    )
            # Every row of a table is written before the tables that refer to it.
            importer.flush()


# --- writing ---------------------------------------------------------------

FIELD_TYPES = {
    "latitude": "number",
    "longitude": "number",
    "amount": "number",
    "timezone": "number",
    "minimum_age": "integer",
    "maximum_age": "integer",
    "interval": "integer",
    "extension": "integer",
    EXTRA + "sort_order": "integer",
    "assured_date": "date",
    "valid_from": "date",
    "valid_to": "date",
    "dtstart": "date",
    "until": "date",
    "opens_at": "time",
    "closes_at": "time",
}

PHONE_LINKS = ("location", "service", "organization", "contact", "service_at_location")


def _sources() -> dict[str, tuple[QuerySet, Callable[[Any], rows.Row]]]:
    return {
        "taxonomy_term": (m.TaxonomyTerm.objects.select_related("parent"), rows.term_row),
        "organization": (m.Organization.objects.all(), rows.organization_row),
        "service": (m.Service.objects.select_related("organization"), rows.service_row),
        "location": (m.Location.objects.select_related("organization"), rows.location_row),
        "service_at_location": (
            m.ServiceAtLocation.objects.select_related("service", "location"),
            rows.service_at_location_row,
        ),
        "contact": (
            m.Contact.objects.select_related(
                "organization", "service", "service_at_location", "location"
            ),
            rows.contact_row,
        ),
        "phone": (m.Phone.objects.select_related(*PHONE_LINKS), rows.phone_row),
        "language": (
            m.Language.objects.select_related("service", "location", "phone"),
            rows.language_row,
        ),
        "accessibility": (
            m.Accessibility.objects.select_related("location"),
            rows.accessibility_row,
        ),
        "address": (m.Address.objects.select_related("location"), rows.address_row),
        "schedule": (
            m.Schedule.objects.select_related(
                "service", "location", "service_at_location__location"
            ),
            rows.schedule_row,
        ),
        "service_area": (m.ServiceArea.objects.select_related("service"), rows.service_area_row),
        "cost_option": (m.CostOption.objects.select_related("service"), rows.cost_option_row),
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""
    return str(value)


def _attribute_rows() -> Iterator[rows.Row]:
    links = (
        m.Service.terms.through.objects.select_related("service", "taxonomyterm")
        .order_by("service__hsds_id", "taxonomyterm__hsds_id")
        .iterator(chunk_size=2000)
    )
    for link in links:
        yield rows.attribute_row(link.service, link.taxonomyterm)


def _write_table(stream: IO[str], name: str, source: Iterable[rows.Row]) -> int:
    # Cells are written exactly as they are, = and + included: this is a
    # machine exchange format that must import back to the same rows. CSVs
    # for people to open go through hrkit.directory.spreadsheet instead.
    writer = csv.writer(stream, lineterminator="\n")
    columns = rows.COLUMNS[name]
    writer.writerow(columns)
    count = 0
    for row in progress(source, TABLES[name].file_name):
        writer.writerow([_cell(row.get(column)) for column in columns])
        count += 1
    return count


def _table_rows(name: str) -> Iterator[rows.Row]:
    if name == "attribute":
        yield from _attribute_rows()
        return
    queryset, build = _sources()[name]
    for obj in queryset.order_by("hsds_id").iterator(chunk_size=2000):
        yield build(obj)


def descriptor() -> dict[str, Any]:
    """datapackage.json: the tables and their fields, as Frictionless Data describes them."""
    resources = []
    for name in TABLE_ORDER:
        fields = [
            {"name": column, "type": FIELD_TYPES.get(column, "string")}
            for column in rows.COLUMNS[name]
        ]
        resources.append(
            {
                "name": name,
                "path": TABLES[name].file_name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": "id"},
            }
        )
    return {
        "name": "hrkit-directory",
        "title": "hrkit resource directory (Open Referral HSDS 3)",
        "profile": "tabular-data-package",
        "resources": resources,
    }


def write_datapackage(path: Path) -> dict[str, int]:
    """The whole directory as a datapackage: a folder, or a zip when path ends in .zip."""
    counts: dict[str, int] = {}
    package_json = json.dumps(descriptor(), indent=2) + "\n"
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("datapackage.json", package_json)
            for name in TABLE_ORDER:
                with archive.open(TABLES[name].file_name, "w") as raw:
                    stream = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                    counts[name] = _write_table(stream, name, _table_rows(name))
                    stream.flush()
                    stream.detach()
        return counts
    path.mkdir(parents=True, exist_ok=True)
    (path / "datapackage.json").write_text(package_json, encoding="utf-8")
    for name in TABLE_ORDER:
        with (path / TABLES[name].file_name).open("w", encoding="utf-8", newline="") as out:
            counts[name] = _write_table(out, name, _table_rows(name))
    return counts
