"""A program's own spreadsheet, read through a column mapping."""

from pathlib import Path

import pytest

from hrkit.directory import models as m
from hrkit.directory.exchange.problems import ImportFailed, UnreadableSource
from hrkit.directory.exchange.services import import_hsds

MAPPING = """
organization: Lakeside Outreach Coalition
time_zone: America/Chicago
separator: ";"
columns:
  id: Site ID
  name: Site name
  address: Street
  city: Town
  state: ST
  zip: Zip code
  latitude: Lat
  longitude: Long
  phone: Phone number
  hours: When open
  services: What we offer
  languages: Languages
"""

SHEET = "\n".join(
    [
        "Site ID,Site name,Street,Town,ST,Zip code,Lat,Long,"
        "Phone number,When open,What we offer,Languages",
        "A1,Northside van,12 Oak St,Chicago,IL,60614,41.92,-87.65,"
        '312-555-0110,"Mon-Fri 9-5",naloxone;Syringe services,en;es',
        'A2,"Southside',
        'drop-in",400 Elm Ave,Chicago,IL,60609,41.81,-87.65,,Tue 10-2,Naloxona,',
        "",
    ]
)


@pytest.fixture
def sheet(tmp_path: Path) -> tuple[Path, Path]:
    for code, name, spanish in [
        ("naloxone", "Naloxone", "Naloxona"),
        ("syringe-services", "Syringe services", "Servicios de jeringas"),
    ]:
        m.TaxonomyTerm.objects.create(
            code=code,
            name=name,
            taxonomy=m.TaxonomyTerm.Taxonomy.SERVICE_TYPE,
            translations={"es": spanish},
        )
    (tmp_path / "mapping.yaml").write_text(MAPPING)
    (tmp_path / "sites.csv").write_text(SHEET)
    return tmp_path / "sites.csv", tmp_path / "mapping.yaml"


@pytest.mark.django_db
def test_each_row_becomes_a_located_service(sheet: tuple[Path, Path]) -> None:
    path, mapping = sheet
    import_hsds(path, mapping=mapping)

    north = m.Location.objects.get(hsds_id="A1")
    assert (north.name, north.latitude, north.time_zone) == (
        "Northside van",
        41.92,
        "America/Chicago",
    )
    address = north.addresses.get()
    assert (address.address_1, address.city, address.state_province, address.postal_code) == (
        "12 Oak St",
        "Chicago",
        "IL",
        "60614",
    )
    assert north.phones.get().number == "+13125550110"
    assert sorted(north.languages.values_list("code", flat=True)) == ["en", "es"]
    link = north.services_here.get()
    assert link.service.organization.name == "Lakeside Outreach Coalition"
    assert link.schedules.get().description == "Mon-Fri 9-5"
    assert sorted(link.service.terms.values_list("code", flat=True)) == [
        "naloxone",
        "syringe-services",
    ]
    south = m.Location.objects.get(hsds_id="A2")
    assert south.name == "Southside\ndrop-in"
    assert list(south.services_here.get().service.terms.values_list("code", flat=True)) == [
        "naloxone"
    ]


@pytest.mark.django_db
def test_importing_the_sheet_again_changes_nothing(sheet: tuple[Path, Path]) -> None:
    path, mapping = sheet
    import_hsds(path, mapping=mapping)
    counts = [model.objects.count() for model in (m.Organization, m.Location, m.Service)]
    import_hsds(path, mapping=mapping)
    assert [model.objects.count() for model in (m.Organization, m.Location, m.Service)] == counts
    assert counts == [1, 2, 2]


@pytest.mark.django_db
def test_problems_name_the_sheets_own_columns(sheet: tuple[Path, Path]) -> None:
    path, mapping = sheet
    with path.open("a") as stream:
        stream.write("A3,Westside,1 Pine,Chicago,IL,60612,91,-87.7,,,Kombucha,\n")

    with pytest.raises(ImportFailed) as failure:
        import_hsds(path, mapping=mapping)

    assert failure.value.problems.lines() == [
        "sites.csv:5: Lat (latitude): must be a number between -90 and 90",
        "sites.csv:5: What we offer (services): unknown service type 'Kombucha': "
        "use a code such as naloxone or its name",
    ]
    assert m.Location.objects.count() == 0


@pytest.mark.django_db
def test_a_mapping_naming_a_missing_column_is_refused(sheet: tuple[Path, Path]) -> None:
    path, mapping = sheet
    mapping.write_text(MAPPING.replace("Town", "City"))
    with pytest.raises(UnreadableSource, match="column\\(s\\) not in the sheet: City"):
        import_hsds(path, mapping=mapping)
    mapping.write_text("columns:\n  name: Site name\n  colour: Colour\norganization: X\n")
    with pytest.raises(UnreadableSource, match="unknown column key\\(s\\) colour"):
        import_hsds(path, mapping=mapping)
