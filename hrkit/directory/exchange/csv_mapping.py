"""A plain spreadsheet (one row per site) read through a column mapping.

Programs keep their sites in spreadsheets whose headers are their own. A small
YAML or JSON mapping file names which column holds what (docs/hsds.md shows
one); each row becomes an organization, a location with its address, phone
and languages, one service at that location with its service types, and its
hours as text. Ids are derived from the row's id column, or from the name and
address when there is none, so importing the same sheet again updates rows
instead of adding them.
"""

import csv
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from hrkit.directory.exchange.csv_reading import CsvRows, bounded_cells
from hrkit.directory.exchange.importer import Importer
from hrkit.directory.exchange.problems import ProblemLog, UnreadableSource
from hrkit.directory.exchange.tables import TABLES
from hrkit.directory.models import TaxonomyTerm

ID_NAMESPACE = uuid.UUID("0b8a4f7e-2d35-4c8e-9a61-5f0c7d2e4b93")

# What a mapping may name, and the HSDS field each one fills.
MAPPED_FIELDS = {
    "id": None,
    "name": "name",
    "organization": None,
    "description": "description",
    "address": "address_1",
    "address_2": "address_2",
    "city": "city",
    "state": "state_province",
    "zip": "postal_code",
    "latitude": "latitude",
    "longitude": "longitude",
    "phone": "number",
    "url": "url",
    "email": "email",
    "hours": None,
    "services": None,
    "languages": "code",
    "time_zone": "hrkit_time_zone",
}
SETTINGS = {"columns", "organization", "time_zone", "separator"}


@dataclass(frozen=True)
class ColumnMapping:
    columns: dict[str, str]
    organization: str
    time_zone: str
    separator: str


def load_mapping(path: Path) -> ColumnMapping:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise UnreadableSource(f"{path}: cannot read the mapping ({error})") from None
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
        raise UnreadableSource(f"{path}: the mapping needs a 'columns:' section")
    unknown = set(data) - SETTINGS
    if unknown:
        raise UnreadableSource(
            f"{path}: unknown setting(s) {', '.join(sorted(unknown))}; "
            f"allowed: {', '.join(sorted(SETTINGS))}"
        )
    columns = {str(k): str(v) for k, v in data["columns"].items() if v}
    wrong = set(columns) - set(MAPPED_FIELDS)
    if wrong:
        raise UnreadableSource(
            f"{path}: unknown column key(s) {', '.join(sorted(wrong))}; "
            f"allowed: {', '.join(MAPPED_FIELDS)}"
        )
    if "name" not in columns:
        raise UnreadableSource(f"{path}: columns must name the column holding 'name'")
    if "organization" not in columns and not data.get("organization"):
        raise UnreadableSource(
            f"{path}: give an 'organization' column or an 'organization:' name for every row"
        )
    return ColumnMapping(
        columns=columns,
        organization=str(data.get("organization") or ""),
        time_zone=str(data.get("time_zone") or ""),
        separator=str(data.get("separator") or ","),
    )


def _derived_id(*parts: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, "\x1f".join(parts)))


