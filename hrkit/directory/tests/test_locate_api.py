from datetime import time

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrkit.directory.models import ServiceArea
from hrkit.directory.tests.factories import make_place, make_remote, make_terms

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client()


@pytest.fixture
def places():
    make_terms()
    make_place(
        "Near",
        40.751,
        -73.99,
        ["naloxone", "free"],
        hours=[("MO,TU,WE,TH,FR,SA,SU", time(0), time(0))],
        phone="212-555-0100",
    )
    make_place("Far", 40.95, -73.99, ["syringe-services"])
    make_remote("Line", ["hotline"], kind=ServiceArea.Kind.NATIONWIDE)


def test_locate_happy_path(client, places):
    response = client.get("/api/v1/locate", {"zip": "10001"})
    assert response.status_code == 200
    body = response.json()
    assert [r["service_name"] for r in body["results"]] == ["Near", "Far"]
    near = body["results"][0]
    assert near["open_now"] is True
    assert near["today_hours"] == [{"opens": "00:00", "closes": "00:00"}]
    assert near["hours_text"] == "Open 24 hours"
    assert near["phone_href"] == "tel:+12125550100"
    assert near["service_types"] == ["naloxone"]
    assert body["origin"]["place"]["zip_code"] == "10001"
    assert [r["service_name"] for r in body["also_available"]] == ["Line"]
    assert body["pagination"] == {
        "page": 1,
        "page_size": 20,
        "total": 2,
        "total_capped": False,
        "pages": 1,
        "next_page": None,
        "previous_page": None,
    }


def test_service_repeated_and_comma_separated(client, places):
    repeated = client.get("/api/v1/locate?zip=10001&service=naloxone&service=syringe-services")
    commas = client.get("/api/v1/locate?zip=10001&service=naloxone,syringe-services")
    one = client.get("/api/v1/locate?zip=10001&service=syringe-services")
    assert repeated.json()["results"] == commas.json()["results"]
    assert len(commas.json()["results"]) == 2
    assert [r["service_name"] for r in one.json()["results"]] == ["Far"]


def test_pagination_numbers(client, places):
    body = client.get("/api/v1/locate", {"zip": "10001", "page_size": "1", "page": "2"}).json()
    assert [r["service_name"] for r in body["results"]] == ["Far"]
    assert body["pagination"]["previous_page"] == 1
    assert body["pagination"]["next_page"] is None
    assert body["pagination"]["pages"] == 2


def test_open_now_filter(client, places):
    body = client.get("/api/v1/locate", {"zip": "10001", "open_now": "true"}).json()
    assert [r["service_name"] for r in body["results"]] == ["Near"]


def test_hours_text_follows_the_language(client, places):
    every_day = [("MO,TU,WE,TH,FR,SA,SU", time(9), time(12))]
    make_place("Morning", 40.7505, -73.99, ["naloxone"], hours=every_day)
    params = {"zip": "10001", "service": "naloxone"}
    spanish = client.get("/api/v1/locate", params, HTTP_ACCEPT_LANGUAGE="es").json()
    english = client.get("/api/v1/locate", params, HTTP_ACCEPT_LANGUAGE="en").json()
    assert spanish["results"][0]["hours_text"] == "09:00–12:00"
    assert english["results"][0]["hours_text"] == "9 a.m.–noon"


@pytest.mark.parametrize(
    "params, field",
    [
        ({}, "zip"),
        ({"zip": "abcde"}, "zip"),
        ({"zip": "99999"}, "zip"),
        ({"zip": "10001", "lat": "40"}, "zip"),
        ({"lat": "40.7"}, "lon"),
        ({"lon": "-73.9"}, "lat"),
        ({"lat": "x", "lon": "-73.9"}, "lat"),
        ({"lat": "40", "lon": "-200"}, "lon"),
        ({"lat": "inf", "lon": "-73.9"}, "lat"),
        ({"zip": "10001", "service": "cake"}, "service"),
        ({"zip": "10001", "attribute": "cake"}, "attribute"),
        ({"zip": "10001", "language": "e1"}, "language"),
        ({"zip": "10001", "radius_km": "0"}, "radius_km"),
        ({"zip": "10001", "radius_km": "100000"}, "radius_km"),
        ({"zip": "10001", "radius_km": "ten"}, "radius_km"),
        ({"zip": "10001", "radius_miles": "-1"}, "radius_miles"),
        ({"zip": "10001", "radius_km": "5", "radius_miles": "5"}, "radius_km"),
        ({"zip": "10001", "page": "0"}, "page"),
        ({"zip": "10001", "page": "1e9"}, "page"),
        ({"zip": "10001", "page_size": "101"}, "page_size"),
        ({"zip": "10001", "open_now": "maybe"}, "open_now"),
    ],
)
def test_bad_input_is_400_naming_the_field(client, places, params, field):
    response = client.get("/api/v1/locate", params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert field in [f["field"] for f in error["fields"]]
    assert error["message"]


def test_unknown_service_lists_allowed_codes(client, places):
    error = client.get("/api/v1/locate", {"zip": "10001", "service": "cake"}).json()["error"]
    assert "naloxone" in error["fields"][0]["message"]


def test_taxonomy_lists_terms(client, places):
    terms = client.get("/api/v1/taxonomy").json()
    by_code = {t["code"]: t for t in terms}
    assert by_code["naloxone"]["taxonomy"] == "hrkit-service-type"
    assert by_code["free"]["taxonomy"] == "hrkit-cost"


def test_openapi_documents_locate(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/locate"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"zip", "lat", "lon", "service", "open_now", "radius_km", "page"} <= names
    assert "LocateOut" in schema["components"]["schemas"]


TEXT = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(["10001", "40.75", "-73.99", "0", "1e400", "nan", "naloxone", "es", "2"]),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    zip_code=TEXT,
    lat=TEXT,
    lon=TEXT,
    service=TEXT,
    attribute=TEXT,
    language=TEXT,
    radius=TEXT,
    page=TEXT,
    page_size=TEXT,
)
def test_any_input_is_an_answer_or_a_400(
    client, places, zip_code, lat, lon, service, attribute, language, radius, page, page_size
):
    raw = {
        "zip": zip_code,
        "lat": lat,
        "lon": lon,
        "service": service,
        "attribute": attribute,
        "language": language,
        "radius_km": radius,
        "page": page,
        "page_size": page_size,
    }
    params = {name: value for name, value in raw.items() if value is not None}
    response = client.get("/api/v1/locate", params)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.json()["error"]["fields"]
    else:
        assert "results" in response.json()
