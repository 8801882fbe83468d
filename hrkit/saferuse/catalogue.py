"""The safer-use data files, read once, checked against their schemas.

Substances, classes, combination rules, mixtures and sources live in YAML
under ``data/``; this module loads them into plain objects and finds a
substance, or a mixture of several, by any of its names. Everything else in
the app reads the data through here.
"""

import json
import unicodedata
from collections.abc import Sequence
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
from hrkit.saferuse.durations import duration_text, onset_text

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

    def described(self, language: str | None = None) -> str:
        """ "starts in 5–10 minutes, lasts 1–4 hours", in ``language`` or the active one."""
        onset = onset_text(*self.onset_minutes, language=language)
        return f"{onset}, {duration_text(*self.duration_hours, language=language)}"


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
    # A shorter name for inside parentheses ("Xanax (alprazolam)") when the
    # catalogue's name is long ("Fentanyl and fentanyl analogues").
    short_name: Text | None = None

    def route_labels(self) -> list[str]:
        return [str(ROUTE_LABELS[route]) for route in self.routes]


@dataclass(frozen=True)
class Mixture:
    """A street name that stands for what is usually in it ("tranq dope")."""

    id: str
    names: tuple[str, ...]
    substances: tuple[str, ...]
    note: Text
    source: str


@dataclass
class Catalogue:
    substances: dict[str, Substance]
    classes: dict[str, dict[str, Any]]
    groups: dict[str, list[str]]
    rules: dict[str, Any]
    sources: dict[str, Source]
    # Normalised name -> substance id, and -> mixture id; no name is in both.
    names: dict[str, str] = field(default_factory=dict)
    mixtures: dict[str, Mixture] = field(default_factory=dict)
    mixture_names: dict[str, str] = field(default_factory=dict)
    # Normalised name -> the name as the data spells it ("xanax" -> "Xanax").
    spellings: dict[str, str] = field(default_factory=dict)

    def breathing_depressant(self, substance: Substance) -> bool:
        return any(self.classes[c]["depresses_breathing"] for c in substance.classes)

    def known_names(self) -> list[str]:
        """Every name the checker understands, as the data spells it."""
        return sorted(self.spellings.values(), key=normalise_name)


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
        short_name=_text(raw["short_name"]) if "short_name" in raw else None,
    )


def cited_sources(document: Any) -> list[str]:
    """Every source key anywhere in a document: ``source`` and ``below_chart``
    values, and the items of ``sources`` and ``meanings_sources`` lists."""
    found: list[str] = []
    if isinstance(document, dict):
        for key, value in document.items():
            if key in ("source", "below_chart") and isinstance(value, str):
                found.append(value)
            elif key in ("sources", "meanings_sources") and isinstance(value, list):
                found.extend(item for item in value if isinstance(item, str))
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
    _check_rule_advice(catalogue.rules)
    catalogue.mixtures = _mixtures(data_dir / "mixtures.yaml", substances, sources)
    catalogue.names, catalogue.mixture_names, catalogue.spellings = _name_index(
        substances, catalogue.mixtures
    )
    return catalogue


def _mixtures(path: Path, substances: dict[str, Substance], sources: dict) -> dict[str, Mixture]:
    document = read_yaml(path)
    validate(document, "mixtures", path)
    _check_refs(path, document, sources, {})
    mixtures: dict[str, Mixture] = {}
    for mixture_id, raw in document["mixtures"].items():
        for substance_id in raw["substances"]:
            if substance_id not in substances:
                raise DataError(f"{path.name}: {mixture_id}: no substance {substance_id!r}")
        mixtures[mixture_id] = Mixture(
            id=mixture_id,
            names=tuple(raw["names"]),
            substances=tuple(raw["substances"]),
            note=_text(raw["note"]),
            source=raw["source"],
        )
    return mixtures


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


def _check_rule_advice(rules: dict) -> None:
    """Every advice id a rule gives or an item replaces is listed; a rule's
    below_chart source is one of its own sources."""
    known = {item["id"] for item in rules["advice"]}
    replaced = [r for item in rules["advice"] for r in item.get("replaces", [])]
    for outcome in [rules["default"], *rules["rules"], *rules["overrides"]]:
        for advice_id in [*outcome["advice"], *replaced]:
            if advice_id not in known:
                raise DataError(f"rules.yaml: advice {advice_id!r} is not listed under advice")
        if outcome.get("below_chart") and outcome["below_chart"] not in outcome["sources"]:
            raise DataError("rules.yaml: a below_chart source must be one of the rule's sources")


def own_names(substance: Substance) -> list[str]:
    """The substance's id and names, as against its brand and street names."""
    names = [substance.name.en, substance.name.es]
    if substance.short_name:
        names += [substance.short_name.en, substance.short_name.es]
    return [*names, substance.id]


def _name_index(
    substances: dict[str, Substance], mixtures: dict[str, Mixture]
) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Name -> substance, name -> mixture, name -> spelling; a name means one thing only.

    A name claimed twice would make the answer depend on file order, so the
    catalogue refuses to load instead.
    """
    owners: dict[str, tuple[str, str]] = {}
    spellings: dict[str, str] = {}
    entries = [
        (("substance", s.id), name)
        for s in substances.values()
        for name in [*own_names(s), *s.synonyms]
    ]
    entries += [(("mixture", m.id), name) for m in mixtures.values() for name in m.names]
    for owner, name in entries:
        key = normalise_name(name)
        if owners.get(key, owner) != owner:
            raise DataError(
                f"the name {name!r} is used by {' '.join(owners[key])} and {' '.join(owner)}"
            )
        owners[key] = owner
        # The first spelling wins: own names come before synonyms.
        spellings.setdefault(key, name)
    names = {key: oid for key, (kind, oid) in owners.items() if kind == "substance"}
    mixture_names = {key: oid for key, (kind, oid) in owners.items() if kind == "mixture"}
    return names, mixture_names, spellings


def _inner_name(substance: Substance, language: str | None) -> str:
    """The name inside parentheses: short, and lower case unless an acronym ("LSD")."""
    text = (substance.short_name or substance.name).in_language(language)
    if len(text) > 1 and text[1].islower():
        text = text[0].lower() + text[1:]
    return text


def display_name(
    substance: Substance | Sequence[Substance], typed: str | None, language: str | None = None
) -> str:
    """How to show what a person typed: "Xanax (alprazolam)", "tranq dope (fentanyl + xylazine)".

    ``substance`` is the substance the name stands for, or the substances of a
    mixture (``Named.substances``); ``typed`` is what the person typed (None
    or "" for none). A substance's own name, or no name, shows the catalogue's
    name in ``language``; a brand or street name shows as the catalogue spells
    it, with what it stands for after it.
    """
    data = catalogue()
    found = [substance] if isinstance(substance, Substance) else list(substance)
    key = normalise_name(typed or "")
    spelled = data.spellings.get(key, " ".join((typed or "").split()))
    if len(found) > 1 or key in data.mixture_names:
        return f"{spelled} ({' + '.join(_inner_name(s, language) for s in found)})"
    only = found[0]
    if not key or key in {normalise_name(n) for n in own_names(only)}:
        return only.name.in_language(language)
    return f"{spelled} ({_inner_name(only, language)})"


@cache
def catalogue() -> Catalogue:
    return load_catalogue()
