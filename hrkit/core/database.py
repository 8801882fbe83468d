"""Connection settings that one piece of work needs for its duration."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


def prepare_threshold() -> int | None:
    """After how many runs psycopg prepares a statement (None: never, or not PostgreSQL)."""
    connection.ensure_connection()
    return getattr(connection.connection, "prepare_threshold", None)


@contextmanager
def without_prepared_statements() -> Iterator[None]:
    """Run the block without PostgreSQL prepared statements (elsewhere, as it is).

    A prepared statement keeps the plan it got when it was prepared. During a
    bulk import the tables grow from a few rows to hundreds of thousands, and
    a lookup planned on the small table goes on scanning it whole: an import
    of 100,000 locations ran at half its speed. Planning every statement
    afresh costs far less than that.
    """
    threshold = prepare_threshold()
    if threshold is None:
        yield
        return
    raw = connection.connection
    raw.prepare_threshold = None
    try:
        yield
    finally:
        raw.prepare_threshold = threshold
