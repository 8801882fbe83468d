"""The directory admin: its forms refuse rows that would mislead, and its pages work for staff."""

from datetime import date, time, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from hrkit.directory.forms import (
    LocationForm,
    ScheduleForm,
    ServiceAreaForm,
    ServiceForm,
    TaxonomyTermForm,
    byday_problem,
)
from hrkit.directory.locate_query import parse_locate_query
from hrkit.directory.locator import locate
from hrkit.directory.models import (
    Location,
    Organization,
    Schedule,
    SearchEntry,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)
from hrkit.directory.search_index import refresh_search_index
from hrkit.directory.taxonomy import load_taxonomy
from hrkit.directory.tests.factories import make_remote, make_terms

LOCATION_INLINES = ("addresses", "phones", "schedules", "accessibility", "languages")
SERVICE_INLINES = ("at_locations", "schedules", "phones", "service_areas", "languages")


def location_data(**changes: object) -> dict:
    data = {
        "name": "Cedar Street site",
        "location_type": "physical",
        "latitude": "41.88",
        "longitude": "-87.63",
        "time_zone": "America/Chicago",
    }
    data.update(changes)
    return data


def schedule_data(**changes: object) -> dict:
    data = {"freq": "WEEKLY", "byday": "MO,TU", "opens_at": "09:00", "closes_at": "17:00"}
    data.update(changes)
    return data


def management(prefixes: tuple[str, ...], **totals: int) -> dict:
    data = {}
    for prefix in prefixes:
        data[f"{prefix}-TOTAL_FORMS"] = str(totals.get(prefix, 0))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
    return data


# --- forms -------------------------------------------------------------------


@pytest.mark.django_db
def test_location_form_accepts_a_sound_location() -> None:
    form = LocationForm(location_data())
    assert form.is_valid(), form.errors


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"latitude": "95"}, "latitude"),
        ({"latitude": "-90.5"}, "latitude"),
        ({"longitude": "181"}, "longitude"),
        ({"longitude": ""}, "longitude"),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone"),
        ({"time_zone": "CST"}, "time_zone"),
    ],
)
def test_location_form_names_the_bad_field(changes: dict, field: str) -> None:
    form = LocationForm(location_data(**changes))
    assert not form.is_valid()
    assert list(form.errors) == [field]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"byday": "mo, tu ,we"},
        {"freq": "MONTHLY", "byday": "2SA,-1FR"},
        {"freq": "MONTHLY", "byday": "+1MO"},
        {"opens_at": "", "closes_at": "", "valid_from": "2026-12-25", "valid_to": "2026-12-25"},
        {"opens_at": "20:00", "closes_at": "02:00"},
        {"time_zone": "America/Phoenix"},
    ],
)
def test_schedule_form_accepts(changes: dict) -> None:
    form = ScheduleForm(schedule_data(**changes))
    assert form.is_valid(), form.errors


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"byday": "MON,TUE"}, "byday"),
        ({"byday": "XX"}, "byday"),
        ({"byday": "MO;TU"}, "byday"),
        ({"byday": "2MO"}, "byday"),
        ({"freq": "MONTHLY", "byday": "6MO"}, "byday"),
        ({"freq": "MONTHLY", "byday": "0MO"}, "byday"),
        ({"closes_at": ""}, "closes_at"),
        ({"opens_at": ""}, "opens_at"),
        ({"valid_from": "2026-12-26", "valid_to": "2026-12-24"}, "valid_to"),
        ({"dtstart": "2026-05-01", "until": "2026-04-01"}, "until"),
        ({"interval": "0"}, "interval"),
        ({"time_zone": "Eastern"}, "time_zone"),
    ],
)
def test_schedule_form_names_the_bad_field(changes: dict, field: str) -> None:
    form = ScheduleForm(schedule_data(**changes))
    assert not form.is_valid()
    assert list(form.errors) == [field]


