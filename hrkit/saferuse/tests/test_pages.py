import pytest
from django.test import Client

PUBLIC_PAGES = [
    "/safer-use/",
    "/safer-use/combinations/",
    "/safer-use/combinations/?first=xanax&second=fent&third=molly&fourth=weed",
    "/safer-use/substances/",
    "/safer-use/substances/xylazine/",
    "/safer-use/guides/recognize-overdose/",
    "/safer-use/guides/respond-opioid/",
    "/safer-use/guides/respond-xylazine/",
    "/safer-use/guides/respond-stimulant/",
    "/safer-use/guides/tolerance/",
    "/safer-use/guides/release/",
    "/safer-use/guides/pregnancy/",
    "/safer-use/guides/youth/",
    "/safer-use/guides/nightlife/",
    "/safer-use/legal/",
    "/safer-use/legal/?state=WA",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_are_small_and_set_no_cookie(client: Client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    assert len(response.content) < 60_000
    assert not response.cookies
    # The only script registers the offline cache; the page works without it.
    assert response.content.count(b"<script") == 1


def test_checker_form_shows_result_without_javascript(client: Client):
    response = client.get("/safer-use/combinations/", {"first": "heroin", "second": "xanax"})
    page = response.content.decode()
    assert "Dangerous" in page and 'list="substance-names"' in page
    assert '<option value="Xanax">' in page


def test_checker_unknown_name_is_a_400_with_suggestions(client: Client):
    response = client.get("/safer-use/combinations/", {"first": "herion", "second": "xanax"})
    assert response.status_code == 400
    assert "Heroin" in response.content.decode()


def test_checker_page_in_spanish(client: Client):
    client.cookies["django_language"] = "es"
    response = client.get("/safer-use/combinations/", {"first": "heroína", "second": "alcohol"})
    page = response.content.decode()
    assert "respiración" in page
    assert "Peligroso" in page


def test_guide_page_shows_sourced_steps_and_comparison(client: Client):
    page = client.get("/safer-use/guides/recognize-overdose/").content.decode()
    assert "<table>" in page and "Tiny pupils" in page
    assert "https://store.samhsa.gov/" in page


def test_unknown_guide_and_substance_are_404(client: Client):
    assert client.get("/safer-use/guides/nope/").status_code == 404
    assert client.get("/safer-use/substances/nope/").status_code == 404


def test_service_worker_is_served_under_safer_use_and_precaches_every_guide(client: Client):
    response = client.get("/safer-use/sw.js")
    assert response["Content-Type"].startswith("application/javascript")
    script = response.content.decode()
    for guide_id in ("respond-opioid", "recognize-overdose", "tolerance", "nightlife"):
        assert f"/safer-use/guides/{guide_id}/" in script
    assert "url.search" in script


def test_training_page_is_small_and_lists_every_question(client: Client):
    response = client.get("/safer-use/training/")
    assert len(response.content) < 60_000
    assert response.content.decode().count("<fieldset>") >= 8


def test_training_page_in_spanish(client: Client):
    client.cookies["django_language"] = "es"
    page = client.get("/safer-use/training/").content.decode()
    assert "Capacitación para responder a sobredosis" in page
    assert "¿Qué signos indican más una sobredosis de opioides?" in page


def test_substance_page_in_spanish_names_routes_in_spanish(client: Client):
    client.cookies["django_language"] = "es"
    page = client.get("/safer-use/substances/cannabis/").content.decode()
    assert "fumada" in page and "Riesgos principales" in page


def test_emergency_lines_use_the_programs_emergency_number(client, settings):
    settings.HRKIT = {**settings.HRKIT, "EMERGENCY_NUMBER": "112"}
    assert "Call 112, give naloxone" in client.get("/safer-use/").content.decode()
    combination = client.get("/safer-use/combinations/", {"first": "heroin", "second": "alcohol"})
    assert "In an emergency call 112." in combination.content.decode()
