"""The safer-use data files, read once, checked against their schemas.

Substances, classes, combination rules and sources live in YAML under
``data/``; this module loads them into plain objects and finds a substance by
any of its names. Everything else in the app reads the data through here.
"""

import json
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hrkit.core.sources import Source, sources_from

DATA_DIR = Path(__file__).resolve().parent / "data"
SCHEMA_DIR = DATA_DIR / "schema"


# Labels for the route ids the substance schema allows.
ROUTE_LABELS = {
    "swallowed": _("swallowed"),
    "snorted": _("snorted"),
    "smoked": _("smoked"),
    "injected": _("injected"),
    "vaped": _("vaped"),
    "inhaled": _("inhaled"),
    "under_tongue": _("under the tongue"),
    "skin_patch": _("skin patch"),
}


class DataError(ValueError):
    """A data file breaks its schema or names something that does not exist."""


@dataclass(frozen=True)
class Text:
    en: str
    es: str

    def __str__(self) -> str:
        return self.in_language(get_language())

    def in_language(self, language: str | None) -> str:
        return self.es if (language or "en").startswith("es") else self.en


@dataclass(frozen=True)
class Claim:
    text: Text
    source: str


@dataclass(frozen=True)
class Timing:
    route: str
    onset_minutes: tuple[float, float]
    duration_hours: tuple[float, float]
    source: str

    @property
    def route_label(self) -> str:
        return str(ROUTE_LABELS[self.route])


@dataclass(frozen=True)
class Substance:
    id: str
    name: Text
    synonyms: tuple[str, ...]
    classes: tuple[str, ...]
    routes: tuple[str, ...]
    timing: tuple[Timing, ...]
    risks: tuple[Claim, ...]
    safer_use: tuple[Claim, ...]
    overdose_signs: tuple[Claim, ...]
    detection: tuple[Claim, ...]

    def route_labels(self) -> list[str]:
        return [str(ROUTE_LABELS[route]) for route in self.routes]


@dataclass
class Catalogue:
    substances: dict[str, Substance]
    classes: dict[str, dict[str, Any]]
    groups: dict[str, list[str]]
    rules: dict[str, Any]
    sources: dict[str, Source]
    names: dict[str, str] = field(default_factory=dict)

    def breathing_depressant(self, substance: Substance) -> bool:
        return any(self.classes[c]["depresses_breathing"] for c in substance.classes)


def normalise_name(name: str) -> str:
    """Lower case, no accents, single spaces: how people type names varies."""
    stripped = unicodedata.normalize("NFKD", name.strip().lower())
    plain = "".join(ch for ch in stripped if not unicodedata.combining(ch))
    return " ".join(plain.split())


def read_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def validate(document: Any, schema_name: str, path: Path) -> None:
    schema = json.loads((SCHEMA_DIR / f"{schema_name}.json").read_text())
    try:
        jsonschema.validate(document, schema)
    except jsonschema.ValidationError as problem:
        where = "/".join(str(p) for p in problem.absolute_path) or "(top)"
        raise DataError(f"{path.name}: {where}: {problem.message}") from problem


def _text(raw: dict) -> Text:
    return Text(en=raw["en"], es=raw["es"])


def _claims(raw: list[dict]) -> tuple[Claim, ...]:
    return tuple(Claim(Text(en=c["en"], es=c["es"]), c["source"]) for c in raw)


def _substance(raw: dict) -> Substance:
    return Substance(
        id=raw["id"],
        name=_text(raw["name"]),
        synonyms=tuple(raw["synonyms"]),
        classes=tuple(raw["classes"]),
        routes=tuple(raw["routes"]),
        timing=tuple(
            Timing(t["route"], tuple(t["onset_minutes"]), tuple(t["duration_hours"]), t["source"])  # type: ignore[arg-type]
            for t in raw.get("timing", [])
        ),
        risks=_claims(raw["risks"]),
        safer_use=_claims(raw["safer_use"]),
        overdose_signs=_claims(raw["overdose_signs"]),
        detection=_claims(raw["detection"]),
    )


