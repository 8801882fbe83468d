"""`hrkit demo --remove`: exactly the demo records go; nothing a person entered, nothing else."""

import io
import uuid
from datetime import date, time

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from hrkit.directory.demo import (
    DEFAULT_SEED,
    DEMO_ID_PREFIX,
    _DemoBuilder,
    generate_demo_directory,
    has_demo_records,
    is_demo_hsds_id,
    remove_demo_records,
)
from hrkit.directory.models import (
    Accessibility,
    Address,
    Contact,
    CostOption,
    HsdsModel,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    SearchCard,
    SearchEntry,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
    new_hsds_id,
)
from hrkit.directory.search_index import refresh_search_index
from hrkit.directory.taxonomy import load_taxonomy

TODAY = date(2026, 3, 10)
DIRECTORY_TABLES: list[type[HsdsModel]] = [
    Organization,
    Location,
    Service,
    ServiceAtLocation,
    Address,
    Accessibility,
    Phone,
    Language,
    Schedule,
    ServiceArea,
    CostOption,
    Contact,
]


def snapshot() -> dict[str, list[dict]]:
    """Every row of every directory table and the taxonomy, every field."""
    tables = [*DIRECTORY_TABLES, TaxonomyTerm, Service.terms.through]
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in tables}


def enter_by_hand() -> ServiceAtLocation:
    """A program entered on the staff pages: organisation, service, site, hours, phone."""
    terms = {term.code: term for term in TaxonomyTerm.objects.all()}
    organization = Organization.objects.create(name="Eastside Outreach (entered by hand)")
    service = Service.objects.create(organization=organization, name="Naloxone and test strips")
    service.terms.set([terms["naloxone"]])
    location = Location.objects.create(
        organization=organization,
        name="Eastside storefront",
        latitude=40.75,
        longitude=-73.99,
        time_zone="America/New_York",
    )
    Address.objects.create(
        location=location,
        address_1="12 Example Street",
        city="New York",
        state_province="NY",
        postal_code="10001",
    )
    sal = ServiceAtLocation.objects.create(service=service, location=location)
    Schedule.objects.create(
        service_at_location=sal, freq="WEEKLY", byday="MO,WE", opens_at=time(9), closes_at=time(17)
    )
    Phone.objects.create(location=location, number="+12025550123")
    Language.objects.create(service=service, code="es", name="Spanish")
    Contact.objects.create(organization=organization, name="Front desk")
    refresh_search_index([location.id])
    return sal


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    load_taxonomy()
    return generate_demo_directory(seed=DEFAULT_SEED, today=TODAY)


def test_every_demo_row_is_marked_and_no_other_id_can_be() -> None:
    builder = _DemoBuilder(DEFAULT_SEED, TODAY)
    builder.build()
    ids = [row.instance.hsds_id for rows in builder.rows.values() for row in rows]
    assert len(ids) == len(set(ids))
    for hsds_id in ids:
        assert hsds_id.startswith(DEMO_ID_PREFIX) and is_demo_hsds_id(hsds_id)
        # Still a well-formed UUID (HSDS ids are UUIDs by convention): RFC 9562 version 8.
        parsed = uuid.UUID(hsds_id)
        assert str(parsed) == hsds_id
        assert parsed.version == 8 and parsed.variant == uuid.RFC_4122
    # Ids given by hand (uuid4) or to CSV rows (uuid5) never carry the mark.
    assert not any(is_demo_hsds_id(new_hsds_id()) for _ in range(2000))
    assert not is_demo_hsds_id(str(uuid.uuid5(uuid.NAMESPACE_URL, "de300000-0000-8000-")))


def test_demo_then_hand_entry_then_remove_leaves_exactly_the_hand_entry(demo) -> None:  # type: ignore[no-untyped-def]
    assert has_demo_records()
    sal = enter_by_hand()
    staff = get_user_model().objects.create_user("staff", password="a long enough passphrase")
    expected = {
        name: [row for row in rows if not is_demo_hsds_id(row.get("hsds_id", ""))]
        for name, rows in snapshot().items()
        if name != "Service_terms"
    }
    hand_service_terms = list(
        Service.terms.through.objects.filter(service__name="Naloxone and test strips").values()
    )

    removal = remove_demo_records(seed=DEFAULT_SEED, today=TODAY)

    after = snapshot()
    assert {name: rows for name, rows in after.items() if name != "Service_terms"} == expected
    assert after["Service_terms"] == hand_service_terms
    assert removal.deleted["Organization"] == demo.organizations
    assert removal.deleted["Location"] == demo.locations
    assert removal.deleted["Service"] == demo.services
    assert removal.deleted["Schedule"] == demo.schedules
    assert not removal.kept
    assert not has_demo_records()
    # The taxonomy stays (it is hrkit's, not the demo's), so does the staff account.
    assert TaxonomyTerm.objects.count() == 43
    assert get_user_model().objects.get() == staff
    # The search index holds the hand-entered place alone.
    assert list(SearchCard.objects.values_list("service_name", flat=True)) == [
        "Naloxone and test strips"
    ]
    assert set(SearchEntry.objects.values_list("service_at_location_id", flat=True)) == {sal.pk}


