"""The public /find/ page, through Django's test client (no JavaScript involved)."""

import gzip
import re
from datetime import date, time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import override_settings

from hrkit.directory.models import ServiceArea
from hrkit.directory.tests.factories import make_place, make_remote, make_terms

pytestmark = pytest.mark.django_db

ALL_DAY = [("MO,TU,WE,TH,FR,SA,SU", time(0, 0), time(0, 0))]
PAGE_BUDGET_BYTES = 60 * 1024


@pytest.fixture
def manhattan():
    make_terms()
    return {
        "far": make_place("Far", 40.95, -73.99, ["naloxone"]),
        "near": make_place(
            "Near",
            40.751,
            -73.99,
            ["naloxone", "syringe-services", "free"],
            hours=ALL_DAY,
            phone="212-555-0100",
            languages=["en", "es"],
            last_verified=date(2025, 1, 10),
        ),
        "middle": make_place("Middle", 40.80, -73.99, ["syringe-services"]),
    }


def result_names(html: str) -> list[str]:
    return re.findall(r'<li class="result" id="place-\d+"[^>]*>\s*<h3>([^<]+)</h3>', html)


def test_the_form_is_plain_html_with_labels(client):
    make_terms()
    response = client.get("/find/")
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<form id="find-form" method="get" action="/find/"', html)
    assert '<label for="id_zip">ZIP code</label>' in html
    assert "<legend>Services</legend>" in html
    assert "<legend>Overdose prevention and safer use</legend>" in html
    assert re.search(r'<label class="check" for="id_service_\d+"><input[^>]+value="naloxone"', html)
    # The location button needs JavaScript, so it starts hidden for a no-JS browser.
    assert re.search(r'<button type="button" id="use-location"[^>]* hidden', html)
    assert "csrfmiddlewaretoken" not in html
    assert 'role="alert"' not in html
    assert '<section aria-labelledby="results-heading">' not in html


def test_a_link_with_only_a_filter_ticks_it_without_an_error(client):
    make_terms()
    html = client.get("/find/?service=naloxone").content.decode()
    assert re.search(r'<input type="checkbox" name="service" value="naloxone"[^>]* checked', html)
    assert 'role="alert"' not in html


def test_results_are_nearest_first_with_details(client, manhattan):
    html = client.get("/find/", {"zip": "10001"}).content.decode()
    assert result_names(html) == ["Near", "Middle", "Far"]
    distances = [float(km) for km in re.findall(r'class="distance" data-km="([\d.]+)"', html)]
    assert distances == sorted(distances) and len(distances) == 3
    assert "Near 10001 (New York, NY)" in html
    assert '<a href="tel:+12125550100">Call (212) 555-0100</a>' in html
    assert "https://www.openstreetmap.org/directions?to=40.751000%2C-73.990000" in html
    assert '<strong class="open">Open now</strong>' in html
    assert "Last verified Jan. 10, 2025" in html
    assert "<li>Free</li>" in html
    assert "Languages: English, Spanish" in html


def test_a_place_without_hours_says_so_and_is_not_called_closed(client, manhattan):
    make_remote("Hotline", ["hotline"], kind=ServiceArea.Kind.NATIONWIDE)
    html = client.get("/find/", {"zip": "10001", "service": "naloxone"}).content.decode()
    far = html[html.index("<h3>Far</h3>") :]
    far = far[: far.index("</li>")]
    assert "Hours not listed" in far and "Today:" not in far
    assert "Closed now" not in far and "Open now" not in far


def test_filters_narrow_the_results_and_stay_in_the_page_links(client):
    make_terms()
    for n in range(25):
        make_place(f"Place {n:02d}", 40.75 + n * 0.001, -73.99, ["naloxone", "free"])
    make_place("Not free", 40.7505, -73.99, ["naloxone"])
    query = {"zip": "10001", "service": "naloxone", "attribute": "free"}
    first = client.get("/find/", query).content.decode()
    assert len(result_names(first)) == 20 and "Not free" not in result_names(first)
    assert "25 places found, nearest first. Page 1 of 2." in first
    next_link = re.search(r'<a href="\?([^"]+)" rel="next">', first)
    assert next_link is not None
    params = next_link.group(1).replace("&amp;", "&").split("&")
    assert sorted(params) == ["attribute=free", "page=2", "service=naloxone", "zip=10001"]
    second = client.get("/find/", {**query, "page": "2"}).content.decode()
    assert result_names(second) == [f"Place {n:02d}" for n in range(20, 25)]
    assert '<ol class="results" start="21">' in second
    assert 'rel="prev"' in second and 'rel="next"' not in second


def test_codes_separated_by_commas_work_as_in_the_api(client, manhattan):
    html = client.get("/find/", {"zip": "10001", "service": "naloxone,syringe-services"})
    html = html.content.decode()
    assert result_names(html) == ["Near", "Middle", "Far"]
    for code in ("naloxone", "syringe-services"):
        assert re.search(
            rf'<input type="checkbox" name="service" value="{code}"[^>]* checked', html
        )
    assert 'role="alert"' not in html


def test_a_zip_code_that_does_not_exist_is_named_next_to_the_field(client, manhattan):
    response = client.get("/find/", {"zip": "00000"})
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(
        r'<p class="error" role="alert" id="zip-error">must be a 5-digit US ZIP code', html
    )
    assert re.search(r'<input [^>]*name="zip"[^>]*aria-describedby="zip-error"', html)
    assert 'aria-invalid="true"' in html
    assert result_names(html) == []


def test_an_empty_search_asks_for_a_place(client, manhattan):
    html = client.get("/find/", {"zip": ""}).content.decode()
    assert re.search(r'role="alert" id="zip-error">give a 5-digit ZIP code, or lat and lon', html)


