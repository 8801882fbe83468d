"""The banner follows the directory's demo: on after `hrkit demo`, off after `--remove`."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from hrkit.core.context_processors import DEMO_DATA_CACHE_KEY

BANNER = "This site shows made-up demo data. Do not rely on it."


@pytest.mark.django_db
def test_banner_comes_with_the_demo_directory_and_goes_with_it(client: Client):
    cache.delete(DEMO_DATA_CACHE_KEY)
    assert BANNER not in client.get("/find/").content.decode()

    call_command("demo", verbosity=0)
    cache.delete(DEMO_DATA_CACHE_KEY)
    assert BANNER in client.get("/find/").content.decode()

    call_command("demo", "--remove", verbosity=0)
    cache.delete(DEMO_DATA_CACHE_KEY)
    assert BANNER not in client.get("/find/").content.decode()