def cited_sources(document: Any) -> list[str]:
    """Every ``source`` value anywhere in a document."""
    found: list[str] = []
    if isinstance(document, dict):
        for key, value in document.items():
            if key == "source" and isinstance(value, str):
                found.append(value)
            else:
                found.extend(cited_sources(value))
    elif isinstance(document, list):
        for item in document:
            found.extend(cited_sources(item))
    return found


def load_catalogue(data_dir: Path = DATA_DIR) -> Catalogue:
    sources_doc = read_yaml(data_dir / "sources.yaml")
    validate(sources_doc, "sources", data_dir / "sources.yaml")
    try:
        sources = sources_from(sources_doc["sources"])
    except ValueError as problem:
        raise DataError(f"sources.yaml: {problem}") from problem
    _check_confirmed(sources)
    classes_doc = read_yaml(data_dir / "classes.yaml")
    validate(classes_doc, "classes", data_dir / "classes.yaml")
    rules = read_yaml(data_dir / "rules.yaml")
    validate(rules, "rules", data_dir / "rules.yaml")

    substances: dict[str, Substance] = {}
    for path in sorted((data_dir / "substances").glob("*.yaml")):
        raw = read_yaml(path)
        validate(raw, "substance", path)
        if raw["id"] != path.stem:
            raise DataError(f"{path.name}: id {raw['id']!r} must match the file name")
        _check_refs(path, raw, sources, classes_doc["classes"])
        _check_timing(path, raw)
        substances[raw["id"]] = _substance(raw)

    catalogue = Catalogue(
        substances=substances,
        classes=classes_doc["classes"],
        groups=classes_doc["groups"],
        rules=rules,
        sources=sources,
    )
    _check_refs(data_dir / "rules.yaml", rules, sources, {})
    _check_rule_names(catalogue)
    catalogue.names = _name_index(substances)
    return catalogue


def _check_refs(path: Path, document: Any, sources: dict, classes: dict) -> None:
    for key in cited_sources(document):
        if key not in sources:
            raise DataError(f"{path.name}: source {key!r} is not in sources.yaml")
    for name in document.get("classes", []) if classes else []:
        if name not in classes:
            raise DataError(f"{path.name}: class {name!r} is not in classes.yaml")


def _check_confirmed(sources: dict[str, Source]) -> None:
    today = date.today()
    for source in sources.values():
        if source.confirmed and source.confirmed > today:
            raise DataError(
                f"sources.yaml: {source.key}: confirmed {source.confirmed} is in the future"
            )


def _check_timing(path: Path, raw: dict) -> None:
    """Each range runs low to high, and each timing is for a route the substance lists."""
    for number, timing in enumerate(raw.get("timing", [])):
        where = f"{path.name}: timing/{number}"
        if timing["route"] not in raw["routes"]:
            raise DataError(f"{where}: route {timing['route']!r} is not in the substance's routes")
        for name in ("onset_minutes", "duration_hours"):
            low, high = timing[name]
            if low > high:
                raise DataError(f"{where}: {name} [{low}, {high}] must run from low to high")


def _check_rule_names(catalogue: Catalogue) -> None:
    for rule in catalogue.rules["rules"]:
        for name in rule["classes"]:
            group = name.removeprefix("group:")
            if group not in catalogue.classes and group not in catalogue.groups:
                raise DataError(f"rules.yaml: {name!r} is neither a class nor a group")
    for override in catalogue.rules["overrides"]:
        for name in override["pair"]:
            known = (
                name.removeprefix("class:") in catalogue.classes
                if name.startswith("class:")
                else name in catalogue.substances
            )
            if not known:
                raise DataError(f"rules.yaml: override names unknown {name!r}")


def _name_index(substances: dict[str, Substance]) -> dict[str, str]:
    index: dict[str, str] = {}
    for substance in substances.values():
        names = [substance.id, substance.name.en, substance.name.es, *substance.synonyms]
        for name in names:
            key = normalise_name(name)
            if index.get(key, substance.id) != substance.id:
                raise DataError(f"the name {name!r} is used by {index[key]} and {substance.id}")
            index[key] = substance.id
    return index


@cache
def catalogue() -> Catalogue:
    return load_catalogue()