@pytest.mark.django_db
def test_schedule_form_stores_byday_in_rfc_form() -> None:
    form = ScheduleForm(schedule_data(byday=" mo , fr"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["byday"] == "MO,FR"


def test_byday_problem_explains_what_is_allowed() -> None:
    assert byday_problem("", "WEEKLY") is None
    problem = byday_problem("MON", "WEEKLY")
    assert problem is not None and "MO, TU" in problem
    assert byday_problem("-1FR", "MONTHLY") is None


@pytest.mark.django_db
def test_service_and_area_and_term_forms() -> None:
    organization = Organization.objects.create(name="Willow Peer Network")
    base = {"organization": organization.pk, "name": "Peer Support", "status": "active"}
    assert ServiceForm(base).is_valid()
    ages = ServiceForm({**base, "minimum_age": "21", "maximum_age": "18"})
    assert not ages.is_valid() and list(ages.errors) == ["maximum_age"]

    service = Service.objects.create(organization=organization, name="Mail supplies")
    area = {"service": service.pk}
    assert ServiceAreaForm({**area, "kind": "state", "state": "wa"}).is_valid()
    assert list(ServiceAreaForm({**area, "kind": "state", "state": ""}).errors) == ["state"]
    assert list(ServiceAreaForm({**area, "kind": "county", "state": "IL"}).errors) == ["county"]
    assert list(ServiceAreaForm({**area, "kind": "zip", "zip_code": "123"}).errors) == ["zip_code"]
    assert ServiceAreaForm({**area, "kind": "nationwide"}).is_valid()

    term = {"code": "naloxone", "name": "Naloxone", "taxonomy": "hrkit-service-type"}
    good = TaxonomyTermForm({**term, "translations": '{"es": "Naloxona"}', "sort_order": "0"})
    assert good.is_valid(), good.errors
    bad = TaxonomyTermForm({**term, "translations": '["Naloxona"]', "sort_order": "0"})
    assert list(bad.errors) == ["translations"]


# --- admin pages -------------------------------------------------------------


@pytest.fixture
def admin_client_for_staff(db) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(User.objects.create_superuser("coordinator", password="unused-here"))
    return client


@pytest.fixture
def place(db) -> ServiceAtLocation:  # type: ignore[no-untyped-def]
    load_taxonomy()
    organization = Organization.objects.create(name="Harbor Harm Reduction Collective")
    location = Location.objects.create(
        name="Harbor, Cedar Street site",
        latitude=41.88,
        longitude=-87.63,
        time_zone="America/Chicago",
        organization=organization,
    )
    service = Service.objects.create(
        organization=organization,
        name="Syringe Services",
        last_verified=timezone.localdate() - timedelta(days=300),
    )
    service.terms.set(TaxonomyTerm.objects.filter(code__in=["syringe-services", "free"]))
    sal = ServiceAtLocation.objects.create(service=service, location=location)
    Schedule.objects.create(location=location, byday="MO", opens_at=time(9), closes_at=time(17))
    refresh_search_index()
    return sal


def test_admin_pages_load_for_staff(admin_client_for_staff, place) -> None:  # type: ignore[no-untyped-def]
    client = admin_client_for_staff
    service, location = place.service, place.location
    urls = [
        "/admin/directory/organization/",
        "/admin/directory/service/",
        "/admin/directory/service/?status__exact=active",
        "/admin/directory/service/?verification=stale",
        "/admin/directory/service/?verification=never",
        "/admin/directory/service/?service_type=syringe-services",
        f"/admin/directory/service/?last_verified__gte={date(2020, 1, 1)}",
        "/admin/directory/service/?q=Syringe",
        f"/admin/directory/service/{service.pk}/change/",
        "/admin/directory/service/add/",
        "/admin/directory/location/",
        "/admin/directory/location/?q=Cedar",
        f"/admin/directory/location/{location.pk}/change/",
        "/admin/directory/location/add/",
        "/admin/directory/taxonomyterm/",
        "/admin/directory/taxonomyterm/?taxonomy__exact=hrkit-cost",
        f"/admin/directory/serviceatlocation/{place.pk}/change/",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    stale = client.get("/admin/directory/service/?verification=stale").content.decode()
    assert "Syringe Services" in stale
    fresh = client.get("/admin/directory/service/?verification=never").content.decode()
    assert "0 services" in fresh


def test_admin_index_links_to_the_stale_list(admin_client_for_staff) -> None:  # type: ignore[no-untyped-def]
    index = admin_client_for_staff.get("/admin/").content.decode()
    assert 'href="/staff/directory/stale/"' in index
    assert "Organizations" in index or "Organisations" in index


def test_admin_is_closed_to_people_without_staff_role(place) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(User.objects.create_user("volunteer"))
    response = client.get("/admin/directory/service/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_mark_as_verified_today_action(admin_client_for_staff, place) -> None:  # type: ignore[no-untyped-def]
    response = admin_client_for_staff.post(
        "/admin/directory/service/",
        {"action": "mark_verified_today", "_selected_action": [place.service.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "1 service marked as verified today." in response.content.decode()
    place.service.refresh_from_db()
    assert place.service.last_verified == timezone.localdate()


def test_admin_refuses_bad_location_and_keeps_the_row(admin_client_for_staff, place) -> None:  # type: ignore[no-untyped-def]
    location = place.location
    url = f"/admin/directory/location/{location.pk}/change/"
    data = {
        **location_data(latitude="123", time_zone="Atlantis/Central"),
        **management(LOCATION_INLINES),
    }
    response = admin_client_for_staff.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Latitude must be between -90 and 90." in html
    assert "is not an IANA time zone" in html
    location.refresh_from_db()
    assert location.latitude == 41.88


def test_admin_refuses_a_bad_schedule_inline(admin_client_for_staff, place) -> None:  # type: ignore[no-untyped-def]
    location = place.location
    data = {
        **location_data(),
        **management(LOCATION_INLINES, schedules=1),
        **{f"schedules-0-{key}": value for key, value in schedule_data(byday="MON").items()},
    }
    response = admin_client_for_staff.post(f"/admin/directory/location/{location.pk}/change/", data)
    assert response.status_code == 200
    assert "is not a day" in response.content.decode()
    assert location.schedules.count() == 1


def test_admin_edit_moves_the_location_in_the_search_index(admin_client_for_staff, place) -> None:  # type: ignore[no-untyped-def]
    location = place.location
    data = {**location_data(latitude="47.61", longitude="-122.33"), **management(LOCATION_INLINES)}
    response = admin_client_for_staff.post(f"/admin/directory/location/{location.pk}/change/", data)
    assert response.status_code == 302
    latitudes = set(
        SearchEntry.objects.filter(service_at_location=place).values_list("latitude", flat=True)
    )
    assert latitudes == {47.61}


def test_admin_closing_a_service_takes_it_out_of_search(admin_client_for_staff, place) -> None:  # type: ignore[no-untyped-def]
    service = place.service
    data = {
        "organization": service.organization_id,
        "name": service.name,
        "status": "temporarily closed",
        "terms": list(service.terms.values_list("pk", flat=True)),
        **management(SERVICE_INLINES),
    }
    data["at_locations-INITIAL_FORMS"] = "1"
    data["at_locations-TOTAL_FORMS"] = "1"
    data["at_locations-0-id"] = str(place.pk)
    data["at_locations-0-service"] = str(service.pk)
    data["at_locations-0-location"] = str(place.location_id)
    assert SearchEntry.objects.filter(service_at_location=place).exists()
    response = admin_client_for_staff.post(f"/admin/directory/service/{service.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not SearchEntry.objects.filter(service_at_location=place).exists()


def test_admin_adding_a_service_area_lists_the_service_as_also_available(
    admin_client_for_staff,
) -> None:  # type: ignore[no-untyped-def]
    make_terms()
    service = make_remote("Mail kits", ["naloxone"], kind=ServiceArea.Kind.STATE, state="TX")
    query = parse_locate_query(zip="60614")
    assert locate(query).also_available == ()
    data = {
        "organization": service.organization_id,
        "name": service.name,
        "status": "active",
        "terms": list(service.terms.values_list("pk", flat=True)),
        **management(SERVICE_INLINES),
    }
    [existing] = service.service_areas.all()
    data["service_areas-INITIAL_FORMS"] = "1"
    data["service_areas-TOTAL_FORMS"] = "2"
    for number, area in enumerate(
        [
            {"id": str(existing.pk), "kind": "state", "state": "TX"},
            {"kind": "state", "state": "il"},
        ]
    ):
        for name, value in area.items():
            data[f"service_areas-{number}-{name}"] = value
        data[f"service_areas-{number}-service"] = str(service.pk)
    response = admin_client_for_staff.post(f"/admin/directory/service/{service.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    [remote] = locate(query).also_available
    assert (remote.service_name, remote.area_name) == ("Mail kits", "IL")
