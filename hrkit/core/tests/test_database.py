"""planned_each_time turns PostgreSQL's prepared statements off for a block only."""

import pytest
from django.db import connection

from hrkit.core.database import planned_each_time


def _threshold() -> int | None:
    return connection.connection.prepare_threshold


@pytest.mark.django_db
def test_prepared_statements_are_off_inside_the_block_and_back_after_it():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    before = _threshold() if connection.vendor == "postgresql" else None
    with planned_each_time():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            assert cursor.fetchone() == (1,)
        if connection.vendor == "postgresql":
            assert _threshold() is None
    if connection.vendor == "postgresql":
        assert _threshold() == before


@pytest.mark.django_db
def test_the_setting_comes_back_when_the_block_fails():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    before = _threshold() if connection.vendor == "postgresql" else None
    with pytest.raises(RuntimeError), planned_each_time():
        raise RuntimeError("the import failed")
    if connection.vendor == "postgresql":
        assert _threshold() == before
