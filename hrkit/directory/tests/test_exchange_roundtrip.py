"""Export → import → export gives the same files, for HSDS JSON and the datapackage."""

from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from hrkit.directory import models as m
from hrkit.directory.exchange.services import export_hsds, import_hsds

DIRECTORY_MODELS = [
    m.Organization,
    m.Service,
    m.Location,
    m.ServiceAtLocation,
    m.Address,
    m.Accessibility,
    m.Language,
    m.Contact,
    m.Phone,
    m.Schedule,
    m.ServiceArea,
    m.CostOption,
    m.TaxonomyTerm,
]


def build_directory() -> dict[str, object]:
    """A small directory using every model and every field the exchange carries."""
    harm = m.TaxonomyTerm.objects.create(
        hsds_id="term-harm-reduction",
        code="harm-reduction-supplies",
        name="Harm reduction supplies",
        taxonomy=m.TaxonomyTerm.Taxonomy.SERVICE_TYPE,
        translations={"es": "Materiales de reducción de daños"},
        sort_order=1,
    )
    naloxone = m.TaxonomyTerm.objects.create(
        hsds_id="term-naloxone",
        code="naloxone",
        name="Naloxone",
        description="Medicine that reverses an opioid overdose",
        taxonomy=m.TaxonomyTerm.Taxonomy.SERVICE_TYPE,
        parent=harm,
        translations={"es": "Naloxona"},
        sort_order=2,
    )
    free = m.TaxonomyTerm.objects.create(
        hsds_id="term-free", code="free", name="Free", taxonomy=m.TaxonomyTerm.Taxonomy.COST
    )
    org = m.Organization.objects.create(
        hsds_id="org-1",
        name="Riverside Harm Reduction",
        alternate_name="RHR",
        description="Peer-run syringe services program",
        email="hello@rhr.example.org",
        website="https://rhr.example.org",
    )
    drop_in = m.Service.objects.create(
        hsds_id="svc-drop-in",
        organization=org,
        name="Drop-in supplies",
        alternate_name="Supplies",
        description="Naloxone, syringes and test strips",
        url="https://rhr.example.org/drop-in",
        email="dropin@rhr.example.org",
        status=m.Service.Status.ACTIVE,
        interpretation_services="Phone interpretation",
        application_process="Walk in",
        fees_description="Free",
        eligibility_description="Adults",
        minimum_age=18,
        maximum_age=99,
        last_verified=date(2026, 3, 1),
        alert="Closed for the holiday on July 4",
    )
    drop_in.terms.set([naloxone, free])
    hotline = m.Service.objects.create(
        hsds_id="svc-hotline",
        organization=org,
        name="Never Use Alone line",
        status=m.Service.Status.TEMPORARILY_CLOSED,
    )
    hotline.terms.set([harm])
    site = m.Location.objects.create(
        hsds_id="loc-1",
        organization=org,
        name="Riverside drop-in",
        alternate_name="The shop",
        description="Side door",
        transportation="Bus 12",
        latitude=41.8781,
        longitude=-87.6298,
        time_zone="America/Chicago",
        url="https://rhr.example.org/visit",
    )
    van = m.Location.objects.create(
        hsds_id="loc-2",
        name="Outreach van",
        latitude=40.7128,
        longitude=-74.006,
        time_zone="America/New_York",
    )
    here = m.ServiceAtLocation.objects.create(
        hsds_id="sal-1", service=drop_in, location=site, description="Back room"
    )
    m.ServiceAtLocation.objects.create(hsds_id="sal-2", service=drop_in, location=van)
    m.Address.objects.create(
        hsds_id="addr-1",
        location=site,
        attention="Front desk",
        address_1="100 Main St",
        address_2="Suite 2",
        city="Chicago",
        region="Cook",
        state_province="IL",
        postal_code="60601",
        country="US",
        address_type=m.Address.AddressType.PHYSICAL,
    )
    m.Accessibility.objects.create(
        hsds_id="acc-1", location=site, description="Ramp", details="East side", url=""
    )
    desk = m.Contact.objects.create(
        hsds_id="contact-1",
        location=site,
        service=drop_in,
        name="Front desk",
        title="Peer worker",
        department="Outreach",
        email="desk@rhr.example.org",
    )
    m.Contact.objects.create(hsds_id="contact-2", organization=org, title="Director")
    line = m.Phone.objects.create(
        hsds_id="phone-1", service=hotline, number="+18004843731", type=m.Phone.PhoneType.VOICE
    )
    m.Phone.objects.create(
        hsds_id="phone-2", contact=desk, location=site, number="+13125550100", extension="12"
    )
    m.Phone.objects.create(
        hsds_id="phone-3", service_at_location=here, number="+13125550101", extension="0x9"
    )
    m.Phone.objects.create(
        hsds_id="phone-4", organization=org, number="+13125550102", type=m.Phone.PhoneType.TEXT
    )
    m.Language.objects.create(hsds_id="lang-1", location=site, code="es", name="Spanish")
    m.Language.objects.create(hsds_id="lang-2", service=drop_in, code="en", name="English")
    m.Language.objects.create(hsds_id="lang-3", phone=line, code="es", note="Evenings")
    # Weekly hours, an overnight window, a closure and holiday hours.
    m.Schedule.objects.create(
        hsds_id="sched-1",
        service_at_location=here,
        freq=m.Schedule.Freq.WEEKLY,
        byday="MO,TU,WE",
        opens_at=time(9, 0),
        closes_at=time(17, 30),
        description="Weekdays",
    )
    m.Schedule.objects.create(
        hsds_id="sched-2",
        location=site,
        freq=m.Schedule.Freq.WEEKLY,
        byday="FR,SA",
        opens_at=time(20, 0),
        closes_at=time(2, 0),
        notes="Overnight",
    )
    m.Schedule.objects.create(
        hsds_id="sched-3", location=site, valid_from=date(2026, 7, 4), valid_to=date(2026, 7, 4)
    )
    m.Schedule.objects.create(
        hsds_id="sched-4",
        service_at_location=here,
        valid_from=date(2026, 12, 24),
        valid_to=date(2026, 12, 24),
        opens_at=time(10, 0),
        closes_at=time(14, 0),
        time_zone="America/New_York",
    )
    m.Schedule.objects.create(
        hsds_id="sched-5",
        service=hotline,
        freq=m.Schedule.Freq.MONTHLY,
        byday="2MO,-1FR",
        bymonthday="1,15",
        byyearday="100",
        byweekno="1,2",
        interval=2,
        count=10,
        wkst=m.Schedule.Weekday.MON,
        dtstart=date(2026, 1, 5),
        until=date(2027, 1, 1),
        opens_at=time(0, 0),
        closes_at=time(0, 0),
        time_zone="America/Denver",
        schedule_link="https://rhr.example.org/hours",
        attending_type="phone",
    )
    for hsds_id, kind, extra in [
        ("area-1", m.ServiceArea.Kind.NATIONWIDE, {}),
        ("area-2", m.ServiceArea.Kind.STATE, {"state": "NY"}),
        ("area-3", m.ServiceArea.Kind.COUNTY, {"state": "NY", "county": "Kings County"}),
        ("area-4", m.ServiceArea.Kind.ZIP, {"zip_code": "10001"}),
    ]:
        m.ServiceArea.objects.create(
            hsds_id=hsds_id, service=hotline, kind=kind, name=f"Area {hsds_id}", **extra
        )
    m.CostOption.objects.create(
        hsds_id="cost-1",
        service=drop_in,
        valid_from=date(2026, 1, 1),
        valid_to=date(2026, 12, 31),
        option="Kits",
        currency="USD",
        amount=Decimal("12.50"),
        amount_description="per kit",
    )
    return {"site": site, "drop_in": drop_in}


