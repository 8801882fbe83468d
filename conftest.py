"""Test settings shared by every app's tests."""

import os

# Playwright's sync API runs an event loop in the test thread; Django's guard
# against async-unsafe calls would stop the ORM in browser tests otherwise.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import shutil
from collections.abc import Iterator

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("HRKIT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 320, "height": 640})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(autouse=True)
def _fresh_taxonomy_codes() -> Iterator[None]:
    """Each test starts with its own taxonomy: the locator's per-worker copy is dropped."""
    from hrkit.directory.locate_query import forget_known_codes

    forget_known_codes()
    yield
    forget_known_codes()


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    """Each test starts with no checks counted against its client."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _no_demo_question_without_database(request, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A test kept from the database renders pages without asking the directory
    whether demo data is loaded (the banner's question, on every page)."""
    uses_database = request.node.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    )
    if not uses_database:
        from django.apps import apps

        monkeypatch.setattr(apps.get_app_config("directory"), "has_demo_data", lambda: False)
