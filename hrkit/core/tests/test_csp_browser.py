"""In Chromium, no page breaks the Content-Security-Policy (issue 10).

A violation shows in the console ("Refused to ... because it violates the
following Content Security Policy directive"): each test collects those while
it uses the pages, the map and the admin included.
"""

import base64
from datetime import date, time

import pytest

from hrkit.directory.tests.factories import make_place, make_terms

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A 1x1 transparent PNG: the tile server answers without the internet.
TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


@pytest.fixture
def violations(page):
    seen: list[str] = []

    def on_console(message) -> None:
        if "Content Security Policy" in message.text:
            seen.append(message.text)

    page.on("console", on_console)
    page.route(
        "https://tile.openstreetmap.org/**",
        lambda route: route.fulfill(body=TILE, content_type="image/png"),
    )
    return seen


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/safer-use/",
        "/safer-use/guides/respond-opioid/",
        "/safer-use/substances/mdma/",
        "/safer-use/combinations/?first=heroin&second=xanax",
        "/safer-use/training/",
        "/safer-use/legal/",
        "/language/",
        "/language/coalition-assessment/",
        "/api/v1/docs",
    ],
)
def test_public_pages_load_without_a_violation(live_server, page, violations, path):
    page.goto(f"{live_server.url}{path}")
    page.wait_for_load_state("networkidle")
    assert violations == []


def test_the_safer_use_pages_still_register_their_offline_worker(live_server, page, violations):
    page.goto(f"{live_server.url}/safer-use/")
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == f"{live_server.url}/safer-use/"
    assert violations == []


def test_the_map_loads_its_tiles_without_a_violation(live_server, page, violations):
    make_terms()
    for n, latitude in enumerate((40.76, 40.752)):
        make_place(
            f"Naloxone site {n}",
            latitude,
            -73.99,
            ["naloxone"],
            hours=[("MO,TU,WE,TH,FR", time(9, 0), time(17, 0))],
            last_verified=date(2025, 1, 10),
        )
    page.goto(f"{live_server.url}/find/?zip=10001&service=naloxone")
    page.get_by_role("button", name="Show on a map").click()
    page.locator(".leaflet-marker-icon").nth(1).wait_for()
    page.locator(".leaflet-tile-loaded").first.wait_for()
    assert violations == []


def test_the_admin_works_under_the_policy(live_server, page, violations, django_user_model):
    django_user_model.objects.create_superuser("coordinator", password="a long passphrase 7")
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("coordinator")
    page.get_by_label("Password").fill("a long passphrase 7")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    user = django_user_model.objects.get(username="coordinator")
    page.goto(f"{live_server.url}/admin/auth/user/{user.pk}/change/")
    # The admin's own scripts ran: the permissions widget is built by SelectFilter2.js.
    page.locator(".selector-available").first.wait_for()
    page.goto(f"{live_server.url}/admin/auth/group/add/")
    page.locator(".selector-filter input").first.fill("add")
    assert violations == []
