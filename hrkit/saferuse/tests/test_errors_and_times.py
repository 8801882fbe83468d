"""Errors a person can act on, in their language; times in minutes and hours."""

import html
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from hrkit.saferuse.catalogue import catalogue
from hrkit.saferuse.durations import duration_text, onset_text

PAGE = "/safer-use/combinations/"


def _problem(page: str) -> str:
    found = re.search(r'<div class="error" role="alert" id="problem">(.*?)</div>', page, re.S)
    assert found, "no error box on the page"
    return found.group(1)


def test_unknown_name_on_the_page_offers_suggestions_as_links_that_redo_the_check(client: Client):
    response = client.get(PAGE, {"first": "herion", "second": "xanax", "third": "weed"})
    assert response.status_code == 400
    problem = _problem(response.content.decode())
    assert "We don't know “herion”. Did you mean:" in html.unescape(problem)
    links = [html.unescape(href) for href in re.findall(r'href="([^"]+)"', problem)]
    assert links and links[0] == f"{PAGE}?first=Heroin&second=xanax&third=weed"
    again = client.get(links[0])
    assert again.status_code == 200
    assert 'id="result"' in again.content.decode()


def test_unknown_name_page_in_spanish_by_cookie(client: Client):
    client.cookies["django_language"] = "es"
    response = client.get(PAGE, {"first": "blorp", "second": "xanax"})
    problem = _problem(response.content.decode())
    assert "No conocemos «blorp»." in problem and "¿Quiso decir:" in problem
    assert "We don't know" not in response.content.decode()


def test_unknown_name_page_in_spanish_by_accept_language(client: Client):
    response = client.get(PAGE, {"first": "qqqqzzzz", "second": "xanax"}, HTTP_ACCEPT_LANGUAGE="es")
    problem = _problem(response.content.decode())
    assert "No conocemos «qqqqzzzz». Revise cómo se escribe" in problem
    assert "<a " not in problem


def test_one_substance_twice_on_the_page_fits_the_form(client: Client):
    response = client.get(PAGE, {"first": "xanax", "second": "alprazolam"})
    assert response.status_code == 400
    assert "Type at least two different drugs or medicines." in _problem(response.content.decode())
    client.cookies["django_language"] = "es"
    response = client.get(PAGE, {"first": "xanax", "second": "alprazolam"})
    assert "Escriba al menos dos drogas o medicamentos distintos." in response.content.decode()


def test_api_errors_in_spanish_by_accept_language_keep_the_json_shape(client: Client):
    response = client.get(
        "/api/v1/combinations", {"substances": "xnax,heroin"}, HTTP_ACCEPT_LANGUAGE="es"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "unknown_substance"
    assert error["message"] == "No conocemos «xnax». ¿Quiso decir: Xanax?"
    assert error["fields"] == [{"field": "substances", "message": error["message"]}]
    error = client.get(
        "/api/v1/combinations", {"substances": "heroin"}, HTTP_ACCEPT_LANGUAGE="es"
    ).json()["error"]
    assert error["message"] == (
        "Indique al menos dos drogas o medicamentos distintos, separados por comas."
    )


def test_api_names_every_unknown_name_at_once(client: Client):
    error = client.get("/api/v1/combinations", {"substances": "xnax,herion,beer"}).json()["error"]
    assert [f["message"] for f in error["fields"]] == [
        "We don't know “xnax”. Did you mean: Xanax?",
        "We don't know “herion”. Did you mean: Heroin, perico?",
    ]


def test_api_errors_in_spanish_by_lang_parameter(client: Client):
    error = client.get("/api/v1/combinations", {"substances": "xnax,heroin", "lang": "es"})
    assert error.json()["error"]["message"].startswith("No conocemos")


@pytest.mark.parametrize(
    "arguments",
    [["fentanyl,xanax"], ["fentanyl", "xanax"], ["fentanyl, xanax"], ["fentanyl,", "xanax"]],
)
def test_cli_takes_commas_or_spaces(capsys, arguments: list[str]):
    call_command("combo", *arguments, "--format", "json")
    report = json.loads(capsys.readouterr().out)
    assert [s["id"] for s in report["substances"]] == ["fentanyl", "alprazolam"]


def test_cli_keeps_two_word_names(capsys):
    call_command("combo", "tranq", "dope", "special", "k", "--format", "json")
    report = json.loads(capsys.readouterr().out)
    assert [s["id"] for s in report["substances"]] == ["fentanyl", "xylazine", "ketamine"]


def test_cli_errors_fit_the_command_line_and_the_language():
    with pytest.raises(CommandError, match="separated by spaces or commas"):
        call_command("combo", "xanax", "alprazolam")
    with pytest.raises(CommandError, match="No conocemos «blorp»"):
        call_command("combo", "blorp", "heroin", "--language", "es")


@pytest.mark.parametrize(
    ("onset", "duration", "language", "text"),
    [
        ((5, 10), (1, 2), "en", "starts in 5–10 minutes, lasts 1–2 hours"),
        ((10, 30), (0.25, 0.5), "en", "starts in 10–30 minutes, lasts 15–30 minutes"),
        ((0, 1), (0.08, 0.17), "en", "starts within 1 minute, lasts 5–10 minutes"),
        ((0.12, 0.17), (1.5, 3), "en", "starts in 7–10 seconds, lasts 1½–3 hours"),
        ((0, 0.5), (0.75, 1.5), "en", "starts within 30 seconds, lasts 45–90 minutes"),
        ((30, 60), (8, 72), "en", "starts in 30–60 minutes, lasts 8–72 hours"),
        ((20, 40), (48, 96), "en", "starts in 20–40 minutes, lasts 2–4 days"),
        ((45, 45), (1, 1), "en", "starts in 45 minutes, lasts 1 hour"),
        ((5, 10), (1, 2), "es", "empieza en 5–10 minutos, dura 1–2 horas"),
        ((0, 1), (1.5, 3), "es", "empieza en 1 minuto o menos, dura 1½–3 horas"),
        ((0.12, 0.17), (0.02, 0.1), "es", "empieza en 7–10 segundos, dura 1–6 minutos"),
    ],
)
def test_times_read_in_minutes_and_hours(onset, duration, language: str, text: str):  # type: ignore[no-untyped-def]
    said = f"{onset_text(*onset, language=language)}, {duration_text(*duration, language=language)}"
    assert said == text


def test_no_substance_page_shows_a_decimal_time(client: Client):
    for substance in catalogue().substances.values():
        for language in ("en", "es"):
            for timing in substance.timing:
                said = timing.described(language)
                assert not re.search(r"\d[.,]\d", said), (substance.id, said)
    page = client.get("/safer-use/substances/methamphetamine/").content.decode()
    assert "starts in 7–10 seconds, lasts 2–6 hours" in page
    assert " h<" not in page and " min," not in page


def test_fentanyl_timing_has_a_sourced_figure_for_injecting(client: Client):
    fentanyl = catalogue().substances["fentanyl"]
    routes = {t.route: t for t in fentanyl.timing}
    assert routes["injected"].source == "fda-fentanyl-injection-label"
    assert "fda-fentanyl-injection-label" in catalogue().sources
    page = client.get("/safer-use/substances/fentanyl/", HTTP_ACCEPT_LANGUAGE="es")
    assert "inyectada: empieza en 1 minuto o menos, dura 30–60 minutos" in page.content.decode()
