from datetime import UTC, datetime, time

import pytest

from hrkit.core.errors import ApiError
from hrkit.core.geo import Point, nearest_zip
from hrkit.directory.locate_query import parse_locate_query
from hrkit.directory.locator import locate, tel_href
from hrkit.directory.models import (
    Language,
    Schedule,
    SearchCard,
    SearchEntry,
    Service,
    ServiceArea,
)
from hrkit.directory.search_index import refresh_remote_cards, refresh_search_index
from hrkit.directory.staleness import mark_verified
from hrkit.directory.tests.factories import make_place, make_remote, make_terms

pytestmark = pytest.mark.django_db

# Noon on Wednesday 2025-01-15 in New York.
WEDNESDAY_NOON = datetime(2025, 1, 15, 17, 0, tzinfo=UTC)
NINE_TO_FIVE = [("MO,TU,WE,TH,FR", time(9, 0), time(17, 0))]


@pytest.fixture
def manhattan():
    make_terms()
    return {
        "far": make_place("Far", 40.95, -73.99, ["naloxone"]),
        "near": make_place("Near", 40.751, -73.99, ["naloxone", "syringe-services"]),
        "middle": make_place("Middle", 40.80, -73.99, ["syringe-services"], languages=["es"]),
        "outside": make_place("Outside", 42.5, -73.99, ["naloxone"]),
    }


def names(result):
    return [item.service_name for item in result.page.items]


def query(**kwargs):
    kwargs.setdefault("zip", "10001")
    kwargs.setdefault("at", WEDNESDAY_NOON)
    return parse_locate_query(**kwargs)


def test_nearest_first_within_the_radius(manhattan):
    result = locate(query())
    assert names(result) == ["Near", "Middle", "Far"]
    assert result.page.total == 3
    distances = [item.distance_km for item in result.page.items]
    assert distances == sorted(distances)
    assert result.origin.place.zip_code == "10001"


def test_service_types_are_any_of(manhattan):
    assert names(locate(query(service=["naloxone"]))) == ["Near", "Far"]
    both = locate(query(service=["naloxone,syringe-services"]))
    assert names(both) == ["Near", "Middle", "Far"]
    assert both.page.total == 3


def test_language_filter(manhattan):
    assert names(locate(query(language="ES"))) == ["Middle"]


def test_attributes_are_all_of():
    make_terms()
    make_place("Both", 40.76, -73.99, ["naloxone", "free", "anonymous"])
    make_place("Free only", 40.75, -73.99, ["naloxone", "free"])
    assert names(locate(query(attribute=["free", "anonymous"]))) == ["Both"]
    assert names(locate(query(attribute=["free"]))) == ["Free only", "Both"]


def test_inactive_services_are_not_found():
    make_terms()
    make_place("Closed for good", 40.75, -73.99, ["naloxone"], status=Service.Status.DEFUNCT)
    make_place("Active", 40.76, -73.99, ["naloxone"])
    assert names(locate(query())) == ["Active"]


def test_radius_limits_the_search(manhattan):
    assert names(locate(query(radius_km=10))) == ["Near", "Middle"]
    assert names(locate(query(radius_miles=300))) == ["Near", "Middle", "Far", "Outside"]


def test_pagination(manhattan):
    first = locate(query(page_size=2))
    second = locate(query(page_size=2, page=2))
    assert names(first) == ["Near", "Middle"]
    assert names(second) == ["Far"]
    assert (first.page.total, first.page.pages, first.page.has_next) == (3, 2, True)
    assert not second.page.has_next


def test_open_now_at_a_fixed_moment():
    make_terms()
    make_place("Day", 40.76, -73.99, ["naloxone"], hours=NINE_TO_FIVE)
    make_place("Night", 40.75, -73.99, ["naloxone"], hours=[("WE", time(20), time(2))])
    make_place("No hours", 40.74, -73.99, ["naloxone"])
    result = locate(query(open_now=True))
    assert names(result) == ["Day"]
    assert result.page.total == 1
    item = result.page.items[0]
    assert item.open_now
    assert item.today_hours == ((time(9), time(17)),)
    late = datetime(2025, 1, 16, 6, 0, tzinfo=UTC)  # 01:00 Thursday in New York
    assert names(locate(query(open_now=True, at=late))) == ["Night"]


def test_a_located_service_carries_what_a_person_needs():
    make_terms()
    make_place(
        "Harm reduction centre",
        40.75,
        -73.99,
        ["naloxone", "free"],
        hours=NINE_TO_FIVE,
        phone="(212) 555-0100",
        languages=["en", "es"],
    )
    item = locate(query()).page.items[0]
    assert item.phone_href == "tel:+12125550100"
    assert item.directions_url.startswith("https://www.openstreetmap.org/directions?to=40.75")
    assert item.service_types == ("naloxone",)
    assert item.attributes == ("free",)
    assert item.languages == ("en", "es")
    assert item.address == "1 Example Street, Springfield, NY 10001"
    assert item.hours_text == "9 a.m.–5 p.m."
    assert item.distance_miles == pytest.approx(item.distance_km / 1.609344, abs=0.01)


