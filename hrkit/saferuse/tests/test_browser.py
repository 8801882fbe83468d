import pytest

from hrkit.core.testing import serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_checker_works_and_is_accessible(live_server, page):
    page.goto(f"{live_server.url}/safer-use/combinations/")
    assert serious_accessibility_violations(page) == []
    page.fill("#id_first", "Xanax")
    page.fill("#id_second", "fent")
    page.click("button[type=submit]")
    assert "Dangerous" in page.inner_text("#result")
    assert serious_accessibility_violations(page) == []
    # Nothing on a 320 px screen needs sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_guides_load_offline_after_a_first_visit(live_server, page):
    page.goto(f"{live_server.url}/safer-use/guides/respond-opioid/")
    assert serious_accessibility_violations(page) == []
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.context.set_offline(True)
    page.goto(f"{live_server.url}/safer-use/guides/tolerance/")
    assert "Tolerance after a break" in page.inner_text("h1")
    page.goto(f"{live_server.url}/safer-use/guides/recognize-overdose/")
    assert "Tiny pupils" in page.inner_text("table")
    assert serious_accessibility_violations(page) == []
    page.context.set_offline(False)


@pytest.mark.parametrize(
    "path",
    ["/safer-use/", "/safer-use/training/", "/safer-use/legal/", "/safer-use/substances/mdma/"],
)
def test_other_pages_are_accessible_and_fit_320px(live_server, page, path):
    page.goto(f"{live_server.url}{path}")
    assert serious_accessibility_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
