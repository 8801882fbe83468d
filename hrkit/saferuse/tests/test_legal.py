from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml
from django.test import Client
from django.utils import translation
from django.utils.formats import date_format

from hrkit.core.testing import serious_accessibility_violations
from hrkit.saferuse import views
from hrkit.saferuse.catalogue import DATA_DIR, DataError
from hrkit.saferuse.legal import Law, LegalTable, NoLaw, legal_table, load_legal_table

# The 50 states and the District of Columbia.
JURISDICTIONS = {
    "AK", "AL", "AR", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "HI", "IA", "ID", "IL", "IN",
    "KS", "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MS", "MT", "NC", "ND", "NE", "NH", "NJ",
    "NM", "NV", "NY", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VA", "VT", "WA",
    "WI", "WV", "WY",
}  # fmt: skip


def document() -> dict:
    return yaml.safe_load((DATA_DIR / "states.yaml").read_text(encoding="utf-8"))


def write(tmp_path: Path, doc: dict) -> Path:
    path = tmp_path / "states.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def row(doc: dict, code: str) -> dict:
    return next(r for r in doc["states"] if r["code"] == code)


def use_table(monkeypatch: pytest.MonkeyPatch, table: LegalTable) -> None:
    monkeypatch.setattr(views, "legal_table", lambda: table)


def test_every_state_and_dc_is_listed_exactly_once():
    codes = Counter(r["code"] for r in document()["states"])
    assert set(codes) == JURISDICTIONS
    assert max(codes.values()) == 1
    assert set(legal_table().states) == JURISDICTIONS


def test_every_law_links_its_statute_and_names_the_pages_it_was_checked_against():
    for state in legal_table().states.values():
        assert date(2024, 1, 1) <= state.checked <= date.today(), state.code
        for _, law in state.laws:
            assert law.seen_in, state.code
            assert all(page.url.startswith(("https://", "http://")) for page in law.seen_in)
            if isinstance(law, Law):
                assert law.url.startswith("https://"), state.code
                assert len(law.statute) >= 3
                assert law.summary.en != law.summary.es, f"{state.code} is not translated"


def test_kansas_and_wyoming_are_shown_with_the_laws_they_passed():
    # Both were long the last states without an overdose Good Samaritan law;
    # Kansas passed one in 2024 and Wyoming in 2025.
    states = legal_table().states
    assert isinstance(states["KS"].good_samaritan, Law)
    assert "22-2312" in states["KS"].good_samaritan.statute
    assert isinstance(states["WY"].good_samaritan, Law)
    assert "35-7-1064" in states["WY"].good_samaritan.statute


def test_a_row_without_a_checked_date_is_rejected(tmp_path: Path):
    doc = document()
    del doc["states"][0]["checked"]
    with pytest.raises(DataError, match="checked"):
        load_legal_table(write(tmp_path, doc))


def test_a_law_without_the_pages_it_was_checked_against_is_rejected(tmp_path: Path):
    doc = document()
    del row(doc, "NY")["naloxone"]["seen_in"]
    with pytest.raises(DataError, match="states.yaml: states/"):
        load_legal_table(write(tmp_path, doc))


def test_a_statute_link_must_be_https(tmp_path: Path):
    doc = document()
    row(doc, "WA")["good_samaritan"]["url"] = (
        "http://app.leg.wa.gov/RCW/default.aspx?cite=69.50.315"
    )
    with pytest.raises(DataError, match="states.yaml: states/"):
        load_legal_table(write(tmp_path, doc))


def test_a_state_missing_a_kind_of_law_is_rejected_rather_than_hidden(tmp_path: Path):
    doc = document()
    del row(doc, "VT")["naloxone"]
    with pytest.raises(DataError, match="naloxone"):
        load_legal_table(write(tmp_path, doc))


def test_a_state_listed_twice_or_an_unknown_code_is_rejected(tmp_path: Path):
    doc = document()
    doc["states"].append(dict(row(doc, "CA")))
    with pytest.raises(DataError, match="CA is listed twice"):
        load_legal_table(write(tmp_path, doc))
    doc = document()
    row(doc, "CA")["code"] = "ZZ"
    with pytest.raises(DataError, match="code"):
        load_legal_table(write(tmp_path, doc))


def no_law_table(tmp_path: Path) -> LegalTable:
    doc = document()
    row(doc, "WY")["good_samaritan"] = {
        "none": True,
        "seen_in": ["https://example.org/wyoming-search"],
        "en": "A bill was debated but not passed.",
        "es": "Se debatió un proyecto, pero no se aprobó.",
    }
    return load_legal_table(write(tmp_path, doc))


def test_a_no_law_row_loads_as_no_law_with_its_source(tmp_path: Path):
    table = no_law_table(tmp_path)
    wyoming = table.states["WY"]
    assert isinstance(wyoming.good_samaritan, NoLaw)
    assert wyoming.good_samaritan.seen_in[0].host == "example.org"
    assert isinstance(wyoming.naloxone, Law)