def test_also_available_by_area():
    make_terms()
    make_remote("Nationwide line", ["hotline"], kind=ServiceArea.Kind.NATIONWIDE)
    make_remote("New York mail", ["mail-based-delivery"], kind=ServiceArea.Kind.STATE, state="NY")
    make_remote("Texas mail", ["mail-based-delivery"], kind=ServiceArea.Kind.STATE, state="TX")
    make_remote(
        "County video",
        ["telehealth"],
        kind=ServiceArea.Kind.COUNTY,
        state="NY",
        county="New York County",
    )
    make_remote("ZIP group", ["online-support-group"], kind=ServiceArea.Kind.ZIP, zip_code="10001")
    make_remote("Other ZIP", ["online-support-group"], kind=ServiceArea.Kind.ZIP, zip_code="10002")
    remote = locate(query()).also_available
    assert [r.service_name for r in remote] == [
        "ZIP group",
        "County video",
        "New York mail",
        "Nationwide line",
    ]
    filtered = locate(query(service=["mail-based-delivery"])).also_available
    assert [r.service_name for r in filtered] == ["New York mail"]
    by_point = locate(query(zip=None, lat="40.7506", lon="-73.9972")).also_available
    assert "ZIP group" in [r.service_name for r in by_point]


def test_also_available_filters_by_attribute_and_language_and_follows_status():
    make_terms()
    spanish = make_remote("Spanish line", ["hotline", "free"], kind=ServiceArea.Kind.NATIONWIDE)
    Language.objects.create(service=spanish, code="ES")
    make_remote("English line", ["hotline"], kind=ServiceArea.Kind.NATIONWIDE)
    refresh_remote_cards()

    def remote(**kwargs):
        return [r.service_name for r in locate(query(**kwargs)).also_available]

    assert remote() == ["English line", "Spanish line"]
    assert remote(language="es") == ["Spanish line"]
    assert remote(attribute=["free"]) == ["Spanish line"]
    assert remote(service=["naloxone"]) == []
    spanish.status = Service.Status.INACTIVE
    spanish.save()
    refresh_search_index([])
    assert remote() == ["English line"]


def test_a_service_in_two_areas_is_listed_once_under_the_nearer_area():
    make_terms()
    service = make_remote("Mail kits", ["naloxone"], kind=ServiceArea.Kind.NATIONWIDE)
    ServiceArea.objects.create(service=service, kind=ServiceArea.Kind.STATE, state="ny")
    refresh_remote_cards()
    [card] = locate(query()).also_available
    assert (card.area_kind, card.area_name) == ("state", "NY")


def test_marking_verified_shows_on_the_locator(manhattan):
    service = manhattan["near"].service
    today = datetime(2025, 1, 15).date()
    mark_verified(Service.objects.filter(pk=service.pk), today)
    near = next(item for item in locate(query()).page.items if item.service_name == "Near")
    assert near.last_verified == today


def test_nearest_zip_is_none_far_from_the_us():
    assert nearest_zip(Point(48.85, 2.35)) is None
    assert nearest_zip(Point(40.7506, -73.9972)).state == "NY"


def test_refresh_follows_status_changes(manhattan):
    service = manhattan["near"].service
    service.status = Service.Status.INACTIVE
    service.save()
    refresh_search_index([manhattan["near"].location_id])
    assert names(locate(query())) == ["Middle", "Far"]
    assert not SearchEntry.objects.filter(service_at_location=manhattan["near"]).exists()


def test_tel_href():
    assert tel_href("+44 20 7946 0000") == "tel:+442079460000"
    assert tel_href("212-555-0100", "12") == "tel:+12125550100;ext=12"


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"zip": "1234"}, "zip"),
        ({"zip": "00000"}, "zip"),
        ({"zip": None}, "zip"),
        ({"zip": None, "lat": "40"}, "lon"),
        ({"zip": None, "lon": "40"}, "lat"),
        ({"zip": None, "lat": "north", "lon": "-73"}, "lat"),
        ({"zip": None, "lat": "91", "lon": "-73"}, "lat"),
        ({"zip": None, "lat": "40", "lon": "nan"}, "lon"),
        ({"lat": "40", "lon": "-73"}, "zip"),
        ({"service": ["naloxone", "unicorns"]}, "service"),
        ({"attribute": ["naloxone"]}, "attribute"),
        ({"language": "english"}, "language"),
        ({"radius_km": "0"}, "radius_km"),
        ({"radius_km": "501"}, "radius_km"),
        ({"radius_km": "-5"}, "radius_km"),
        ({"radius_miles": "far"}, "radius_miles"),
        ({"page": "0"}, "page"),
        ({"page_size": "500"}, "page_size"),
        ({"page": "two"}, "page"),
    ],
)
def test_bad_input_names_the_field(kwargs, field):
    make_terms()
    with pytest.raises(ApiError) as raised:
        query(**kwargs)
    assert field in [problem.field for problem in raised.value.fields]
    assert raised.value.status == 400