class TermFinder:
    """Service types by code, name or translated name (the vocabulary is small)."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}
        for term in TaxonomyTerm.objects.all():
            for label in [term.code, term.name, *term.translations.values()]:
                self.codes.setdefault(str(label).strip().lower(), term.code)

    def code_for(self, text: str) -> str | None:
        return self.codes.get(text.strip().lower())


class SheetRow:
    def __init__(self, mapping: ColumnMapping, cells: Mapping[str, str]):
        self.mapping = mapping
        self.cells = cells

    def get(self, key: str) -> str:
        column = self.mapping.columns.get(key)
        return (self.cells.get(column) or "").strip() if column else ""


def read_mapped_csv(
    path: Path, mapping: ColumnMapping, importer: Importer, problems: ProblemLog
) -> None:
    terms = TermFinder()
    with path.open(encoding="utf-8-sig", newline="") as stream, bounded_cells():
        reader = CsvRows(stream, path.name)
        try:
            header = reader.header()
            missing = [c for c in mapping.columns.values() if c not in header]
            if missing:
                raise UnreadableSource(
                    f"{path.name}:1: column(s) not in the sheet: {', '.join(missing)}"
                )
            for line, cells in reader:
                row = SheetRow(mapping, dict(zip(header, cells, strict=False)))
                _add_row(row, f"{path.name}:{line}", importer, problems, terms)
        except (csv.Error, UnicodeDecodeError) as error:
            problems.add(
                f"{path.name}:{reader.line}", "file", f"cannot be read as UTF-8 CSV: {error}"
            )


def _add_row(
    row: SheetRow, origin: str, importer: Importer, problems: ProblemLog, terms: TermFinder
) -> None:
    mapping = row.mapping
    found = ProblemLog()
    name = row.get("name")
    organization_name = row.get("organization") or mapping.organization
    place_id = row.get("id") or _derived_id(
        "location", name, row.get("address"), row.get("city"), row.get("state"), row.get("zip")
    )
    organization_id = _derived_id("organization", organization_name)
    service_id = _derived_id("service", place_id)
    link_id = _derived_id("service_at_location", place_id)
    records = [
        TABLES["organization"].parse(
            {"id": organization_id, "name": organization_name}, origin, found
        ),
    ]
    location: dict[str, Any] = {"id": place_id, "name": name, "organization_id": organization_id}
    for key in ("description", "latitude", "longitude", "url"):
        if key in mapping.columns:
            location[MAPPED_FIELDS[key] or key] = row.get(key)
    zone = row.get("time_zone") or mapping.time_zone
    if zone:
        location["hrkit_time_zone"] = zone
    records.append(TABLES["location"].parse(location, origin, found))
    service: dict[str, Any] = {"id": service_id, "name": name, "organization_id": organization_id}
    for key in ("description", "url", "email"):
        if key in mapping.columns:
            service[key] = row.get(key)
    if "services" in mapping.columns:
        service["attributes"] = True
    records.append(TABLES["service"].parse(service, origin, found))
    records.append(
        TABLES["service_at_location"].parse(
            {"id": link_id, "service_id": service_id, "location_id": place_id}, origin, found
        )
    )
    if row.get("address"):
        address = {"id": _derived_id("address", place_id), "location_id": place_id}
        for key in ("address", "address_2", "city", "state", "zip"):
            address[MAPPED_FIELDS[key] or key] = row.get(key)
        records.append(TABLES["address"].parse(address, origin, found))
    if row.get("phone"):
        phone = {"id": _derived_id("phone", place_id), "location_id": place_id}
        phone["number"] = row.get("phone")
        records.append(TABLES["phone"].parse(phone, origin, found))
    if row.get("hours"):
        hours = {
            "id": _derived_id("hours", place_id),
            "service_at_location_id": link_id,
            "description": row.get("hours"),
        }
        records.append(TABLES["schedule"].parse(hours, origin, found))
    for code in _split(row.get("languages"), mapping.separator):
        language = {
            "id": _derived_id("language", place_id, code.lower()),
            "location_id": place_id,
            "code": code.lower(),
        }
        records.append(TABLES["language"].parse(language, origin, found))
    for text in _split(row.get("services"), mapping.separator):
        term_code = terms.code_for(text)
        if term_code is None:
            found.add(
                origin,
                "services",
                f"unknown service type {text!r}: use a code such as naloxone or its name",
            )
            continue
        attribute = {
            "id": _derived_id("attribute", service_id, term_code),
            "link_id": service_id,
            "taxonomy_term": {"code": term_code},
        }
        records.append(TABLES["attribute"].parse(attribute, origin, found))
    # The sheet's own column names are what the person who keeps it knows.
    for problem in found.kept:
        key = next((k for k, f in MAPPED_FIELDS.items() if f == problem.field), problem.field)
        column = mapping.columns.get(key)
        problems.add(origin, f"{column} ({key})" if column else problem.field, problem.message)
    if found.count:
        return
    for record in records:
        if record is not None:
            importer.add(record)


def _split(value: str, separator: str) -> list[str]:
    return [part.strip() for part in value.split(separator) if part.strip()] if value else []