def empty_directory() -> None:
    for model in DIRECTORY_MODELS:
        model.objects.all().delete()


def directory_counts() -> dict[str, int]:
    counts = {model.__name__: model.objects.count() for model in DIRECTORY_MODELS}
    counts["terms of services"] = m.Service.terms.through.objects.count()
    return counts


def read_tree(path: Path) -> dict[str, str]:
    if path.is_file():
        return {path.name: path.read_text(encoding="utf-8")}
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(path.iterdir())}


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["directory.json", "package", "package.zip"])
def test_export_import_export_gives_the_same_output(tmp_path: Path, target: str) -> None:
    build_directory()
    before = directory_counts()
    first = tmp_path / "first" / target
    first.parent.mkdir()
    export_hsds(first)
    empty_directory()
    assert m.Location.objects.count() == 0

    import_hsds(first)

    assert directory_counts() == before
    second = tmp_path / "second" / target
    second.parent.mkdir()
    export_hsds(second)
    if target.endswith(".zip"):
        import zipfile

        with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
            assert {n: a.read(n) for n in a.namelist()} == {n: b.read(n) for n in b.namelist()}
    else:
        assert read_tree(second) == read_tree(first)


@pytest.mark.django_db
def test_round_trip_keeps_hrkit_fields_hsds_has_no_place_for(tmp_path: Path) -> None:
    build_directory()
    call_command("export_hsds", str(tmp_path / "out.json"))
    empty_directory()
    call_command("import_hsds", str(tmp_path / "out.json"))

    naloxone = m.TaxonomyTerm.objects.get(code="naloxone")
    assert naloxone.translations == {"es": "Naloxona"}
    assert naloxone.parent is not None and naloxone.parent.code == "harm-reduction-supplies"
    assert m.Location.objects.get(hsds_id="loc-1").time_zone == "America/Chicago"
    monthly = m.Schedule.objects.get(hsds_id="sched-5")
    assert (monthly.time_zone, monthly.bymonthday, monthly.count) == ("America/Denver", "1,15", 10)
    overnight = m.Schedule.objects.get(hsds_id="sched-2")
    assert (overnight.opens_at, overnight.closes_at) == (time(20, 0), time(2, 0))
    closure = m.Schedule.objects.get(hsds_id="sched-3")
    assert closure.opens_at is None and closure.valid_from == date(2026, 7, 4)
    county = m.ServiceArea.objects.get(hsds_id="area-3")
    assert (county.kind, county.state, county.county) == ("county", "NY", "Kings County")
    assert m.Phone.objects.get(hsds_id="phone-3").extension == "0x9"
    phone = m.Phone.objects.get(hsds_id="phone-2")
    assert (phone.contact.hsds_id, phone.location.hsds_id) == ("contact-1", "loc-1")
    assert m.CostOption.objects.get(hsds_id="cost-1").amount == Decimal("12.50")
    drop_in = m.Service.objects.get(hsds_id="svc-drop-in")
    assert sorted(drop_in.terms.values_list("code", flat=True)) == ["free", "naloxone"]


