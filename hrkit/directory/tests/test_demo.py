"""The demo directory: realistic shape, synthetic content, idempotent, searchable."""

import re
from datetime import date

import pytest
from django.core.management import call_command
from django.db.models import F

from hrkit.directory.demo import DEFAULT_SEED, generate_demo_directory, remove_demo_directory
from hrkit.directory.locate_query import parse_locate_query
from hrkit.directory.locator import locate
from hrkit.directory.models import (
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    SearchEntry,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)
from hrkit.directory.taxonomy import load_taxonomy

TODAY = date(2026, 3, 10)
# Stored as E.164 (hrkit.directory.phones), in the 555-01xx range set aside for fiction.
FICTIONAL_PHONE = re.compile(r"^\+1\d{3}55501\d{2}$")
ALL_MODELS = [Organization, Location, Service, ServiceAtLocation, Schedule, Phone, Language]


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    load_taxonomy()
    return generate_demo_directory(seed=DEFAULT_SEED, today=TODAY)


def test_size_and_spread_over_cities_and_time_zones(demo) -> None:  # type: ignore[no-untyped-def]
    assert 400 <= Location.objects.count() <= 600
    assert demo.locations == Location.objects.count()
    assert demo.services == Service.objects.count()
    zones = set(Location.objects.values_list("time_zone", flat=True))
    assert {"America/New_York", "America/Chicago", "America/Denver", "America/Phoenix"} <= zones
    assert {"America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu"} <= zones
    cities = set(Location.objects.values_list("addresses__city", flat=True))
    assert len(cities) == 10
    assert not Location.objects.filter(latitude__isnull=True).exists()
    assert not Location.objects.filter(addresses__isnull=True).exists()


def test_hours_cover_the_hard_cases(demo) -> None:  # type: ignore[no-untyped-def]
    weekly = Schedule.objects.filter(valid_from__isnull=True, opens_at__isnull=False)
    assert weekly.filter(closes_at__lt=F("opens_at")).exists(), "overnight hours"
    assert weekly.filter(opens_at=F("closes_at"), byday="MO,TU,WE,TH,FR,SA,SU").exists(), "24/7"
    assert weekly.filter(byday="SA,SU").exists(), "weekend only"
    assert weekly.filter(freq="MONTHLY", byday="2SA,4SA").exists()
    dated = Schedule.objects.filter(valid_from__isnull=False)
    closures = dated.filter(opens_at__isnull=True, closes_at__isnull=True)
    assert closures.filter(valid_from=date(2026, 12, 25)).exists(), "holiday closure"
    assert closures.filter(valid_from=date(2026, 11, 26)).exists(), "Thanksgiving is a Thursday"
    assert dated.filter(opens_at__isnull=False, valid_from=date(2026, 12, 31)).exists()
    assert Schedule.objects.filter(service_at_location__isnull=False).exists(), "dosing hours"
    for schedule in Schedule.objects.filter(opens_at__isnull=True):
        assert schedule.closes_at is None


def test_remote_services_have_areas_and_no_place(demo) -> None:  # type: ignore[no-untyped-def]
    remote = Service.objects.filter(service_areas__isnull=False).distinct()
    assert remote.count() == demo.remote_services >= 5
    assert not ServiceAtLocation.objects.filter(service__in=remote).exists()
    kinds = set(ServiceArea.objects.values_list("kind", flat=True))
    assert kinds == {"nationwide", "state", "county", "zip"}
    hotline = remote.get(terms__code="hotline")
    assert hotline.service_areas.get().kind == "nationwide"
    assert remote.filter(terms__code="telehealth", terms__taxonomy="hrkit-service-type").exists()
    mail = remote.filter(terms__code="mail-based-delivery", service_areas__kind="state")
    assert mail.exists()
    county = ServiceArea.objects.get(kind="county")
    assert (county.state, county.county) == ("IL", "Cook County")
    for service in remote:
        assert service.schedules.exclude(time_zone="").exists(), service.name


