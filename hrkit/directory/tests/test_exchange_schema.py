"""The export validates against the published HSDS 3 JSON schemas (vendored in hsds3_schema/)."""

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from hrkit.directory.exchange.services import export_hsds
from hrkit.directory.exchange.tables import EXTRA
from hrkit.directory.tests.test_exchange_roundtrip import build_directory

SCHEMA_DIR = Path(__file__).parent / "hsds3_schema"


def load_schemas() -> dict[str, dict]:
    return {p.name: json.loads(p.read_text()) for p in SCHEMA_DIR.glob("*.json")}


def validator_for(schema_file: str) -> Draft202012Validator:
    # The spec's schemas point at each other by file name ("phone.json"), so each
    # is registered under its file name and the relative $refs resolve there.
    registry: Registry = Registry().with_resources(
        (name, Resource.from_contents(contents, default_specification=DRAFT202012))
        for name, contents in load_schemas().items()
    )
    return Draft202012Validator(
        {"$ref": schema_file},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


@pytest.mark.django_db
def test_json_export_is_valid_hsds3_service_objects(tmp_path: Path) -> None:
    build_directory()
    export_hsds(tmp_path / "out.json")
    services = json.loads((tmp_path / "out.json").read_text())
    assert [s["id"] for s in services] == ["svc-drop-in", "svc-hotline"]
    validator = validator_for("service.json")
    for service in services:
        errors = sorted(validator.iter_errors(service), key=lambda e: list(e.path))
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]
    # The nested objects are really there, so the validator walked them.
    location = services[0]["service_at_locations"][0]["location"]
    assert location["addresss"][0]["postal_code"] == "60601"
    assert location["schedules"][0]["timezone"] == -6
    assert services[0]["attributes"][0]["taxonomy_term"]["taxonomy"]["id"] == "hrkit-cost"


def test_the_validator_rejects_what_hsds_forbids() -> None:
    validator = validator_for("service.json")
    bad = {"id": "s", "name": "x", "status": "open", "service_areas": [{"name": "no id"}]}
    messages = {e.message for e in validator.iter_errors(bad)}
    assert any("'open' is not one of" in message for message in messages)
    assert any("'id' is a required property" in message for message in messages)


def _typed(value: str, spec: dict[str, Any]) -> Any:
    if spec.get("type") == "number":
        return float(value)
    return value


@pytest.mark.django_db
def test_datapackage_tables_follow_the_hsds3_table_schemas(tmp_path: Path) -> None:
    build_directory()
    export_hsds(tmp_path / "pkg")
    schemas = {schema["path"]: schema for schema in load_schemas().values()}
    descriptor = json.loads((tmp_path / "pkg" / "datapackage.json").read_text())
    written = {resource["path"] for resource in descriptor["resources"]}
    assert written == {p.name for p in (tmp_path / "pkg").glob("*.csv")}
    for path in sorted((tmp_path / "pkg").glob("*.csv")):
        schema = schemas[path.name]
        properties = schema["properties"]
        with path.open(newline="") as stream:
            rows = list(csv.DictReader(stream))
        assert rows, f"{path.name} is empty"
        header = set(rows[0])
        unknown = {c for c in header if c not in properties and not c.startswith(EXTRA)}
        assert not unknown, f"{path.name}: {unknown}"
        validator = validator_for(f"{schema['name']}.json")
        for row in rows:
            for column in schema.get("tabular_required", []):
                assert row[column], f"{path.name}: {column} is empty"
            # An empty cell is no value, except that a required text field is "" then.
            obj = {
                key: _typed(value, properties.get(key, {}))
                for key, value in row.items()
                if not key.startswith(EXTRA) and (value != "" or key in schema["required"])
            }
            errors = [e.message for e in validator.iter_errors(obj)]
            assert not errors, f"{path.name} {row['id']}: {errors}"