@pytest.mark.django_db
def test_location_without_a_zone_gets_the_zone_at_its_coordinates(tmp_path: Path) -> None:
    build_directory()
    m.Location.objects.filter(hsds_id="loc-2").update(time_zone="")
    export_hsds(tmp_path / "pkg")
    empty_directory()
    import_hsds(tmp_path / "pkg")
    # loc-2 was exported with no zone; New York's coordinates give it one.
    assert m.Location.objects.get(hsds_id="loc-2").time_zone == "America/New_York"


@pytest.mark.django_db
def test_an_imported_remote_service_is_also_available_in_its_area(tmp_path: Path) -> None:
    from hrkit.directory.locate_query import parse_locate_query
    from hrkit.directory.locator import locate

    build_directory()
    # The fixture's line is temporarily closed, so nothing would be listed.
    m.Service.objects.filter(hsds_id="svc-hotline").update(status=m.Service.Status.ACTIVE)
    export_hsds(tmp_path / "out.json")
    empty_directory()
    assert not m.RemoteCard.objects.exists()

    import_hsds(tmp_path / "out.json")

    [remote] = locate(parse_locate_query(zip="10001")).also_available
    # Its most local area comes first: the ZIP code, of the four it has.
    assert (remote.service_name, remote.area_kind) == ("Never Use Alone line", "zip")
    assert locate(parse_locate_query(zip="60614")).also_available[0].area_kind == "nationwide"


@pytest.mark.django_db
def test_an_import_runs_without_prepared_statements(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hrkit.core.database import prepare_threshold
    from hrkit.directory.exchange.importer import Importer

    build_directory()
    export_hsds(tmp_path / "pkg")
    empty_directory()
    before = prepare_threshold()
    seen: list[int | None] = []
    finish = Importer.finish

    def watched_finish(importer: Importer) -> None:
        seen.append(prepare_threshold())
        finish(importer)

    monkeypatch.setattr(Importer, "finish", watched_finish)
    import_hsds(tmp_path / "pkg")
    # A plan prepared while the tables were empty would go on scanning them whole.
    assert seen == [None]
    assert prepare_threshold() == before
