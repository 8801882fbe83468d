"""The staff list of entries due for a check: who may see it, what it lists, in what order."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from hrkit.directory.models import Organization, Service
from hrkit.directory.staleness import mark_verified, stale_services

pytestmark = [pytest.mark.django_db, pytest.mark.urls("hrkit.directory.tests.staff_test_urls")]

STALE_URL = "/staff/directory/stale/"
CSV_URL = "/staff/directory/stale.csv"


def make_service(name: str, age_days: int | None, status: str = "active") -> Service:
    organization, _ = Organization.objects.get_or_create(name="Maple Outreach Project")
    verified = None if age_days is None else timezone.localdate() - timedelta(days=age_days)
    return Service.objects.create(
        organization=organization, name=name, last_verified=verified, status=status
    )


@pytest.fixture
def services() -> dict[str, Service]:
    return {
        "fresh": make_service("Checked last week", 7),
        "edge": make_service("Checked exactly 180 days ago", 180),
        "old": make_service("Checked 200 days ago", 200),
        "older": make_service("Checked 400 days ago", 400),
        "never": make_service("Never checked", None),
        "defunct": make_service("Closed for good", 900, status="defunct"),
        "paused": make_service("Paused for repairs", 300, status="temporarily closed"),
    }


@pytest.fixture
def staff_client() -> Client:
    client = Client()
    client.force_login(User.objects.create_user("coordinator", is_staff=True))
    return client


def test_service_function_orders_never_first_then_oldest(services) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    names = [service.name for service in stale_services(180, today)]
    assert names == [
        "Never checked",
        "Checked 400 days ago",
        "Paused for repairs",
        "Checked 200 days ago",
    ]
    assert [s.name for s in stale_services(250, today)][1:] == [
        "Checked 400 days ago",
        "Paused for repairs",
    ]
    with pytest.raises(ValueError):
        stale_services(-1, today)


def test_mark_verified_takes_a_service_off_the_list(services) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    count = mark_verified(Service.objects.filter(pk=services["older"].pk), today)
    assert count == 1
    assert services["older"].pk not in {s.pk for s in stale_services(180, today)}


def test_anonymous_is_sent_to_admin_login(services) -> None:  # type: ignore[no-untyped-def]
    for url in (STALE_URL, CSV_URL):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_signed_in_person_without_staff_role_is_sent_to_login(services) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(User.objects.create_user("volunteer", is_staff=False))
    response = client.get(STALE_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert b"Checked 400 days ago" not in client.get(CSV_URL).content


def test_staff_see_list_with_admin_links(services, staff_client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.HRKIT = {**settings.HRKIT, "STALE_AFTER_DAYS": 180}
    response = staff_client.get(STALE_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "4 services are due for a check" in html
    positions = [html.index(name) for name in ["Never checked", "400 days", "Paused", "200 days"]]
    assert positions == sorted(positions)
    assert "Checked last week" not in html
    assert "Closed for good" not in html
    assert f'href="/admin/directory/service/{services["older"].pk}/change/"' in html
    assert "Never verified" in html
    assert "(400 days ago)" in html


def test_days_override_and_default_from_settings(services, staff_client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.HRKIT = {**settings.HRKIT, "STALE_AFTER_DAYS": 365}
    html = staff_client.get(STALE_URL).content.decode()
    assert "2 services are due for a check" in html
    assert 'value="365"' in html
    html = staff_client.get(STALE_URL, {"days": "5"}).content.decode()
    assert "Checked last week" in html
    assert "6 services are due for a check" in html


@pytest.mark.parametrize("days", ["-3", "many", "99999"])
def test_bad_days_is_a_400_naming_the_field(services, staff_client, days) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.get(STALE_URL, {"days": days})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    csv_response = staff_client.get(CSV_URL, {"days": days})
    assert csv_response.status_code == 400
    assert csv_response.content.decode().startswith("days:")


def test_pages_of_fifty(staff_client) -> None:  # type: ignore[no-untyped-def]
    for number in range(60):
        make_service(f"Service {number:02d}", 200 + number)
    first = staff_client.get(STALE_URL).content.decode()
    assert "Service 59" in first and "Service 10" in first
    assert "Service 09" not in first
    assert "Page 1 of 2" in first
    second = staff_client.get(STALE_URL, {"page": "2"}).content.decode()
    assert "Service 09" in second and "Service 00" in second
    assert "Service 59" not in second
    assert '<ol start="51">' in second
    assert staff_client.get(STALE_URL, {"page": "0"}).status_code == 400


def test_csv_has_the_same_rows(services, staff_client) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.get(CSV_URL, {"days": "180"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["service"] for row in rows] == [
        "Never checked",
        "Checked 400 days ago",
        "Paused for repairs",
        "Checked 200 days ago",
    ]
    older = rows[1]
    assert older["service_id"] == services["older"].hsds_id
    assert older["organization"] == "Maple Outreach Project"
    assert older["days_since_verified"] == "400"
    assert older["last_verified"] == (timezone.localdate() - timedelta(days=400)).isoformat()
    assert older["admin_url"].endswith(f"/admin/directory/service/{services['older'].pk}/change/")
    assert rows[0]["last_verified"] == "" and rows[0]["days_since_verified"] == ""
    assert rows[2]["status"] == "temporarily closed"


def test_list_speaks_spanish(services, staff_client) -> None:  # type: ignore[no-untyped-def]
    html = staff_client.get(STALE_URL, headers={"accept-language": "es"}).content.decode()
    assert '<html lang="es">' in html
    assert "Entradas pendientes de revisión" in html
    assert "Nunca verificado" in html


@pytest.mark.browser
def test_list_is_accessible_at_320px(services, live_server, page) -> None:  # type: ignore[no-untyped-def]
    from hrkit.core.testing import serious_accessibility_violations

    client = Client()
    client.force_login(User.objects.create_user("reviewer", is_staff=True))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}{STALE_URL}?days=30")
    assert page.locator("h1").inner_text() == "Entries due for a check"
    assert page.locator("ol li").count() == 5
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320
    assert serious_accessibility_violations(page) == []
