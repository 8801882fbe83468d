"""A favicon, and HTML sent gzip-compressed unless it carries a CSRF token."""

import gzip

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client


@pytest.mark.django_db
def test_pages_link_the_svg_favicon(client: Client):
    page = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/hrkit/favicon.svg" type="image/svg+xml">' in page
    assert finders.find("hrkit/favicon.svg")


def test_favicon_ico_redirects_to_the_svg(client: Client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/hrkit/favicon.svg"


@pytest.mark.django_db
def test_public_page_is_sent_gzip_when_asked(client: Client):
    response = client.get("/find/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"<h1" in gzip.decompress(response.content)


@pytest.mark.django_db
def test_page_without_gzip_in_accept_encoding_is_sent_plain(client: Client):
    response = client.get("/find/")
    assert not response.has_header("Content-Encoding")


@pytest.mark.django_db
def test_page_with_a_csrf_token_is_not_compressed(client: Client):
    # BREACH could read the token from a compressed page; see hrkit.core.compression.
    response = client.get("/admin/login/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert not response.has_header("Content-Encoding")


def test_api_json_is_left_uncompressed(client: Client):
    response = client.get("/api/v1/substances", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")


def test_collected_css_is_served_gzip(settings, tmp_path):
    # `hrkit serve` collects static files before it starts, and the storage
    # writes a .gz beside each; WhiteNoise reads STATIC_ROOT as the app starts.
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "hrkit" / "site.css.gz").exists()
    response = Client().get("/static/hrkit/site.css", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    body = gzip.decompress(b"".join(response.streaming_content))
    assert body.startswith(b"*{box-sizing:border-box}")
