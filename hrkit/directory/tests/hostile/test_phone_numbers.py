"""Phone numbers are checked and kept as E.164 (short numbers as dialled) wherever they come in."""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings

from hrkit.directory import models as m
from hrkit.directory.exchange.problems import ImportFailed
from hrkit.directory.exchange.services import export_hsds, import_hsds
from hrkit.directory.forms import PhoneForm
from hrkit.directory.phones import (
    Phone,
    PhoneProblem,
    display_phone,
    normalise_phone,
    tel_href,
)
from hrkit.directory.tests.hostile.builders import one_service, write_json

HOSTILE_NUMBERS = [
    '"><script>alert(1)</script>773-555-0101',
    "773-555-0101<",
    "=HYPERLINK(7735550101)",
    "javascript:7735550101",
    "call us at 773-555-0101",
    "773-555-0101 script",
    "(555) 555-0123",
    "12",
    "0",
    "1" * 60,
    "",
]


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("773-555-0101", Phone("+17735550101")),
        ("(773) 555-0101", Phone("+17735550101")),
        ("+1 773.555.0101", Phone("+17735550101")),
        ("1-800-662-HELP", Phone("+18006624357")),
        ("(800) 555-0123", Phone("+18005550123")),
        ("212-555-0100 ext. 12", Phone("+12125550100", "12")),
        ("+44 20 7946 0000", Phone("+442079460000")),
        ("911", Phone("911")),
        ("988", Phone("988")),
        ("211", Phone("211")),
    ],
)
def test_numbers_people_write_are_kept_in_one_form(written: str, stored: Phone) -> None:
    assert normalise_phone(written, "US") == stored


@pytest.mark.parametrize("written", HOSTILE_NUMBERS)
def test_text_that_is_not_a_number_is_refused(written: str) -> None:
    with pytest.raises(PhoneProblem):
        normalise_phone(written, "US")


@pytest.mark.parametrize("written", HOSTILE_NUMBERS)
def test_no_tel_link_is_built_from_text_that_is_not_a_number(written: str) -> None:
    assert tel_href(written) == ""


def test_links_and_display_come_from_the_stored_form() -> None:
    assert tel_href("+17735550101") == "tel:+17735550101"
    assert tel_href("+12125550100", "12") == "tel:+12125550100;ext=12"
    assert tel_href("988") == "tel:988"
    assert display_phone("+17735550101") == "(773) 555-0101"
    assert display_phone("+442079460000") == "+44 20 7946 0000"
    assert display_phone("988") == "988"


@override_settings(HRKIT={"PHONE_REGION": "GB"})
def test_the_region_setting_decides_how_local_numbers_are_read() -> None:
    assert normalise_phone("020 7946 0000") == Phone("+442079460000")
    assert normalise_phone("999") == Phone("999")
    assert display_phone("+442079460000") == "020 7946 0000"


# --- every way in ---------------------------------------------------------------


@pytest.mark.django_db
def test_a_json_import_reports_a_bad_number_and_writes_nothing(tmp_path: Path) -> None:
    service = one_service(phones=[{"id": "phone-1", "number": HOSTILE_NUMBERS[0]}])

    with pytest.raises(ImportFailed) as failure:
        import_hsds(write_json(tmp_path / "services.json", [service]))

    [line] = failure.value.problems.lines()
    assert line.startswith("services.json:$[0].phones[0]: number: must be a phone number")
    assert m.Phone.objects.count() == 0
    assert m.Service.objects.count() == 0


@pytest.mark.django_db
def test_a_datapackage_import_reports_a_bad_number_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "organizations.csv").write_text("id,name\norg-1,Harm Reduction Hub\n")
    (folder / "phones.csv").write_text(
        'id,organization_id,number\np-1,org-1,"""><script>773-555-0101"\np-2,org-1,988\n'
    )

    with pytest.raises(ImportFailed) as failure:
        import_hsds(folder)

    [line] = failure.value.problems.lines()
    assert line.startswith("phones.csv:2: number: must be a phone number")
    assert m.Organization.objects.count() == 0


@pytest.mark.django_db
def test_a_mapped_sheet_reports_a_bad_number_by_its_column(tmp_path: Path) -> None:
    (tmp_path / "mapping.yaml").write_text(
        "organization: Lakeside Outreach\ncolumns:\n  name: Site\n  phone: Phone number\n"
    )
    (tmp_path / "sites.csv").write_text("Site,Phone number\nVan,=1+2\nDrop-in,312-555-0110\n")

    with pytest.raises(ImportFailed) as failure:
        import_hsds(tmp_path / "sites.csv", mapping=tmp_path / "mapping.yaml")

    [line] = failure.value.problems.lines()
    assert line.startswith("sites.csv:2: Phone number (phone): must be a phone number")
    assert m.Location.objects.count() == 0


@pytest.mark.django_db
def test_an_extension_written_in_the_number_moves_to_its_field(tmp_path: Path) -> None:
    service = one_service(phones=[{"id": "phone-1", "number": "773-555-0101 x 42"}])

    import_hsds(write_json(tmp_path / "services.json", [service]))

    assert (m.Phone.objects.get().number, m.Phone.objects.get().extension) == (
        "+17735550101",
        "42",
    )


@pytest.mark.django_db
def test_short_and_toll_free_numbers_survive_export_and_import(tmp_path: Path) -> None:
    phones = [
        {"id": "p-988", "number": "988"},
        {"id": "p-211", "number": "211"},
        {"id": "p-800", "number": "1-800-662-HELP"},
    ]
    import_hsds(write_json(tmp_path / "in.json", [one_service(phones=phones)]))
    export_hsds(tmp_path / "first.json")
    import_hsds(tmp_path / "first.json")
    export_hsds(tmp_path / "second.json")

    assert (tmp_path / "first.json").read_text() == (tmp_path / "second.json").read_text()
    [service] = json.loads((tmp_path / "second.json").read_text())
    assert sorted(p["number"] for p in service["phones"]) == ["+18006624357", "211", "988"]


def test_the_admin_form_refuses_a_bad_number() -> None:
    form = PhoneForm(data={"number": HOSTILE_NUMBERS[0], "type": "voice"})

    assert not form.is_valid()
    assert form.errors["number"][0].startswith("The number must be a phone number")


def test_the_admin_form_keeps_the_stored_form() -> None:
    form = PhoneForm(data={"number": "(773) 555-0101 ext. 7", "type": "voice"})

    assert form.is_valid(), form.errors
    assert (form.cleaned_data["number"], form.cleaned_data["extension"]) == ("+17735550101", "7")


@pytest.mark.django_db
def test_the_admin_page_shows_the_error_and_saves_nothing() -> None:
    client = Client()
    client.force_login(User.objects.create_superuser("coordinator", password="unused-here"))
    organization = m.Organization.objects.create(name="Harm Reduction Hub")
    data = {
        "name": "Harm Reduction Hub",
        "phones-TOTAL_FORMS": "1",
        "phones-INITIAL_FORMS": "0",
        "phones-0-number": HOSTILE_NUMBERS[0],
        "phones-0-type": "voice",
    }

    response = client.post(f"/admin/directory/organization/{organization.pk}/change/", data)

    assert response.status_code == 200
    assert "The number must be a phone number" in response.content.decode()
    assert m.Phone.objects.count() == 0
