"""Every public page says so while demo data is loaded; the answer is cached briefly."""

from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.test import Client

from hrkit.core import context_processors
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


class _App:
    def __init__(self, has_demo_data: Callable[[], bool] | None = None) -> None:
        if has_demo_data is not None:
            self.has_demo_data = has_demo_data


class _Registry:
    def __init__(self, *configs: _App) -> None:
        self.configs = configs

    def get_app_configs(self) -> tuple[_App, ...]:
        return self.configs


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.delete(DEMO_DATA_CACHE_KEY)
    yield
    cache.delete(DEMO_DATA_CACHE_KEY)


@pytest.fixture
def installed(monkeypatch):
    """Installs stand-in apps, in the order given, for core to ask."""

    def install(*configs: _App) -> None:
        monkeypatch.setattr(context_processors, "apps", _Registry(*configs))
        # The real question, even where a shared fixture answers it for tests
        # kept away from the database.
        monkeypatch.setattr(context_processors, "demo_data_loaded", demo_data_loaded)

    return install


def test_apps_without_the_method_or_with_no_demo_data_mean_no_demo_data(installed):
    installed(_App(), _App(_Asked(False)))
    assert demo_data_loaded() is False


def test_one_app_with_demo_data_is_enough(installed):
    installed(_App(), _App(_Asked(False)), _App(_Asked(True)))
    assert demo_data_loaded() is True


def test_answer_is_cached_so_a_second_page_does_not_ask_again(installed):
    asked = _Asked(True)
    installed(_App(asked))
    assert cached_demo_data_loaded() is True
    assert cached_demo_data_loaded() is True
    assert asked.times == 1
    cache.delete(DEMO_DATA_CACHE_KEY)
    assert cached_demo_data_loaded() is True
    assert asked.times == 2


def test_a_no_is_cached_too(installed):
    asked = _Asked(False)
    installed(_App(asked))
    assert cached_demo_data_loaded() is False
    assert cached_demo_data_loaded() is False
    assert asked.times == 1


def test_pages_that_need_no_database_render_when_it_cannot_be_asked(client: Client, installed):
    def unreachable() -> bool:
        raise OperationalError("no such table: directory_organization")

    installed(_App(unreachable))
    response = client.get("/safer-use/guides/respond-opioid/")
    assert response.status_code == 200
    assert BANNER_EN not in response.content.decode()


@pytest.fixture
def demo_data(monkeypatch):
    monkeypatch.setattr(context_processors, "demo_data_loaded", lambda: True)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/find/", "/safer-use/", "/language/", "/no-such-page/"])
def test_public_pages_show_the_banner_while_demo_data_is_loaded(
    client: Client, demo_data, path: str
):
    assert BANNER_EN in client.get(path).content.decode()


@pytest.mark.django_db
def test_banner_is_translated(client: Client, demo_data):
    client.cookies["django_language"] = "es"
    assert BANNER_ES in client.get("/find/").content.decode()


@pytest.mark.django_db
def test_no_banner_on_an_empty_directory(client: Client):
    assert BANNER_EN not in client.get("/find/").content.decode()


def test_api_not_found_renders_no_page_and_asks_nothing(client: Client, installed):
    asked = _Asked(True)
    installed(_App(asked))
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert asked.times == 0
