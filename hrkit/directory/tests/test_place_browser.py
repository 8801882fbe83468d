"""One place's page in Debian's Chromium at 320 px, reached from a search, without JavaScript."""

from datetime import date, time

import pytest

from hrkit.core.testing import serious_accessibility_violations
from hrkit.directory.models import Schedule, Service, ServiceAtLocation
from hrkit.directory.search_index import refresh_search_index
from hrkit.directory.tests.factories import make_place, make_terms

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW = {"width": 320, "height": 640}


@pytest.fixture
def honolulu_site():
    make_terms()
    sal = make_place(
        "Naloxone and syringe services",
        21.307,
        -157.858,
        ["naloxone", "syringe-services", "free", "no-id-needed"],
        hours=[("MO,TU,WE,TH,FR", time(9), time(17))],
        phone="808-555-0100",
        languages=["en", "es"],
        last_verified=date(2025, 1, 10),
        time_zone="Pacific/Honolulu",
    )
    van = Service.objects.create(organization=sal.service.organization, name="Saturday night van")
    here = ServiceAtLocation.objects.create(service=van, location=sal.location)
    Schedule.objects.create(
        service_at_location=here, freq="WEEKLY", byday="SA", opens_at=time(20), closes_at=time(2)
    )
    Schedule.objects.create(
        service_at_location=here, valid_from=date(2099, 12, 25), valid_to=date(2099, 12, 26)
    )
    refresh_search_index([sal.location_id])
    return sal


def test_without_javascript_a_result_leads_to_its_place_page(live_server, browser, honolulu_site):
    context = browser.new_context(viewport=NARROW, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/find/?zip=96813")
    page.get_by_role("link", name="Week's hours and all services here").first.click()
    page.wait_for_url(f"**/find/place/{honolulu_site.location_id}/")
    assert page.get_by_role("heading", name="Services here").is_visible()
    assert page.locator("table.week").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    context.close()


def test_the_place_page_at_320_px_in_english_and_spanish(
    live_server, page, honolulu_site, tmp_path
):
    page.set_viewport_size(NARROW)
    page.goto(f"{live_server.url}/find/place/{honolulu_site.location_id}/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Naloxone and syringe services site"
    )
    assert page.get_by_role("heading", name="Hours: Saturday night van").is_visible()
    assert page.locator("table.week").first.locator("tr").count() == 7
    assert page.get_by_text("Times are in this place's time zone, Pacific/Honolulu.").count() == 1
    assert page.get_by_role("link", name="Call (808) 555-0100").get_attribute("href") == (
        "tel:+18085550100"
    )
    assert page.get_by_role("link", name="Directions (OpenStreetMap)").is_visible()
    assert "Dec. 25, 2099 to Dec. 26, 2099" in page.locator(".closures").inner_text()
    assert serious_accessibility_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    page.screenshot(path=tmp_path / "place-320.png", full_page=True)

    page.get_by_role("link", name="Español").click()
    page.wait_for_url(f"**/find/place/{honolulu_site.location_id}/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("heading", name="Servicios aquí").is_visible()
    assert serious_accessibility_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    page.screenshot(path=tmp_path / "place-320-es.png", full_page=True)
