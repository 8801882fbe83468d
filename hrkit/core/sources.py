"""The citation behind a health fact or a language rule, as the apps' sources.yaml list them."""

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    key: str
    publisher: str
    title: str
    url: str


def sources_from(entries: Mapping[str, Mapping[str, str]]) -> dict[str, Source]:
    """Sources by key from the `sources:` mapping of a sources.yaml file."""
    return {
        key: Source(key, entry["publisher"], entry["title"], entry["url"])
        for key, entry in entries.items()
    }
