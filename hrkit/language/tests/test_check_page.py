"""The public checker page, without JavaScript, and in a browser."""

import io

import docx
import pytest

from hrkit.core.testing import serious_accessibility_violations


def test_form_page(client):
    response = client.get("/language/")
    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content
    assert len(response.content) < 60_000


def test_pasted_text_is_marked_in_place_with_suggestions(client):
    response = client.post("/language/", {"text": "Help <b>for</b> drug users."})
    html = response.content.decode()
    assert '<mark id="m1">drug users</mark>' in html
    assert "&lt;b&gt;for&lt;/b&gt;" in html  # pasted markup is shown, never run
    assert "people who use drugs" in html
    assert "1 place to review" in html


def test_uploaded_docx_is_checked(client):
    document = docx.Document()
    document.add_paragraph("Our flyer for addicts.")
    data = io.BytesIO()
    document.save(data)
    data.seek(0)
    data.name = "flyer.docx"
    html = client.post("/language/", {"upload": data}).content.decode()
    assert '<mark id="m1">addicts</mark>' in html
    assert "flyer.docx" in html


def test_unreadable_upload_is_a_message_not_an_error(client):
    data = io.BytesIO(b"not a word file")
    data.name = "flyer.docx"
    response = client.post("/language/", {"upload": data})
    assert response.status_code == 200
    assert "could not be read" in response.content.decode()


def test_empty_form_asks_for_text(client):
    response = client.post("/language/", {"text": " "})
    assert "Paste some text or choose a file" in response.content.decode()


def test_spanish_page(client):
    client.cookies["django_language"] = "es"
    response = client.post("/language/", {"text": "drug users"})
    html = response.content.decode()
    assert "Revisar el lenguaje" in html
    assert "nombra a la persona por una conducta" in html


@pytest.mark.browser
def test_browser_checks_text_without_javascript(live_server, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/language/")
    page.fill("textarea", "She tested clean, and the clean needles were stored.")
    page.click("button[type=submit]")
    assert page.locator("mark").all_inner_texts() == ["tested clean"]
    assert page.locator("#f1").inner_text().startswith("Line 1, column 5")
    context.close()


@pytest.mark.browser
def test_result_page_fits_320px_and_is_accessible(live_server, page):
    page.goto(live_server.url + "/language/")
    page.fill("textarea", "Help for drug users.\nAn addict and a heroin habit.")
    page.click("button[type=submit]")
    assert page.locator("mark").count() == 3
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert serious_accessibility_violations(page) == []
