"""Public pages set no cookie but the language preference (issue 10).

A CSRF cookie on a public page is a per-browser identifier kept for a year:
against the promise that public features set no tracking cookie.
"""

import re

import pytest
from django.test import Client

from hrkit.core.tests.public_pages import public_paths

pytestmark = pytest.mark.django_db

ALLOWED = {"django_language"}


def test_no_public_page_sets_a_cookie_but_the_language_preference():
    paths = public_paths()
    # The walk must have found the pages it is meant to check.
    assert {"/", "/find/", "/safer-use/training/", "/language/", "/lang/es/"} <= set(paths)
    set_cookies = {}
    for path in paths:
        response = Client().get(path)
        if set(response.cookies) - ALLOWED:
            set_cookies[path] = sorted(response.cookies)
    assert set_cookies == {}


def test_training_quiz_is_answered_without_any_cookie():
    client = Client(enforce_csrf_checks=True)
    page = client.get("/safer-use/training/").content.decode()
    assert "csrfmiddlewaretoken" not in page
    first_choices = {}
    for name, value in re.findall(r'type="radio" name="([^"]+)" value="([^"]+)"', page):
        first_choices.setdefault(name, value)
    assert first_choices, "the quiz page has no questions to answer"
    response = client.post("/safer-use/training/", first_choices)
    assert response.status_code == 200
    assert "Your answers" in response.content.decode()
    assert set(response.cookies) == set()


def test_staff_sign_in_csrf_cookie_ends_with_the_browser_session():
    response = Client().get("/admin/login/")
    cookie = response.cookies["csrftoken"]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
