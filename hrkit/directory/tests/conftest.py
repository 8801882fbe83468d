"""Shared for the directory's tests: each test starts in the site's default language."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def default_language():
    # A request through the test client activates its language (Spanish by
    # cookie or Accept-Language) in the thread and leaves it there, so a
    # later test without a request would read Spanish messages.
    translation.deactivate()
    yield
    translation.deactivate()
