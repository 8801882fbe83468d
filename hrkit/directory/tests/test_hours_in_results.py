"""Hours in search results: a nationwide line open all day, and when a closed place opens next."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone, translation

from hrkit.directory.api import _locate_body
from hrkit.directory.locate_query import parse_locate_query
from hrkit.directory.locator import locate
from hrkit.directory.models import Schedule, ServiceArea
from hrkit.directory.search_index import refresh_remote_cards, refresh_search_index
from hrkit.directory.tests.factories import make_place, make_remote, make_terms

pytestmark = pytest.mark.django_db

NY = ZoneInfo("America/New_York")
# Wednesday 2025-01-15, noon in New York.
WEDNESDAY_NOON = datetime(2025, 1, 15, 17, tzinfo=UTC)
FRIDAY_EVENING = datetime(2025, 1, 17, 18, tzinfo=NY)
NINE_TO_FIVE = [("MO,TU,WE,TH,FR", time(9), time(17))]


def search(zip_code: str, at: datetime, **params):
    return locate(parse_locate_query(zip=zip_code, at=at, **params))


@pytest.fixture
def eastern_hotline():
    make_terms()
    line = make_remote("Nationwide line", ["hotline"], kind=ServiceArea.Kind.NATIONWIDE)
    Schedule.objects.create(
        service=line, opens_at=time(0), closes_at=time(0), time_zone="America/New_York"
    )
    refresh_remote_cards()
    return line


@pytest.mark.parametrize("zip_code", ["10001", "60614", "80202", "90012", "99501", "96813"])
def test_a_nationwide_line_open_all_day_reads_open_24_hours_in_every_zone(
    eastern_hotline, zip_code
):
    with translation.override("en"):
        [line] = search(zip_code, WEDNESDAY_NOON).also_available
    assert line.hours_text == "Open 24 hours"
    assert line.open_now
    assert line.opens_next is None


def test_a_closed_place_says_when_it_opens_next():
    make_terms()
    make_place("Weekdays", 40.751, -73.99, ["naloxone"], hours=NINE_TO_FIVE)
    with translation.override("en"):
        [item] = search("10001", FRIDAY_EVENING).page.items
    assert not item.open_now
    assert item.opens_next is not None
    assert item.opens_next.at == datetime(2025, 1, 20, 9, tzinfo=NY)
    assert item.opens_next.text == "Opens next: Monday 9 a.m."
    with translation.override("es"):
        [item] = search("10001", FRIDAY_EVENING).page.items
    assert item.opens_next.text == "Próxima apertura: lunes 09:00"
    with translation.override("en"):
        [item] = search("10001", WEDNESDAY_NOON).page.items
    assert item.open_now and item.opens_next is None


def test_a_closure_on_the_next_open_day_is_respected_in_results():
    make_terms()
    sal = make_place("Weekdays", 40.751, -73.99, ["naloxone"], hours=NINE_TO_FIVE)
    Schedule.objects.create(
        service_at_location=sal, valid_from=date(2025, 1, 20), valid_to=date(2025, 1, 20)
    )
    refresh_search_index([sal.location_id])
    with translation.override("en"):
        [item] = search("10001", FRIDAY_EVENING).page.items
    assert item.opens_next.text == "Opens next: Tuesday 9 a.m."


def test_overnight_hours_in_results():
    make_terms()
    make_place("Night van", 40.751, -73.99, ["naloxone"], hours=[("SA", time(20), time(2))])
    with translation.override("en"):
        sunday_after_midnight = search("10001", datetime(2025, 1, 19, 1, tzinfo=NY))
        [item] = sunday_after_midnight.page.items
        assert item.open_now and item.opens_next is None
        [item] = search("10001", datetime(2025, 1, 19, 3, tzinfo=NY)).page.items
    assert item.opens_next.text == "Opens next: Saturday 8 p.m."
    assert item.hours_text == "Closed today"


def test_the_api_body_gives_opens_next_with_its_moment():
    make_terms()
    make_place("Weekdays", 40.751, -73.99, ["naloxone"], hours=NINE_TO_FIVE)
    make_place("No hours", 40.752, -73.99, ["naloxone"])
    with translation.override("en"):
        body = _locate_body(search("10001", FRIDAY_EVENING))
    weekdays, no_hours = body["results"]
    assert weekdays["opens_next"].text == "Opens next: Monday 9 a.m."
    assert weekdays["opens_next"].at.isoformat() == "2025-01-20T09:00:00-05:00"
    assert no_hours["opens_next"] is None


def test_the_api_answers_and_documents_opens_next():
    make_terms()
    # Closed now whenever the test runs: its only hours are on a day ahead.
    sal = make_place("Next week", 40.751, -73.99, ["naloxone"])
    ahead = timezone.localdate() + timedelta(days=3)
    Schedule.objects.create(
        service_at_location=sal,
        valid_from=ahead,
        valid_to=ahead,
        opens_at=time(10),
        closes_at=time(12),
    )
    refresh_search_index([sal.location_id])
    client = Client()
    body = client.get("/api/v1/locate", {"zip": "10001"}, HTTP_ACCEPT_LANGUAGE="en").json()
    [result] = body["results"]
    assert result["opens_next"]["at"].startswith(ahead.isoformat() + "T10:00:00")
    assert result["opens_next"]["text"].startswith("Opens next: ")
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert "opens_next" in schema["LocatedServiceOut"]["properties"]
    assert "opens_next" not in schema["LocatedServiceOut"].get("required", [])
    assert "OpensNextOut" in schema


def test_the_find_card_says_when_a_closed_place_opens_next():
    make_terms()
    sal = make_place("Next week", 40.751, -73.99, ["naloxone"])
    ahead = timezone.localdate() + timedelta(days=3)
    Schedule.objects.create(
        service_at_location=sal,
        valid_from=ahead,
        valid_to=ahead,
        opens_at=time(10),
        closes_at=time(12),
    )
    refresh_search_index([sal.location_id])
    html = Client().get("/find/", {"zip": "10001"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    with translation.override("en"):
        weekday = ahead.strftime("%A")
    assert f"Opens next: {weekday} 10 a.m." in html
    assert "Closed now" in html
    assert f'href="/find/place/{sal.location_id}/"' in html
