"""hrkit's taxonomies as data: data/taxonomy.yaml loaded into TaxonomyTerm rows.

The YAML file is the one place a term's code, names and description are kept;
load_taxonomy brings the database in line with it and can be run any number
of times.
"""

import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from django.db import transaction

from hrkit.directory.models import TaxonomyTerm

TAXONOMY_FILE = Path(__file__).resolve().parent / "data" / "taxonomy.yaml"
# Stable HSDS ids: the same code gets the same id on every install, so exports
# from two installs name a term the same way.
TERM_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://hrkit.invalid/taxonomy-term")


@dataclass(frozen=True)
class TermSpec:
    code: str
    name: str
    taxonomy: str
    description: str
    translations: dict[str, str]
    sort_order: int
    source: str


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int

    @property
    def total(self) -> int:
        return self.created + self.updated


def term_hsds_id(code: str) -> str:
    return str(uuid.uuid5(TERM_ID_NAMESPACE, code))


@lru_cache(maxsize=1)
def read_taxonomy_file(path: Path = TAXONOMY_FILE) -> tuple[TermSpec, ...]:
    """Every term in the file, checked: known taxonomies, unique codes, a name in each."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    known = set(TaxonomyTerm.Taxonomy.values)
    specs: list[TermSpec] = []
    seen: set[str] = set()
    for taxonomy, entries in document["taxonomies"].items():
        if taxonomy not in known:
            raise ValueError(f"{path}: unknown taxonomy {taxonomy!r}")
        for order, entry in enumerate(entries):
            code = entry["code"]
            if code in seen:
                raise ValueError(f"{path}: code {code!r} appears twice")
            if not entry.get("name") or not entry.get("translations", {}).get("es"):
                raise ValueError(f"{path}: {code!r} needs an English and a Spanish name")
            seen.add(code)
            specs.append(
                TermSpec(
                    code=code,
                    name=entry["name"],
                    taxonomy=taxonomy,
                    description=entry.get("description", ""),
                    translations=dict(entry["translations"]),
                    sort_order=order,
                    source=entry.get("source", ""),
                )
            )
    return tuple(specs)


def load_taxonomy() -> LoadResult:
    """Create or update a TaxonomyTerm for each term of the file, matched by code."""
    specs = read_taxonomy_file()
    created = updated = 0
    with transaction.atomic():
        for spec in specs:
            _, was_created = TaxonomyTerm.objects.update_or_create(
                code=spec.code,
                defaults={
                    "name": spec.name,
                    "taxonomy": spec.taxonomy,
                    "description": spec.description,
                    "translations": spec.translations,
                    "sort_order": spec.sort_order,
                },
                create_defaults={
                    "hsds_id": term_hsds_id(spec.code),
                    "name": spec.name,
                    "taxonomy": spec.taxonomy,
                    "description": spec.description,
                    "translations": spec.translations,
                    "sort_order": spec.sort_order,
                },
            )
            if was_created:
                created += 1
            else:
                updated += 1
    return LoadResult(created=created, updated=updated)


def terms_by_taxonomy() -> dict[str, list[TaxonomyTerm]]:
    """The terms in the database, grouped by taxonomy, each group in display order."""
    grouped: dict[str, list[TaxonomyTerm]] = {value: [] for value in TaxonomyTerm.Taxonomy.values}
    for term in TaxonomyTerm.objects.order_by("taxonomy", "sort_order", "name"):
        grouped.setdefault(term.taxonomy, []).append(term)
    return grouped


def terms_by_code() -> dict[str, TaxonomyTerm]:
    return {term.code: term for term in TaxonomyTerm.objects.all()}