@pytest.mark.parametrize(
    "query",
    [
        {"zip": "10001", "service": "not-a-service"},
        {"zip": "10001", "page": "zero"},
        {"lat": "91", "lon": "0"},
        {"lat": "40.7"},
        {"zip": "10001", "lat": "40.7", "lon": "-74"},
        {"zip": "10001", "language": "not a language"},
        {"zip": "10001", "radius_miles": "7000"},
    ],
)
def test_bad_input_is_a_message_never_a_server_error(client, manhattan, query):
    response = client.get("/find/", query)
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_a_bad_coordinate_says_which_one(client, manhattan):
    html = client.get("/find/", {"lat": "91", "lon": "-73.99"}).content.decode()
    assert 'id="zip-error">Latitude: must be a number from -90 to 90</p>' in html


def test_coordinates_from_the_device_search_near_them(client, manhattan):
    html = client.get("/find/", {"lat": "40.751", "lon": "-73.99"}).content.decode()
    assert result_names(html) == ["Near", "Middle", "Far"]
    assert "Near your location" in html
    assert "Search by ZIP code instead" in html


def test_no_results_suggests_what_to_try_and_lists_remote_services(client, manhattan):
    make_remote("Statewide hotline", ["hotline"], kind=ServiceArea.Kind.STATE, state="IL")
    html = client.get("/find/", {"zip": "60601", "open_now": "true"}).content.decode()
    assert result_names(html) == []
    assert "No places matched this search." in html
    assert re.search(r'href="\?[^"]*radius_miles=300', html)
    assert re.search(r'href="\?zip=60601">Search again without the filters', html)
    assert '<h2 id="remote-heading">Also available where you are</h2>' in html
    assert "<h3>Statewide hotline</h3>" in html


def test_languages_are_named_and_in_alphabetical_order(client):
    make_terms()
    make_place("Many languages", 40.75, -73.99, ["naloxone"], languages=["zh", "ar", "es", "ht"])
    html = client.get("/find/").content.decode()
    options = re.findall(r'<option value="(\w*)"', html[html.index('name="language"') :])
    assert options[:5] == ["", "ar", "zh", "ht", "es"]
    client.cookies["django_language"] = "es"
    html = client.get("/find/").content.decode()
    select = html[html.index('name="language"') :]
    names = re.findall(r'<option value="\w+">([^<]+)</option>', select)[:4]
    assert names == ["Árabe", "Chino", "Criollo haitiano", "Español"]


def test_the_map_is_offered_only_when_tiles_are_configured(client, manhattan):
    html = client.get("/find/", {"zip": "10001"}).content.decode()
    assert re.search(r'<div id="map" hidden[^>]* data-tiles="https://', html)
    with override_settings(HRKIT={**settings.HRKIT, "MAP_TILE_URL": "", "MAP_ATTRIBUTION": ""}):
        html = client.get("/find/", {"zip": "10001"}).content.decode()
    assert 'id="map"' not in html and 'id="show-map"' not in html
    # Leaflet is never part of the page itself; the script loads it on request.
    assert "leaflet.js" not in html


def test_spanish_with_the_language_cookie(client, manhattan):
    client.cookies["django_language"] = "es"
    html = client.get("/find/", {"zip": "00000"}).content.decode()
    assert '<html lang="es">' in html
    assert "Buscar servicios de reducción de daños" in html
    assert "Código postal (ZIP)" in html
    assert "debe ser un código postal (ZIP) de EE. UU. de 5 dígitos que exista" in html
    results = client.get("/find/", {"zip": "10001"}).content.decode()
    assert "Abierto ahora" in results
    assert "3 lugares encontrados, del más cercano al más lejano." in results


def test_the_language_switch_keeps_the_search(client, manhattan):
    html = client.get("/find/", {"zip": "10001"}).content.decode()
    assert 'href="/lang/es/?next=/find/%3Fzip%3D10001"' in html
    response = client.get("/lang/es/", {"next": "/find/?zip=10001"})
    assert response["Location"] == "/find/?zip=10001"
    assert response.cookies["django_language"].value == "es"


def test_the_page_sets_no_cookie(client, manhattan):
    for query in ({}, {"zip": "10001"}, {"zip": "bad"}):
        response = client.get("/find/", query)
        assert response.cookies == {}, query


def test_twenty_results_fit_the_page_budget(client):
    make_terms()
    for n in range(25):
        make_place(
            f"Community syringe services program, outreach site number {n}",
            40.75 + n * 0.002,
            -73.99,
            ["naloxone", "syringe-services", "fentanyl-test-strips", "free", "walk-in"],
            hours=[("MO,TU,WE,TH,FR", time(9, 0), time(17, 0))],
            phone="212-555-0100",
            languages=["en", "es"],
            last_verified=date(2025, 1, 10),
        )
    make_remote("Nationwide hotline", ["hotline", "free"], kind=ServiceArea.Kind.NATIONWIDE)
    html = client.get("/find/", {"zip": "10001", "service": "naloxone"}).content
    assert len(result_names(html.decode())) == 20
    static = [Path(str(finders.find(p))).read_bytes() for p in STATIC_LOADED_WITH_THE_PAGE]
    transferred = len(gzip.compress(html)) + sum(len(gzip.compress(f)) for f in static)
    print(f"/find/ with 20 results: HTML {len(html)} B; with CSS and JS, {transferred} B gzipped")
    assert len(html) < PAGE_BUDGET_BYTES
    assert transferred < PAGE_BUDGET_BYTES


STATIC_LOADED_WITH_THE_PAGE = ("hrkit/site.css", "directory/find.js")
