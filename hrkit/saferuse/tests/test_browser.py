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


def test_combination_results_are_never_kept_for_offline_use(live_server, page):
    result_url = f"{live_server.url}/safer-use/combinations/?first=heroin&second=xanax"
    page.goto(f"{live_server.url}/safer-use/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.goto(result_url)
    assert "Dangerous" in page.inner_text("#result")
    kept = page.evaluate(
        """async () => {
            const names = await caches.keys();
            const urls = [];
            for (const name of names) {
                const cache = await caches.open(name);
                for (const request of await cache.keys()) urls.push(request.url);
            }
            return urls;
        }"""
    )
    assert any(url.endswith("/safer-use/guides/respond-opioid/") for url in kept)
    assert not any("?" in url for url in kept)