def test_a_demo_row_holding_a_hand_entered_row_stays_with_its_parents(demo) -> None:  # type: ignore[no-untyped-def]
    demo_location = Location.objects.filter(hsds_id__startswith=DEMO_ID_PREFIX).first()
    assert demo_location is not None
    added = Phone.objects.create(location=demo_location, number="+12025550188")
    demo_organization = Organization.objects.get(pk=demo_location.organization_id)
    service = Service.objects.create(organization=demo_organization, name="Added by staff")

    removal = remove_demo_records(seed=DEFAULT_SEED, today=TODAY)

    assert removal.kept == {"Location": 1, "Organization": 1}
    assert list(Phone.objects.all()) == [added]
    assert list(Service.objects.all()) == [service]
    assert list(Location.objects.all()) == [demo_location]
    assert list(Organization.objects.all()) == [demo_organization]
    # The kept location's own demo rows (its address, hours) went.
    assert not Address.objects.exists()
    assert not Schedule.objects.exists()
    assert not ServiceAtLocation.objects.exists()


def test_rows_written_before_the_mark_are_recognised(demo) -> None:  # type: ignore[no-untyped-def]
    """A database filled by an older hrkit: its demo ids are plain version 5 UUIDs."""
    builder = _DemoBuilder(DEFAULT_SEED, TODAY)
    builder.build()
    for model, rows in builder.rows.items():
        for row in rows:
            model.objects.filter(hsds_id=row.instance.hsds_id).update(hsds_id=row.unmarked_id)
    assert not has_demo_records()
    primary_keys = sorted(Location.objects.values_list("pk", flat=True))

    # Running the demo again takes them over in place rather than adding a copy...
    generate_demo_directory(seed=DEFAULT_SEED, today=TODAY)
    assert sorted(Location.objects.values_list("pk", flat=True)) == primary_keys
    assert Location.objects.count() == demo.locations
    assert has_demo_records()

    # ...and removing finds them too.
    for model, rows in builder.rows.items():
        for row in rows:
            model.objects.filter(hsds_id=row.instance.hsds_id).update(hsds_id=row.unmarked_id)
    remove_demo_records(seed=DEFAULT_SEED, today=TODAY)
    assert not any(model.objects.exists() for model in DIRECTORY_TABLES)


@pytest.mark.django_db
def test_remove_with_no_demo_changes_nothing() -> None:
    load_taxonomy()
    enter_by_hand()
    before = snapshot()
    removal = remove_demo_records(seed=DEFAULT_SEED, today=TODAY)
    assert removal.total == 0 and not removal.kept
    assert snapshot() == before


def test_the_command_removes_and_says_what_went(demo) -> None:  # type: ignore[no-untyped-def]
    enter_by_hand()
    out = io.StringIO()
    call_command("demo", "--remove", stdout=out)
    text = out.getvalue()
    assert f"Organization {demo.organizations}" in text
    assert f"Location {demo.locations}" in text
    assert "Kept" not in text
    assert Organization.objects.get().name == "Eastside Outreach (entered by hand)"

    out = io.StringIO()
    call_command("demo", "--remove", stdout=out)
    assert out.getvalue() == "Demo directory: none found.\n"


@pytest.mark.django_db
def test_remove_and_reset_together_are_refused() -> None:
    with pytest.raises(CommandError, match="do not go together"):
        call_command("demo", "--remove", "--reset", stdout=io.StringIO())


def test_the_directory_app_answers_the_banner(demo) -> None:  # type: ignore[no-untyped-def]
    from django.apps import apps

    config = apps.get_app_config("directory")
    assert config.has_demo_data() is True  # type: ignore[attr-defined]
    remove_demo_records(seed=DEFAULT_SEED, today=TODAY)
    assert config.has_demo_data() is False  # type: ignore[attr-defined]


def test_the_banner_question_never_fails_a_page(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Pages that need no database ask too; when the database cannot answer, no banner."""
    from django.apps import apps
    from django.db import OperationalError

    def unreachable() -> bool:
        raise OperationalError("could not connect to server")

    monkeypatch.setattr("hrkit.directory.demo.has_demo_records", unreachable)
    assert apps.get_app_config("directory").has_demo_data() is False  # type: ignore[attr-defined]