def test_unknown_service_lists_the_allowed_codes():
    make_terms()
    with pytest.raises(ApiError) as raised:
        query(service=["unicorns"])
    assert "naloxone" in raised.value.fields[0].message


def test_a_page_past_the_end_is_empty_but_keeps_the_total(manhattan):
    result = locate(query(page=5, page_size=2))
    assert names(result) == []
    assert result.page.total == 3


def test_hours_come_from_the_most_specific_level():
    make_terms()
    sal = make_place("Layered", 40.75, -73.99, ["naloxone"])
    Schedule.objects.create(location=sal.location, opens_at=time(8), closes_at=time(9))
    refresh_search_index([sal.location_id])
    assert locate(query()).page.items[0].today_hours == ((time(8), time(9)),)
    Schedule.objects.create(service=sal.service, opens_at=time(10), closes_at=time(11))
    refresh_search_index([sal.location_id])
    assert locate(query()).page.items[0].today_hours == ((time(10), time(11)),)
    Schedule.objects.create(service_at_location=sal, opens_at=time(12), closes_at=time(13))
    refresh_search_index([sal.location_id])
    assert locate(query()).page.items[0].today_hours == ((time(12), time(13)),)


def test_search_index_rows_and_cards():
    make_terms()
    sal = make_place(
        "Indexed", 40.75, -73.99, ["naloxone", "hiv-testing", "free"], languages=["ES"]
    )
    types = sorted(
        SearchEntry.objects.filter(service_at_location=sal).values_list("service_type", flat=True)
    )
    assert types == ["*", "hiv-testing", "naloxone"]
    entry = SearchEntry.objects.filter(service_at_location=sal).first()
    assert entry.attributes == ",free,"
    assert entry.languages == ",es,"
    card = SearchCard.objects.get(service_at_location=sal)
    assert (card.service_types, card.attributes, card.languages) == (
        "hiv-testing,naloxone",
        "free",
        "es",
    )
    assert card.address == "1 Example Street, Springfield, NY 10001"


def test_places_without_coordinates_are_not_indexed():
    make_terms()
    sal = make_place("Nowhere yet", 40.75, -73.99, ["naloxone"], index=False)
    sal.location.latitude = None
    sal.location.save()
    refresh_search_index()
    assert not SearchEntry.objects.exists()
    assert not SearchCard.objects.exists()


def test_refresh_of_some_locations_leaves_the_others(manhattan):
    far = manhattan["far"]
    Service.objects.filter(id=far.service_id).update(name="Renamed")
    refresh_search_index([manhattan["near"].location_id])
    assert SearchCard.objects.get(service_at_location=far).service_name == "Far"
    refresh_search_index([far.location_id])
    assert SearchCard.objects.get(service_at_location=far).service_name == "Renamed"
    assert SearchCard.objects.count() == 4


def test_a_failed_write_leaves_the_index_as_it_was(manhattan):
    from django.db import transaction

    before = SearchEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        SearchEntry.objects.all().delete()
        refresh_search_index([manhattan["near"].location_id])
        raise RuntimeError("import failed")
    assert SearchEntry.objects.count() == before


def test_taxonomy_is_read_once_and_again_only_for_a_code_it_does_not_know(manhattan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hrkit.directory.models import TaxonomyTerm

    def taxonomy_reads(**kwargs) -> int:
        with CaptureQueriesContext(connection) as queries:
            parse_locate_query(zip="10001", **kwargs)
        return sum("directory_taxonomyterm" in q["sql"] for q in queries.captured_queries)

    taxonomy_reads(service=["naloxone"])
    assert taxonomy_reads(service=["naloxone"]) == 0
    TaxonomyTerm.objects.create(
        code="sharps-kiosk", name="Sharps kiosk", taxonomy=TaxonomyTerm.Taxonomy.SERVICE_TYPE
    )
    assert taxonomy_reads(service=["sharps-kiosk"]) == 1
    with pytest.raises(ApiError) as refused:
        parse_locate_query(zip="10001", service=["nothing-like-this"])
    assert "unknown code nothing-like-this" in refused.value.message
