"""The coalition self-assessment built from source document 001."""

import pytest

from hrkit.core.testing import serious_accessibility_violations
from hrkit.language import assessment

URL = "/language/coalition-assessment/"


def test_the_five_strategies_of_the_source_document():
    titles = [s.title for s in assessment.strategies("en")]
    assert titles == [
        "A seat at the table",
        "Community-based naloxone",
        "A broader look at opioids",
        "Support, not criminalization",
        "A look at your materials",
    ]
    assert [s.title for s in assessment.strategies("es")][0] == "Un lugar en la mesa"


def test_summary_suggests_only_where_work_is_needed():
    summary = dict(
        (s.id, answered)
        for s, answered in assessment.summarize(
            {"seat-at-the-table.roles": "yes", "seat-at-the-table.lived-experience": "no",
             "materials.person-first": "bogus"}, "en"
        )
    )  # fmt: skip
    roles, lived = summary["seat-at-the-table"]
    assert (roles.answer, roles.needs_work) == ("yes", False)
    assert (lived.answer, lived.needs_work) == ("no", True)
    assert summary["materials"][0].answer == "unsure"


def test_questionnaire_page(client):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('type="radio"') == 4 * 10
    assert 'href="/language/"' in html
    assert len(response.content) < 60_000


def test_summary_page_links_the_materials_question_to_the_checker(client):
    html = client.get(URL, {"done": "1", "materials.person-first": "no"}).content.decode()
    assert "Run your materials through the language checker" in html
    assert '<a href="/language/">Open the language checker</a>' in html


def test_summary_in_spanish(client):
    client.cookies["django_language"] = "es"
    html = client.get(URL, {"done": "1"}).content.decode()
    assert "Un lugar en la mesa" in html
    assert "Sugerencia:" in html


@pytest.mark.browser
def test_assessment_in_a_browser_fits_and_is_accessible(live_server, page):
    page.goto(live_server.url + URL)
    page.check("input[name='materials.person-first'][value='no']")
    page.click("button[type=submit]")
    assert page.locator("a", has_text="Open the language checker").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert serious_accessibility_violations(page) == []
