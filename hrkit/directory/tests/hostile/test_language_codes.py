"""Language codes are BCP 47 tags wherever they come in; markup or a name is refused."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from hrkit.directory import models as m
from hrkit.directory.exchange.problems import ImportFailed
from hrkit.directory.exchange.services import import_hsds
from hrkit.directory.forms import LanguageForm, TaxonomyTermForm
from hrkit.directory.language_codes import language_code_problem
from hrkit.directory.tests.hostile.builders import one_service, write_json

BAD_CODES = [
    "<script>",
    "es<",
    "Spanish",
    "e",
    "english",
    "en_US",
    "en-",
    "es-MX-toolongsubtag",
    " ",
]


@pytest.mark.parametrize("code", ["es", "en", "en-US", "zh-Hant", "sr-Latn-RS", "ase", "ES"])
def test_language_tags_are_accepted(code: str) -> None:
    assert language_code_problem(code) is None


@pytest.mark.parametrize("code", BAD_CODES)
def test_text_that_is_not_a_language_tag_is_refused(code: str) -> None:
    assert language_code_problem(code) is not None


@pytest.mark.django_db
@pytest.mark.parametrize("where", ["service", "location", "phone"])
def test_a_json_import_reports_a_bad_code_and_writes_nothing(tmp_path: Path, where: str) -> None:
    service = one_service()
    bad = [{"id": "lang-x", "code": "<script>"}]
    if where == "service":
        service["languages"] = bad
    elif where == "location":
        service["service_at_locations"][0]["location"]["languages"] = bad
    else:
        service["phones"][0]["languages"] = bad

    with pytest.raises(ImportFailed) as failure:
        import_hsds(write_json(tmp_path / "services.json", [service]))

    [line] = failure.value.problems.lines()
    assert "languages[0]: code: must be a language code such as es" in line
    assert m.Language.objects.count() == 0
    assert m.Service.objects.count() == 0


@pytest.mark.django_db
def test_a_datapackage_import_reports_a_bad_code(tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "organizations.csv").write_text("id,name\norg-1,Harm Reduction Hub\n")
    (folder / "services.csv").write_text("id,organization_id,name\nsvc-1,org-1,Naloxone\n")
    (folder / "languages.csv").write_text("id,service_id,code\nl-1,svc-1,<script>\n")

    with pytest.raises(ImportFailed) as failure:
        import_hsds(folder)

    [line] = failure.value.problems.lines()
    assert line.startswith("languages.csv:2: code: must be a language code")
    assert m.Service.objects.count() == 0


@pytest.mark.django_db
def test_a_mapped_sheet_reports_a_bad_code_by_its_column(tmp_path: Path) -> None:
    (tmp_path / "mapping.yaml").write_text(
        "organization: Lakeside Outreach\ncolumns:\n  name: Site\n  languages: Spoken\n"
    )
    (tmp_path / "sites.csv").write_text('Site,Spoken\nVan,"en,<b>"\n')

    with pytest.raises(ImportFailed) as failure:
        import_hsds(tmp_path / "sites.csv", mapping=tmp_path / "mapping.yaml")

    [line] = failure.value.problems.lines()
    assert line.startswith("sites.csv:2: Spoken (languages): must be a language code")
    assert m.Location.objects.count() == 0


@pytest.mark.django_db
def test_term_translations_need_language_codes_in_imports(tmp_path: Path) -> None:
    term = {
        "id": "t-1",
        "code": "naloxone",
        "name": "Naloxone",
        "taxonomy": "hrkit-service-type",
        "hrkit_translations": {"<script>": "Naloxona"},
    }
    service = one_service(attributes=[{"id": "a-1", "taxonomy_term": term}])

    with pytest.raises(ImportFailed) as failure:
        import_hsds(write_json(tmp_path / "services.json", [service]))

    assert any(
        "hrkit_translations: '<script>': must be a language code" in line
        for line in failure.value.problems.lines()
    )
    assert m.TaxonomyTerm.objects.count() == 0


@pytest.mark.django_db
def test_the_admin_forms_refuse_a_bad_code() -> None:
    form = LanguageForm(data={"code": "<script>", "name": "Spanish"})
    assert not form.is_valid()
    assert form.errors["code"][0].startswith("The code must be a language code")
    term = TaxonomyTermForm(
        data={
            "code": "naloxone",
            "name": "Naloxone",
            "taxonomy": "hrkit-service-type",
            "translations": '{"<script>": "Naloxona"}',
            "sort_order": "0",
        }
    )
    assert not term.is_valid()
    assert "must be a language code" in term.errors["translations"][0]


@pytest.mark.django_db
def test_the_admin_page_shows_the_error_and_saves_nothing() -> None:
    client = Client()
    client.force_login(User.objects.create_superuser("coordinator", password="unused-here"))
    location = m.Location.objects.create(name="Cedar Street site")
    data = {
        "name": "Cedar Street site",
        "location_type": "physical",
        **{
            f"{prefix}-TOTAL_FORMS": "0"
            for prefix in ("addresses", "phones", "schedules", "accessibility")
        },
        **{
            f"{prefix}-INITIAL_FORMS": "0"
            for prefix in ("addresses", "phones", "schedules", "accessibility", "languages")
        },
        "languages-TOTAL_FORMS": "1",
        "languages-0-code": "<script>",
    }

    response = client.post(f"/admin/directory/location/{location.pk}/change/", data)

    assert response.status_code == 200
    assert "The code must be a language code" in response.content.decode()
    assert m.Language.objects.count() == 0
