"""The /find/ page in Debian's Chromium at 320 px, with JavaScript on and off."""

from datetime import date, time

import pytest

from hrkit.core.testing import serious_accessibility_violations
from hrkit.directory.models import ServiceArea
from hrkit.directory.tests.factories import make_place, make_remote, make_terms

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW = {"width": 320, "height": 640}


@pytest.fixture
def directory():
    make_terms()
    nine_to_five = [("MO,TU,WE,TH,FR", time(9, 0), time(17, 0))]
    # Created farthest first, so database order is not the distance order.
    for n, latitude in enumerate((40.90, 40.82, 40.78, 40.752)):
        make_place(
            f"Naloxone site {n}",
            latitude,
            -73.99,
            ["naloxone", "free", "no-id-needed"],
            hours=nine_to_five,
            phone="212-555-0100",
            languages=["en", "es"],
            last_verified=date(2025, 1, 10),
        )
    make_place("Syringe services only", 40.751, -73.99, ["syringe-services"])
    make_remote("Naloxone by mail", ["naloxone", "mail-based-delivery"], kind="nationwide")
    make_remote("Hotline elsewhere", ["hotline"], kind=ServiceArea.Kind.STATE, state="CA")


def distances_on(page) -> list[float]:
    return [
        float(km)
        for km in page.locator(".result .distance").evaluate_all(
            "spans => spans.map(span => span.dataset.km)"
        )
    ]


def search_naloxone_near_10001(page, base_url: str) -> None:
    page.goto(f"{base_url}/find/")
    page.get_by_label("ZIP code").fill("10001")
    page.get_by_label("Naloxone", exact=True).check()
    page.get_by_role("button", name="Search", exact=True).first.click()
    page.wait_for_url("**/find/?*zip=10001*")


def test_find_naloxone_by_zip_code(live_server, page, directory):
    search_naloxone_near_10001(page, live_server.url)
    names = page.locator(".result h3").all_inner_texts()
    assert names[:4] == [f"Naloxone site {n}" for n in (3, 2, 1, 0)]
    assert "Syringe services only" not in names
    distances = distances_on(page)
    assert len(distances) == 4 and distances == sorted(distances)
    # The script leaves empty optional fields out of the shareable address.
    assert page.url.endswith("/find/?zip=10001&service=naloxone")
    assert page.get_by_role("heading", name="Also available where you are").is_visible()
    assert page.get_by_role("heading", name="Naloxone by mail").is_visible()
    assert page.get_by_role("heading", name="Hotline elsewhere").count() == 0

    assert serious_accessibility_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]

    page.get_by_role("link", name="Español").click()
    page.wait_for_url("**/find/?*zip=10001*")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Buscar servicios de reducción de daños"
    )
    assert page.get_by_role("heading", name="También disponible donde usted está").is_visible()
    assert distances_on(page) == distances
    assert serious_accessibility_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]


def test_the_form_and_its_errors_are_accessible(live_server, page, directory):
    page.goto(f"{live_server.url}/find/")
    assert serious_accessibility_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    page.get_by_label("ZIP code").fill("00000")
    page.get_by_role("button", name="Search", exact=True).first.click()
    page.wait_for_url("**/find/?zip=00000*")
    alert = page.get_by_role("alert")
    assert "5-digit US ZIP code" in alert.inner_text()
    zip_field = page.get_by_label("ZIP code")
    assert zip_field.get_attribute("aria-describedby") == alert.get_attribute("id")
    assert serious_accessibility_violations(page) == []


def test_the_map_loads_leaflet_only_when_asked(live_server, page, directory):
    # No tiles from the internet in a test: the markers are what is checked.
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    search_naloxone_near_10001(page, live_server.url)
    assert page.locator("script[src*=leaflet]").count() == 0
    page.get_by_role("button", name="Show on a map").click()
    page.locator(".leaflet-marker-icon").nth(3).wait_for()
    assert page.locator(".leaflet-marker-icon").count() == 4
    assert page.locator("#map").is_visible()
    assert serious_accessibility_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]


def test_use_my_location(live_server, browser, directory):
    context = browser.new_context(
        viewport=NARROW,
        geolocation={"latitude": 40.7512, "longitude": -73.9901},
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/find/?service=naloxone")
    page.get_by_role("button", name="Use my location").click()
    page.wait_for_url("**/find/?*lat=40.751*")
    assert page.get_by_role("heading", name="Near your location").is_visible()
    assert page.locator(".result h3").first.inner_text() == "Naloxone site 3"
    context.close()


def test_without_javascript_the_search_still_works(live_server, browser, directory):
    context = browser.new_context(viewport=NARROW, java_script_enabled=False)
    page = context.new_page()
    search_naloxone_near_10001(page, live_server.url)
    assert not page.get_by_role("button", name="Use my location").is_visible()
    assert not page.get_by_role("button", name="Show on a map").is_visible()
    distances = distances_on(page)
    assert len(distances) == 4 and distances == sorted(distances)
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    context.close()
