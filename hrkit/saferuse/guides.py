"""Recognition and response guides: data files rendered as short printable pages."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hrkit.core.sources import Source
from hrkit.saferuse.catalogue import (
    DATA_DIR,
    Claim,
    DataError,
    Text,
    catalogue,
    cited_sources,
    read_yaml,
    validate,
)


@dataclass(frozen=True)
class Section:
    heading: Text
    steps: tuple[Claim, ...]


@dataclass(frozen=True)
class ComparisonRow:
    aspect: Text
    cells: tuple[Text, ...]
    source: str


@dataclass(frozen=True)
class Guide:
    id: str
    order: int
    title: Text
    summary: Text
    summary_source: str
    columns: tuple[Text, ...]
    rows: tuple[ComparisonRow, ...]
    sections: tuple[Section, ...]

    def sources(self) -> list[Source]:
        keys = [self.summary_source, *(r.source for r in self.rows)]
        keys += [step.source for section in self.sections for step in section.steps]
        known = catalogue().sources
        return [known[key] for key in dict.fromkeys(keys)]


def _guide(raw: dict) -> Guide:
    comparison = raw.get("comparison", {"columns": {}, "rows": []})
    column_ids = list(comparison["columns"])
    return Guide(
        id=raw["id"],
        order=raw["order"],
        title=Text(**raw["title"]),
        summary=Text(**raw["summary"]),
        summary_source=raw["summary_source"],
        columns=tuple(Text(**comparison["columns"][c]) for c in column_ids),
        rows=tuple(
            ComparisonRow(
                Text(**row["aspect"]), tuple(Text(**row[c]) for c in column_ids), row["source"]
            )
            for row in comparison["rows"]
        ),
        sections=tuple(
            Section(
                Text(**s["heading"]),
                tuple(Claim(Text(en=c["en"], es=c["es"]), c["source"]) for c in s["steps"]),
            )
            for s in raw["sections"]
        ),
    )


def load_guides(directory: Path = DATA_DIR / "guides") -> dict[str, Guide]:
    known_sources = catalogue().sources
    guides = []
    for path in sorted(directory.glob("*.yaml")):
        raw = read_yaml(path)
        validate(raw, "guide", path)
        if raw["id"] != path.stem:
            raise DataError(f"{path.name}: id must match the file name")
        for key in cited_sources(raw) + [raw["summary_source"]]:
            if key not in known_sources:
                raise DataError(f"{path.name}: source {key!r} is not in sources.yaml")
        columns = set(raw.get("comparison", {}).get("columns", {}))
        for row in raw.get("comparison", {}).get("rows", []):
            if set(row) - {"aspect", "source"} != columns:
                raise DataError(f"{path.name}: every comparison row needs every column")
        guides.append(_guide(raw))
    return {g.id: g for g in sorted(guides, key=lambda g: g.order)}


@cache
def all_guides() -> dict[str, Guide]:
    return load_guides()
