"""The program's own name, logo text, contact line and emergency number."""

import pytest
from django.contrib import admin
from django.test import Client

from hrkit.core.apps import name_admin_site


@pytest.fixture
def program_settings(settings):
    settings.HRKIT = {
        **settings.HRKIT,
        "PROGRAM_NAME": "Eastside Harm Reduction",
        "LOGO_TEXT": "Eastside HR",
        "CONTACT": "(202) 555-0142",
        "EMERGENCY_NUMBER": "112",
    }
    return settings


@pytest.mark.django_db
def test_pages_show_the_program_name_contact_and_emergency_number(client: Client, program_settings):
    page = client.get("/").content.decode()
    assert '<a class="brand" href="/">Eastside HR</a>' in page
    assert "· Eastside Harm Reduction</title>" in page
    assert "Contact Eastside Harm Reduction: (202) 555-0142" in page
    assert "In an overdose emergency call 112." in page
    assert "911" not in page


@pytest.mark.django_db
def test_spanish_footer_uses_the_emergency_number_setting(client: Client, program_settings):
    client.cookies["django_language"] = "es"
    page = client.get("/").content.decode()
    assert "En una emergencia por sobredosis, llame al 112." in page
    assert "Contacto de Eastside Harm Reduction: (202) 555-0142" in page


@pytest.mark.django_db
def test_defaults_name_hrkit_and_911_without_a_contact_line(client: Client):
    page = client.get("/").content.decode()
    assert '<a class="brand" href="/">hrkit</a>' in page
    assert "In an overdose emergency call 911." in page
    assert "Contact " not in page


def test_admin_carries_the_program_name(program_settings):
    original = (admin.site.site_header, admin.site.site_title, admin.site.index_title)
    try:
        name_admin_site()
        assert admin.site.site_header == "Eastside Harm Reduction"
        assert admin.site.site_title == "Eastside Harm Reduction"
        assert str(admin.site.index_title) == "Staff pages"
    finally:
        admin.site.site_header, admin.site.site_title, admin.site.index_title = original


@pytest.mark.django_db
def test_admin_sign_in_page_no_longer_says_django_administration(client: Client):
    page = client.get("/admin/login/").content.decode()
    assert "Django administration" not in page
    assert "hrkit" in page
