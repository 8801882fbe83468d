"""import_hsds and export_hsds: what `hrkit import-hsds` and `hrkit export-hsds` run."""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from hrkit.core.database import without_prepared_statements
from hrkit.directory.exchange.csv_mapping import load_mapping, read_mapped_csv
from hrkit.directory.exchange.importer import BATCH_SIZE, Importer
from hrkit.directory.exchange.json_bounds import check_json_bounds
from hrkit.directory.exchange.json_format import read_json, write_json
from hrkit.directory.exchange.problems import ImportFailed, ProblemLog, UnreadableSource
from hrkit.directory.exchange.tabular import (
    check_package,
    read_datapackage,
    write_datapackage,
)

FORMATS = ("json", "datapackage", "csv")


@dataclass
class ImportReport:
    format: str
    written: Counter[str] = field(default_factory=Counter)
    problems: ProblemLog = field(default_factory=ProblemLog)


def detect_format(path: Path, chosen: str | None = None) -> str:
    """The format from --format, else the file's extension, else its first bytes."""
    if chosen:
        if chosen not in FORMATS:
            raise UnreadableSource(f"--format must be one of {', '.join(FORMATS)}")
        return chosen
    if path.is_dir():
        return "datapackage"
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return "datapackage"
    if suffix == ".json":
        return "json"
    if suffix == ".csv":
        return "csv"
    try:
        with path.open("rb") as stream:
            head = stream.read(512).lstrip()
    except OSError as error:
        raise UnreadableSource(f"{path}: cannot be read ({error})") from None
    if head.startswith(b"PK"):
        return "datapackage"
    if head[:1] in (b"[", b"{"):
        return "json"
    raise UnreadableSource(f"{path}: cannot tell the format; give --format ({', '.join(FORMATS)})")


def import_hsds(
    path: Path,
    *,
    format: str | None = None,
    mapping: Path | None = None,
    skip_invalid: bool = False,
    batch_size: int = BATCH_SIZE,
) -> ImportReport:
    """Import a file into the directory, all in one transaction.

    Raises ImportFailed (nothing written) when a row is bad, unless
    skip_invalid, when the good rows are written and the report lists the bad.
    Raises UnreadableSource when the file cannot be read at all, and its
    TooLarge when it passes a limit of limits.py (nothing is read then).
    """
    if not path.exists():
        raise UnreadableSource(f"{path}: no such file or folder")
    chosen = detect_format(path, format)
    if chosen == "csv" and mapping is None:
        raise UnreadableSource("a plain CSV needs --mapping FILE naming its columns")
    column_mapping = load_mapping(mapping) if chosen == "csv" and mapping else None
    report = ImportReport(chosen)
    # Refused from a look at the bytes or the zip's directory, before the
    # parser or the database is touched.
    if chosen == "json":
        check_json_bounds(path)
    elif chosen == "datapackage":
        check_package(path)
    with without_prepared_statements(), transaction.atomic():
        importer = Importer(report.problems, batch_size=batch_size, defer_unknown=chosen == "json")
        if chosen == "json":
            read_json(path, importer, report.problems)
        elif chosen == "datapackage":
            read_datapackage(path, importer, report.problems)
        else:
            assert column_mapping is not None
            read_mapped_csv(path, column_mapping, importer, report.problems)
        importer.finish()
        report.written = importer.written
        if report.problems.count and not skip_invalid:
            # Leaving the atomic block by an exception rolls every write back.
            raise ImportFailed(report.problems)
    return report


def export_hsds(path: Path, *, format: str | None = None) -> dict[str, int]:
    """Write the directory to path; returns the number of rows per table (or of services)."""
    chosen = format or ("json" if path.suffix.lower() == ".json" else "datapackage")
    if chosen == "json":
        return {"service": write_json(path)}
    if chosen == "datapackage":
        return write_datapackage(path)
    raise UnreadableSource("--format must be json or datapackage for an export")
