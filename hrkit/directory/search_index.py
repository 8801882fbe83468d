"""Keeps whatever the locator's search needs in step with the directory.

Every bulk change to locations, services or their terms (imports, demo data,
admin edits) calls refresh_search_index afterwards, inside its transaction.
"""

from collections.abc import Iterable


def refresh_search_index(location_ids: Iterable[int] | None = None) -> None:
    """Bring the search index up to date for these locations (all when None)."""
    return None
