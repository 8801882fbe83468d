"""without_prepared_statements turns PostgreSQL's prepared statements off for a block only.

On SQLite there is nothing to turn off: the block must simply run and let
its errors through. CI runs these on both engines.
"""

import pytest
from django.db import connection

from hrkit.core.database import prepare_threshold, without_prepared_statements


@pytest.mark.django_db
def test_prepared_statements_are_off_inside_the_block_and_back_after_it():
    before = prepare_threshold()
    with without_prepared_statements():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            assert cursor.fetchone() == (1,)
        assert prepare_threshold() is None
    assert prepare_threshold() == before


@pytest.mark.django_db
def test_the_setting_comes_back_when_the_block_fails():
    before = prepare_threshold()
    with pytest.raises(RuntimeError), without_prepared_statements():
        raise RuntimeError("the import failed")
    assert prepare_threshold() == before
