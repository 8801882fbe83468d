"""Connection settings that one piece of work needs for its duration."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def planned_each_time() -> Iterator[None]:
    """Run the block without PostgreSQL prepared statements (elsewhere, as it is).

    A prepared statement keeps the plan it got when it was prepared. During a
    bulk import the tables grow from a few rows to hundreds of thousands, and
    a lookup planned on the small table goes on scanning it whole: an import
    of 100,000 locations ran at half its speed. Planning every statement
    afresh costs far less than that.
    """
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    threshold = raw.prepare_threshold
    raw.prepare_threshold = None
    try:
        yield
    finally:
        raw.prepare_threshold = threshold
