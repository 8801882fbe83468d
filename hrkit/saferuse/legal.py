"""US overdose Good Samaritan and naloxone access laws, from data/states.yaml.

Every one of the 50 states and DC has a row, and each row has both kinds of
law. A law is either a `Law` (a statute with a summary) or a `NoLaw` (no law
of that kind was found as of the row's `checked` date); both name the pages
the row was compared with, so a reader can see where each claim was checked.
"""

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

from hrkit.saferuse.catalogue import (
    DATA_DIR,
    DataError,
    Text,
    catalogue,
    normalise_name,
    read_yaml,
    validate,
)


@dataclass(frozen=True)
class Page:
    """A page a row was compared with; `host` is a short label for a link."""

    url: str

    @property
    def host(self) -> str:
        host = urlsplit(self.url).hostname or self.url
        return host.removeprefix("www.")


def grouped_by_host(pages: tuple[Page, ...]) -> list[tuple[str, tuple[Page, ...]]]:
    """The pages under each host, hosts in first-seen order: a host named once,
    however many of its pages were read."""
    hosts: dict[str, list[Page]] = {}
    for page in pages:
        hosts.setdefault(page.host, []).append(page)
    return [(host, tuple(found)) for host, found in hosts.items()]


@dataclass(frozen=True)
class Law:
    statute: str
    url: str
    summary: Text
    seen_in: tuple[Page, ...]
    citation_confirmed: bool = True
    found: ClassVar[bool] = True

    @property
    def checked_against(self) -> list[tuple[str, tuple[Page, ...]]]:
        return grouped_by_host(self.seen_in)


@dataclass(frozen=True)
class NoLaw:
    """No law of this kind was found as of the row's checked date."""

    seen_in: tuple[Page, ...]
    note: Text | None = None
    found: ClassVar[bool] = False

    @property
    def checked_against(self) -> list[tuple[str, tuple[Page, ...]]]:
        return grouped_by_host(self.seen_in)


@dataclass(frozen=True)
class StateLaws:
    code: str
    name: Text
    good_samaritan: Law | NoLaw
    naloxone: Law | NoLaw
    checked: date

    @property
    def laws(self) -> tuple[tuple[str, Law | NoLaw], ...]:
        """Both kinds of law, in the order the page shows them."""
        return (("good_samaritan", self.good_samaritan), ("naloxone", self.naloxone))


@dataclass(frozen=True)
class LegalTable:
    national_naloxone: Text
    national_source: str
    states: dict[str, StateLaws]

    @property
    def in_name_order(self) -> list[StateLaws]:
        """The rows sorted by name in the active language, ignoring accents."""
        return sorted(self.states.values(), key=lambda state: normalise_name(str(state.name)))


def _pages(urls: list[str]) -> tuple[Page, ...]:
    return tuple(Page(url) for url in urls)


def _law(raw: dict) -> Law | NoLaw:
    if raw.get("none"):
        note = Text(en=raw["en"], es=raw["es"]) if "en" in raw else None
        return NoLaw(_pages(raw["seen_in"]), note)
    return Law(
        statute=raw["statute"],
        url=raw["url"],
        summary=Text(en=raw["en"], es=raw["es"]),
        seen_in=_pages(raw["seen_in"]),
        citation_confirmed=raw.get("citation_confirmed", True),
    )


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
        if row["code"] in states:
            raise DataError(f"states.yaml: {row['code']} is listed twice")
        states[row["code"]] = StateLaws(
            code=row["code"],
            name=Text(**row["name"]),
            good_samaritan=_law(row["good_samaritan"]),
            naloxone=_law(row["naloxone"]),
            checked=date.fromisoformat(row["checked"]),
        )
    return LegalTable(
        Text(en=national["en"], es=national["es"]), national["source"], dict(sorted(states.items()))
    )


@cache
def legal_table() -> LegalTable:
    return load_legal_table()
