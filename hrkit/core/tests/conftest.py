"""Shared for core's tests: each test starts in the site's default language."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def default_language():
    # A request through the test client activates its language (Spanish by
    # cookie) in the thread and leaves it there, so a later test that reads
    # a lazy message without a request would read it in Spanish.
    translation.deactivate()
    yield
    translation.deactivate()
