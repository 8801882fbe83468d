"""The one-line summary of the filters a search applied, each link removing one."""

import re
from datetime import time
from html import unescape

import pytest

from hrkit.directory.tests.factories import make_place, make_terms

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    make_terms()
    every_day = [("MO,TU,WE,TH,FR,SA,SU", time(0), time(0))]
    make_place("Both", 40.751, -73.99, ["naloxone", "syringe-services", "free"], hours=every_day)


def applied_links(html: str) -> list[tuple[str, str]]:
    start = html.index('<ul class="tags applied"')
    block = html[start : html.index("</ul>", start)]
    return [
        (unescape(href), label)
        for href, label in re.findall(r'<a href="\?([^"]*)">([^<]*)<', block)
    ]


def test_each_applied_filter_is_named_with_a_link_without_it(client, places):
    html = client.get(
        "/find/",
        {
            "zip": "10001",
            "service": "naloxone,syringe-services",
            "attribute": "free",
            "language": "es",
            "open_now": "true",
            "page": "2",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    links = dict((label, href) for href, label in applied_links(html))
    assert list(links) == ["Naloxone", "Syringe services", "Free", "Spanish", "Open now"]
    assert links["Naloxone"] == (
        "zip=10001&service=syringe-services&attribute=free&language=es&open_now=true"
    )
    # Only the removed filter's parameter changes; the others stay as they were sent.
    assert links["Free"] == (
        "zip=10001&service=naloxone%2Csyringe-services&language=es&open_now=true"
    )
    assert links["Open now"] == (
        "zip=10001&service=naloxone%2Csyringe-services&attribute=free&language=es"
    )


def test_no_summary_without_filters_or_without_a_search(client, places):
    assert "tags applied" not in client.get("/find/", {"zip": "10001"}).content.decode()
    assert "tags applied" not in client.get("/find/", {"service": "naloxone"}).content.decode()


def test_the_summary_in_spanish(client, places):
    client.cookies["django_language"] = "es"
    html = client.get("/find/", {"zip": "10001", "open_now": "true"}).content.decode()
    assert applied_links(html) == [("zip=10001", "Abierto ahora")]
    assert "Filtros aplicados" in html
