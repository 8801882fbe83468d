"""Every public page says so while demo data is loaded; the answer is cached briefly."""

import pytest
from django.apps import apps
from django.core.cache import cache
from django.test import Client

from hrkit.core.context_processors import (
    DEMO_DATA_CACHE_KEY,
    cached_demo_data_loaded,
    demo_data_loaded,
)

BANNER_EN = "This site shows made-up demo data. Do not rely on it."
BANNER_ES = "Este sitio muestra datos de demostración inventados. No confíe en ellos."


class _Asked:
    """Stands in for an app's has_demo_data(), counting how often it is asked."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.times = 0

    def __call__(self) -> bool:
        self.times += 1
        return self.answer


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.delete(DEMO_DATA_CACHE_KEY)
    yield
    cache.delete(DEMO_DATA_CACHE_KEY)


@pytest.fixture
def app_with_demo_data(monkeypatch):
    asked = _Asked(True)
    # Any installed app may answer; the language app stands in for one.
    monkeypatch.setattr(apps.get_app_config("language"), "has_demo_data", asked, raising=False)
    return asked


def test_no_app_with_demo_data_means_no_demo_data():
    assert demo_data_loaded() is False


def test_one_app_with_demo_data_is_enough(app_with_demo_data):
    assert demo_data_loaded() is True


def test_answer_is_cached_so_a_second_page_does_not_ask_again(app_with_demo_data):
    assert cached_demo_data_loaded() is True
    assert cached_demo_data_loaded() is True
    assert app_with_demo_data.times == 1
    cache.delete(DEMO_DATA_CACHE_KEY)
    assert cached_demo_data_loaded() is True
    assert app_with_demo_data.times == 2


def test_a_no_is_cached_too(monkeypatch):
    asked = _Asked(False)
    monkeypatch.setattr(apps.get_app_config("language"), "has_demo_data", asked, raising=False)
    assert cached_demo_data_loaded() is False
    assert cached_demo_data_loaded() is False
    assert asked.times == 1


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/find/", "/safer-use/", "/language/", "/no-such-page/"])
def test_public_pages_show_the_banner_while_demo_data_is_loaded(
    client: Client, app_with_demo_data, path: str
):
    assert BANNER_EN in client.get(path).content.decode()


@pytest.mark.django_db
def test_banner_is_translated(client: Client, app_with_demo_data):
    client.cookies["django_language"] = "es"
    assert BANNER_ES in client.get("/find/").content.decode()


@pytest.mark.django_db
def test_no_banner_without_demo_data(client: Client):
    assert BANNER_EN not in client.get("/find/").content.decode()