def test_content_is_synthetic(demo) -> None:  # type: ignore[no-untyped-def]
    numbers = list(Phone.objects.values_list("number", flat=True))
    assert numbers
    assert all(FICTIONAL_PHONE.match(number) for number in numbers), numbers[:5]
    for email, website in Organization.objects.values_list("email", "website"):
        assert email.endswith(".example.org")
        assert ".example.org/" in website
    names = list(Organization.objects.values_list("name", flat=True))
    assert len(names) == len(set(names))


def test_services_tagged_and_verification_dates_spread(demo) -> None:  # type: ignore[no-untyped-def]
    for service in Service.objects.prefetch_related("terms"):
        taxonomies = [term.taxonomy for term in service.terms.all()]
        assert 1 <= taxonomies.count(TaxonomyTerm.Taxonomy.SERVICE_TYPE) <= 4, service.name
        assert TaxonomyTerm.Taxonomy.COST in taxonomies, service.name
    assert Service.objects.filter(languages__code="es").exists()
    assert Language.objects.exclude(code__in=["en", "es"]).exists()
    ages = [
        (TODAY - verified).days
        for verified in Service.objects.exclude(last_verified=None).values_list(
            "last_verified", flat=True
        )
    ]
    assert max(ages) <= 730
    assert any(age > 180 for age in ages) and any(age < 90 for age in ages)
    statuses = set(Service.objects.values_list("status", flat=True))
    assert {"active", "temporarily closed"} <= statuses


def test_search_index_covers_active_located_services(demo) -> None:  # type: ignore[no-untyped-def]
    indexed = set(
        SearchEntry.objects.filter(service_type=SearchEntry.ANY_SERVICE_TYPE).values_list(
            "service_at_location_id", flat=True
        )
    )
    active = set(
        ServiceAtLocation.objects.filter(service__status="active").values_list("id", flat=True)
    )
    assert indexed == active
    location = Location.objects.filter(
        services_here__service__status="active", addresses__city="Phoenix"
    ).first()
    assert location is not None
    zip_code = location.addresses.get().postal_code
    result = locate(parse_locate_query(zip=zip_code, radius_km=5))
    assert location.id in {item.location_id for item in result.page.items}


def test_second_run_updates_in_place(demo) -> None:  # type: ignore[no-untyped-def]
    before = {model: sorted(model.objects.values_list("pk", "hsds_id")) for model in ALL_MODELS}
    terms_before = Service.terms.through.objects.count()
    Service.objects.filter(pk=Service.objects.first().pk).update(name="Edited")
    again = generate_demo_directory(seed=DEFAULT_SEED, today=TODAY)
    assert again.locations == demo.locations
    for model in ALL_MODELS:
        assert sorted(model.objects.values_list("pk", "hsds_id")) == before[model], model
    assert Service.terms.through.objects.count() == terms_before
    assert not Service.objects.filter(name="Edited").exists()


def test_remove_deletes_only_the_demo(demo) -> None:  # type: ignore[no-untyped-def]
    own = Organization.objects.create(name="A program entered by hand")
    remove_demo_directory(seed=DEFAULT_SEED, today=TODAY)
    assert list(Organization.objects.all()) == [own]
    assert not Location.objects.exists()
    assert not SearchEntry.objects.exists()


@pytest.mark.django_db
def test_without_the_taxonomy_nothing_is_written() -> None:
    with pytest.raises(RuntimeError, match="load the taxonomy first"):
        generate_demo_directory(seed=DEFAULT_SEED, today=TODAY)
    assert not Organization.objects.exists()
    assert not Location.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_command_is_idempotent_and_reports(capsys) -> None:  # type: ignore[no-untyped-def]
    call_command("demo")
    first = capsys.readouterr().out
    counts = {model: model.objects.count() for model in ALL_MODELS}
    call_command("demo", "--reset")
    second = capsys.readouterr().out
    assert {model: model.objects.count() for model in ALL_MODELS} == counts
    assert "43 terms (43 new)" in first
    assert "43 terms (0 new)" in second
    summary = re.search(r"(\d+) locations", second)
    assert summary is not None
    assert int(summary.group(1)) == counts[Location]
