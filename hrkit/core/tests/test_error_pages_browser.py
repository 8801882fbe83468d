"""The missing-page page with the demo banner in Chromium: accessible at 320 px, both languages."""

import pytest

from hrkit.core import context_processors
from hrkit.core.testing import serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("language", "heading", "banner"),
    [
        ("en", "Page not found", "This site shows made-up demo data. Do not rely on it."),
        (
            "es",
            "Página no encontrada",
            "Este sitio muestra datos de demostración inventados. No confíe en ellos.",
        ),
    ],
)
def test_missing_page_with_the_demo_banner_is_accessible(
    live_server, page, monkeypatch, language: str, heading: str, banner: str
):
    monkeypatch.setattr(context_processors, "demo_data_loaded", lambda: True)
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/no-such-page/")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == heading
    assert page.locator(".demo-banner").inner_text() == banner
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert serious_accessibility_violations(page) == []
