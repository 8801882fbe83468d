"""US state overdose Good Samaritan and naloxone access laws, from data/states.yaml."""

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from hrkit.saferuse.catalogue import DATA_DIR, DataError, Text, catalogue, read_yaml, validate


@dataclass(frozen=True)
class Law:
    statute: str
    url: str
    summary: Text


@dataclass(frozen=True)
class StateLaws:
    code: str
    name: Text
    good_samaritan: Law
    naloxone: Law | None
    checked: date


@dataclass(frozen=True)
class LegalTable:
    national_naloxone: Text
    national_source: str
    states: dict[str, StateLaws]


def _law(raw: dict | None) -> Law | None:
    if raw is None:
        return None
    return Law(raw["statute"], raw["url"], Text(en=raw["en"], es=raw["es"]))


def load_legal_table(path: Path = DATA_DIR / "states.yaml") -> LegalTable:
    raw = read_yaml(path)
    # YAML reads 2026-01-31 as a date; the schema checks the text form.
    for row in raw["states"]:
        if "checked" in row:
            row["checked"] = str(row["checked"])
    validate(raw, "states", path)
    national = raw["national"]["naloxone"]
    if national["source"] not in catalogue().sources:
        raise DataError(f"states.yaml: source {national['source']!r} is not in sources.yaml")
    states = {}
    for row in raw["states"]:
        checked = date.fromisoformat(row["checked"])
        if row["code"] in states:
            raise DataError(f"states.yaml: {row['code']} is listed twice")
        states[row["code"]] = StateLaws(
            code=row["code"],
            name=Text(**row["name"]),
            good_samaritan=_law(row["good_samaritan"]),  # type: ignore[arg-type]
            naloxone=_law(row.get("naloxone")),
            checked=checked,
        )
    return LegalTable(
        Text(en=national["en"], es=national["es"]), national["source"], dict(sorted(states.items()))
    )


@cache
def legal_table() -> LegalTable:
    return load_legal_table()
