"""A crowded search counts only up to a cap and reads a smaller disc first: still exact."""

import random

import pytest

from hrkit.core.geo import Point, great_circle_km
from hrkit.directory import locator
from hrkit.directory.locate_query import parse_locate_query
from hrkit.directory.locator import locate
from hrkit.directory.search_index import refresh_search_index
from hrkit.directory.tests.factories import make_place, make_terms

pytestmark = pytest.mark.django_db

CENTRE = Point(40.75, -73.99)


@pytest.fixture
def scattered():
    """40 places up to about 70 km around midtown Manhattan, in random order."""
    make_terms()
    rng = random.Random(5)
    places = []
    for n in range(40):
        codes = ["naloxone"] if n % 3 else ["naloxone", "syringe-services"]
        latitude = CENTRE.latitude + rng.uniform(-0.6, 0.6)
        longitude = CENTRE.longitude + rng.uniform(-0.6, 0.6)
        places.append(make_place(f"Place {n}", latitude, longitude, codes, index=False))
    refresh_search_index()
    return places


def brute_force(places, origin: Point, radius_km: float) -> list[int]:
    """Every place within the radius, nearest first, computed without the database."""
    within = []
    for sal in places:
        distance = great_circle_km(origin, Point(sal.location.latitude, sal.location.longitude))
        if distance <= radius_km:
            within.append((distance, sal.id))
    return [sal_id for _, sal_id in sorted(within)]


@pytest.mark.parametrize("cap", [3, 7, 1000])
@pytest.mark.parametrize("page_size", [1, 4])
def test_pages_are_the_exact_nearest_whatever_the_cap(scattered, monkeypatch, cap, page_size):
    monkeypatch.setattr(locator, "MAX_MATCHES", cap)
    rng = random.Random(cap * 10 + page_size)
    for _ in range(5):
        origin = Point(
            CENTRE.latitude + rng.uniform(-0.3, 0.3), CENTRE.longitude + rng.uniform(-0.3, 0.3)
        )
        expected = brute_force(scattered, origin, 40.0)
        listed = []
        for page in range(1, 12):
            result = locate(
                parse_locate_query(
                    lat=origin.latitude,
                    lon=origin.longitude,
                    service=["naloxone", "syringe-services"],
                    radius_km=40,
                    page=page,
                    page_size=page_size,
                )
            )
            assert result.page.total == min(len(expected), cap)
            assert result.page.total_capped == (len(expected) > cap)
            listed.extend(item.service_at_location_id for item in result.page.items)
        assert listed == expected[: min(cap, page_size * 11)]


def test_the_find_page_says_when_the_count_stops(scattered, monkeypatch, client):
    monkeypatch.setattr(locator, "MAX_MATCHES", 3)
    response = client.get("/find/", {"zip": "10001"})
    assert "More than 3 places found; the nearest 3 are listed." in response.content.decode()
    spanish = client.get("/find/", {"zip": "10001"}, HTTP_ACCEPT_LANGUAGE="es")
    assert "Más de 3 lugares" in spanish.content.decode()
