"""The page of one place, /find/place/<id>/, through Django's test client (no JavaScript)."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from hrkit.directory.hours import ScheduleRule
from hrkit.directory.models import Schedule, Service, ServiceAtLocation
from hrkit.directory.place_details import Closure, closures_ahead, describe_place
from hrkit.directory.search_index import refresh_search_index
from hrkit.directory.tests.factories import make_place, make_terms

pytestmark = pytest.mark.django_db

PAGE_BUDGET_BYTES = 60 * 1024
NY = ZoneInfo("America/New_York")
NINE_TO_FIVE = [("MO,TU,WE,TH,FR", time(9), time(17))]


@pytest.fixture
def site():
    """One place with two services: naloxone on weekdays, a Saturday night van stop."""
    make_terms()
    sal = make_place(
        "Naloxone and test strips",
        40.751,
        -73.99,
        ["naloxone", "fentanyl-test-strips", "free"],
        hours=NINE_TO_FIVE,
        phone="212-555-0100",
        languages=["en", "es"],
        last_verified=date(2025, 1, 10),
    )
    night = Service.objects.create(
        organization=sal.service.organization, name="Night outreach", last_verified=date(2025, 2, 1)
    )
    night_here = ServiceAtLocation.objects.create(service=night, location=sal.location)
    Schedule.objects.create(
        service_at_location=night_here,
        freq="WEEKLY",
        byday="SA",
        opens_at=time(20),
        closes_at=time(2),
    )
    refresh_search_index([sal.location_id])
    return sal


def test_the_page_lists_every_service_the_week_and_how_to_get_there(client, site):
    response = client.get(f"/find/place/{site.location_id}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h3>Naloxone and test strips</h3>" in html and "<h3>Night outreach</h3>" in html
    # Two services with different hours: a week for each, named.
    assert "Hours: Naloxone and test strips" in html and "Hours: Night outreach" in html
    assert html.count('<tr class="today">') == 2 and html.count("<tr") == 14
    assert 'href="https://www.openstreetmap.org/directions?to=40.751000%2C-73.990000"' in html
    assert 'href="geo:40.751000,-73.990000"' in html
    assert '<a href="tel:+12125550100">Call (212) 555-0100</a>' in html
    assert "Last verified Jan. 10, 2025" in html and "Last verified Feb. 1, 2025" in html
    # The program's own zone is not named; a place's other zone is.
    assert "time zone" not in html
    assert "<script" not in html
    assert len(response.content) < PAGE_BUDGET_BYTES


def test_the_week_reads_each_day_and_overnight_hours():
    make_terms()
    sal = make_place("Van", 40.751, -73.99, ["naloxone"], hours=[("SA", time(20), time(2))])
    friday = datetime(2025, 1, 17, 18, tzinfo=NY)
    with translation.override("en"):
        place = describe_place(sal.location_id, friday)
    [hours] = place.hours
    assert [(d.day, d.hours_text) for d in hours.week] == [
        (date(2025, 1, 17), "Closed"),
        (date(2025, 1, 18), "8 p.m.–2 a.m."),
        *((date(2025, 1, day), "Closed") for day in range(19, 24)),
    ]
    assert hours.opens_next.text == "Opens next: tomorrow 8 p.m."
    assert not hours.open_now


def test_a_place_in_another_zone_names_it_and_reads_its_own_clock(client):
    make_terms()
    sal = make_place(
        "Honolulu site",
        21.3,
        -157.85,
        ["naloxone"],
        hours=NINE_TO_FIVE,
        time_zone="Pacific/Honolulu",
    )
    html = client.get(f"/find/place/{sal.location_id}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Times are in this place's time zone, Pacific/Honolulu." in html
    monday = datetime(2025, 1, 20, 12, tzinfo=ZoneInfo("Pacific/Honolulu"))
    with translation.override("en"):
        place = describe_place(sal.location_id, monday)
    assert place.hours[0].week[0].hours_text == "9 a.m.–5 p.m."
    assert place.hours[0].open_now


def test_closures_ahead_are_listed_and_past_ones_are_not(client):
    make_terms()
    sal = make_place("Site", 40.751, -73.99, ["naloxone"], hours=NINE_TO_FIVE)
    today = timezone.localdate()
    for first, last in [
        (today - timedelta(days=30), today - timedelta(days=29)),
        (today + timedelta(days=20), today + timedelta(days=20)),
        (today + timedelta(days=40), today + timedelta(days=45)),
    ]:
        Schedule.objects.create(service_at_location=sal, valid_from=first, valid_to=last)
    refresh_search_index([sal.location_id])
    with translation.override("en"):
        [hours] = describe_place(sal.location_id, timezone.now()).hours
    assert hours.closures == (
        Closure(today + timedelta(days=20), today + timedelta(days=20)),
        Closure(today + timedelta(days=40), today + timedelta(days=45)),
    )
    html = client.get(f"/find/place/{sal.location_id}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Closed on" in html


def test_an_open_ended_closure_and_holiday_hours():
    rules = (
        ScheduleRule(freq="WEEKLY", byday="MO", opens_at=time(9), closes_at=time(17)),
        ScheduleRule(valid_from=date(2025, 3, 1)),
        ScheduleRule(
            valid_from=date(2025, 2, 1),
            valid_to=date(2025, 2, 1),
            opens_at=time(10),
            closes_at=time(12),
        ),
    )
    # Holiday hours are not a closure; a closure with no end is kept open-ended.
    assert closures_ahead(rules, date(2025, 1, 15)) == (Closure(date(2025, 3, 1), None),)
    # One that began before today is shown from today.
    assert closures_ahead(rules, date(2025, 4, 1)) == (Closure(date(2025, 4, 1), None),)


def test_spanish_page(client, site):
    client.cookies["django_language"] = "es"
    html = client.get(f"/find/place/{site.location_id}/").content.decode()
    assert '<html lang="es">' in html
    assert "Servicios aquí" in html and "Cómo llegar (OpenStreetMap)" in html
    assert "Horario: Night outreach" in html
    assert "Llamar al (212) 555-0100" in html
    assert "Próxima apertura" in html or "Abierto ahora" in html


def test_an_unknown_or_inactive_place_is_a_404(client, site):
    assert client.get("/find/place/999999/").status_code == 404
    assert client.get("/find/place/abc/").status_code == 404
    Service.objects.filter(organization=site.service.organization).update(
        status=Service.Status.INACTIVE
    )
    refresh_search_index([site.location_id])
    assert client.get(f"/find/place/{site.location_id}/").status_code == 404


def test_each_result_card_links_to_its_place(client, site):
    html = client.get("/find/", {"zip": "10001"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert html.count(f'href="/find/place/{site.location_id}/"') == 2