def test_a_no_law_row_says_so_with_its_date_and_is_never_hidden(
    tmp_path: Path, client: Client, monkeypatch: pytest.MonkeyPatch
):
    table = no_law_table(tmp_path)
    use_table(monkeypatch, table)
    with translation.override("en"):
        when = date_format(table.states["WY"].checked, "DATE_FORMAT")
    expected = f"No law of this kind found as of {when}."

    page = client.get("/safer-use/legal/", {"state": "WY"}).content.decode()
    assert expected in page
    assert "A bill was debated but not passed." in page
    assert 'href="https://example.org/wyoming-search"' in page
    assert "W.S. § 35-7-1064" not in page

    overview = client.get("/safer-use/legal/").content.decode()
    assert 'href="?state=WY#laws">Wyoming</a>' in overview
    assert expected in overview


def test_a_no_law_row_in_spanish(tmp_path: Path, client: Client, monkeypatch: pytest.MonkeyPatch):
    table = no_law_table(tmp_path)
    use_table(monkeypatch, table)
    client.cookies["django_language"] = "es"
    with translation.override("es"):
        when = date_format(table.states["WY"].checked, "DATE_FORMAT")
    page = client.get("/safer-use/legal/", {"state": "WY"}).content.decode()
    assert f"No se encontró ninguna ley de este tipo al {when}." in page
    assert "Se debatió un proyecto, pero no se aprobó." in page


def test_page_shows_one_state_when_chosen(client: Client):
    page = client.get("/safer-use/legal/", {"state": "ny"}).content.decode()
    assert "Penal Law § 220.78" in page
    assert "RCW 69.50.315" not in page
    assert 'href="https://www.nysenate.gov/legislation/laws/PEN/220.78/"' in page
    assert "Checked against:" in page


def test_spanish_page_shows_spanish_text(client: Client):
    new_york = legal_table().states["NY"]
    client.cookies["django_language"] = "es"
    page = client.get("/safer-use/legal/", {"state": "NY"}).content.decode()
    assert "Ley del Buen Samaritano para sobredosis" in page
    assert "Acceso a la naloxona" in page
    assert new_york.good_samaritan.summary.es in page
    assert new_york.good_samaritan.summary.en not in page
    # The catalogue once repeated some translations several times over.
    assert page.count("Esta es información general, no asesoría legal.") == 1
    assert "Comparado con:" in page


def test_overview_lists_every_jurisdiction_with_a_link_and_stays_small(client: Client):
    response = client.get("/safer-use/legal/")
    page = response.content.decode()
    for code in JURISDICTIONS:
        assert f'href="?state={code}#laws"' in page
    assert page.count('<li class="result">') == len(JURISDICTIONS)
    assert len(response.content) < 60_000


def test_states_are_listed_in_name_order_in_each_language(client: Client):
    page = client.get("/safer-use/legal/").content.decode()
    assert page.index(">Alabama</a>") < page.index(">Alaska</a>") < page.index(">Arizona</a>")
    client.cookies["django_language"] = "es"
    page = client.get("/safer-use/legal/").content.decode()
    # "Míchigan" sorts as "michigan", between Massachusetts and Minnesota.
    assert (
        page.index(">Massachusetts</a>")
        < page.index(">Míchigan</a>")
        < page.index(">Minnesota</a>")
    )
    assert page.index(">Carolina del Norte</a>") < page.index(">Colorado</a>")


def test_a_citation_not_confirmed_is_flagged_on_the_page(client: Client):
    unconfirmed = [
        code
        for code, state in legal_table().states.items()
        for _, law in state.laws
        if isinstance(law, Law) and not law.citation_confirmed
    ]
    assert unconfirmed
    page = client.get("/safer-use/legal/", {"state": unconfirmed[0]}).content.decode()
    assert "did not appear in any page we read" in page
    confirmed = client.get("/safer-use/legal/", {"state": "WA"}).content.decode()
    assert "did not appear in any page we read" not in confirmed


def test_an_unknown_state_code_is_a_404_that_points_back_to_the_list(client: Client):
    response = client.get("/safer-use/legal/", {"state": "ZZ"})
    assert response.status_code == 404
    assert "There is no US state with that code here." in response.content.decode()


@pytest.mark.browser
@pytest.mark.django_db
@pytest.mark.parametrize("query", ["?state=TX", "?state=AL", "?state=WY"])
def test_a_state_page_is_accessible_and_fits_320px(
    live_server, page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, query: str
):
    use_table(monkeypatch, no_law_table(tmp_path))
    page.goto(f"{live_server.url}/safer-use/legal/{query}")
    assert serious_accessibility_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_pages_from_one_host_name_it_once(client: Client):
    state = next(
        s
        for s in legal_table().states.values()
        if len({p.host for p in s.good_samaritan.seen_in}) < len(s.good_samaritan.seen_in)
    )
    page = client.get("/safer-use/legal/", {"state": state.code}).content.decode()
    checked = page.split("Checked against:")[1].split("</p>")[0]
    hosts = [host for host, _pages in state.good_samaritan.checked_against]
    for host in hosts:
        assert checked.count(f">{host}<") + checked.count(f"{host} (") == 1
    assert "check with a local harm reduction program or a lawyer" in page
