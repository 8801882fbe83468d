"""The checker page in Spanish with a name it does not know, in a 320 px browser."""

import pytest

from hrkit.core.testing import serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SCREENSHOT = "/tmp/hrkit-checker-unknown-name-es-320.png"


def test_unknown_name_in_spanish_offers_links_that_redo_the_check(live_server, page):
    page.context.add_cookies([{"name": "django_language", "value": "es", "url": live_server.url}])
    page.goto(f"{live_server.url}/safer-use/combinations/")
    page.fill("#id_first", "herion")
    page.fill("#id_second", "xanax")
    page.click("button[type=submit]")
    problem = page.inner_text("#problem")
    assert "No conocemos «herion». ¿Quiso decir: Heroína" in problem
    assert "We don't know" not in page.content()
    assert serious_accessibility_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.screenshot(path=SCREENSHOT, full_page=True)
    page.click("#problem a >> nth=0")
    assert page.input_value("#id_first") == "Heroína"
    assert "Peligroso" in page.inner_text("#result")
