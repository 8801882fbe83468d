"""The 404, 500 and CSRF-failure pages are hrkit pages, in both languages."""

import pytest
from django.test import Client


def _client(language: str, **options: bool) -> Client:
    client = Client(**options)
    client.cookies["django_language"] = language
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "emergency"),
    [
        ("en", "Page not found", "In an overdose emergency call 911."),
        ("es", "Página no encontrada", "En una emergencia por sobredosis, llame al 911."),
    ],
)
def test_missing_page_is_an_hrkit_page_in_the_chosen_language(
    language: str, heading: str, emergency: str
):
    response = _client(language).get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert f'<html lang="{language}">' in page
    assert emergency in page
    assert 'href="/find/"' in page and 'class="brand"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "emergency"),
    [
        ("en", "Form expired", "In an overdose emergency call 911."),
        ("es", "El formulario caducó", "En una emergencia por sobredosis, llame al 911."),
    ],
)
def test_refused_form_without_csrf_cookie_is_an_hrkit_page(
    language: str, heading: str, emergency: str
):
    client = _client(language, enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "someone", "password": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert emergency in page
    # Django's reason ("CSRF cookie not set") is for the logs, not the page.
    assert "CSRF cookie" not in page


@pytest.mark.urls("hrkit.core.tests.raising_urls")
@pytest.mark.parametrize(
    ("language", "heading", "emergency"),
    [
        ("en", "Something went wrong", "In an overdose emergency call 911."),
        ("es", "Algo salió mal", "En una emergencia por sobredosis, llame al 911."),
    ],
)
def test_server_error_page_is_an_hrkit_page_that_reads_no_database(
    language: str, heading: str, emergency: str, settings
):
    # No django_db mark: the page must render with the database out of reach.
    settings.DEBUG = False
    client = _client(language)
    client.raise_request_exception = False
    response = client.get("/fails/")
    assert response.status_code == 500
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert f'<html lang="{language}">' in page
    assert emergency in page
    assert 'href="/find/"' in page and ">hrkit</a>" in page
