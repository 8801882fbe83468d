import pytest
from django.test import Client

from hrkit.core.errors import ApiError
from hrkit.core.geo import Point, bounding_box, great_circle_km, lookup_zip
from hrkit.core.pagination import Page, PageRequest


def test_great_circle_between_new_york_and_chicago_is_about_1145_km():
    new_york = Point(40.7128, -74.0060)
    chicago = Point(41.8781, -87.6298)
    assert great_circle_km(new_york, chicago) == pytest.approx(1145, abs=5)


def test_bounding_box_contains_every_point_at_the_radius():
    center = Point(45.0, -100.0)
    box = bounding_box(center, 50)
    # Points 50 km due north, south, east and west sit inside the box.
    assert box.max_latitude - center.latitude == pytest.approx(0.4497, abs=1e-3)
    assert box.min_longitude < -100.6 and box.max_longitude > -99.4


def test_bounding_box_near_the_pole_spans_all_longitudes():
    box = bounding_box(Point(89.9, 10), 100)
    assert (box.min_longitude, box.max_longitude) == (-180.0, 180.0)


def test_zip_lookup_is_offline_and_rejects_nonsense():
    place = lookup_zip("60614")
    assert place is not None
    assert place.state == "IL" and place.time_zone == "America/Chicago"
    assert lookup_zip("00000") is None
    assert lookup_zip("abcde") is None
    assert lookup_zip("1234") is None


def test_page_request_bounds_are_reported_by_field():
    with pytest.raises(ApiError) as problem:
        PageRequest(page=1, page_size=1000)
    assert problem.value.fields[0].field == "page_size"
    assert Page(items=[], page=2, page_size=10, total=25).pages == 3


def test_language_switch_sets_only_a_language_cookie_and_returns(client: Client):
    response = client.get("/lang/es/?next=/find/")
    assert response.status_code == 302 and response["Location"] == "/find/"
    assert set(response.cookies) == {"django_language"}
    assert response.cookies["django_language"].value == "es"


def test_language_switch_never_redirects_off_site(client: Client):
    response = client.get("/lang/en/?next=https://example.org/")
    assert response["Location"] == "/"


def test_unknown_language_is_ignored(client: Client):
    response = client.get("/lang/xx/")
    assert "django_language" not in response.cookies


@pytest.mark.django_db
def test_home_page_sets_no_cookie(client: Client):
    response = client.get("/")
    assert response.status_code == 200
    assert not response.cookies


def test_security_headers_are_on(client: Client):
    response = client.get("/healthz")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_api_method_not_allowed_is_a_json_error(client: Client):
    response = client.generic("TRACE", "/api/v1/substances")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_unknown_api_path_is_a_json_error(client: Client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert "message" in response.json()["error"]
