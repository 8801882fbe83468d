"""The citation behind a health fact or a language rule, as the apps' sources.yaml list them."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Source:
    key: str
    publisher: str
    title: str
    url: str
    # The day a person or the project's search last saw the document at `url`;
    # None means nobody has checked the address yet.
    confirmed: date | None = None


def confirmed_date(key: str, value: Any) -> date | None:
    """The `confirmed:` value of one source as a date; ValueError if it is not a real day.

    YAML reads an unquoted 2026-12-01 as a date and a quoted one as text; both are accepted.
    """
    if value is None:
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"source {key!r}: confirmed must be a day written YYYY-MM-DD, not {value!r}")


def sources_from(entries: Mapping[str, Mapping[str, Any]]) -> dict[str, Source]:
    """Sources by key from the `sources:` mapping of a sources.yaml file."""
    return {
        key: Source(
            key,
            entry["publisher"],
            entry["title"],
            entry["url"],
            confirmed_date(key, entry.get("confirmed")),
        )
        for key, entry in entries.items()
    }
