"""The checker's page and API under hostile requests: every refusal is a
clear message (JSON on the API), answers stay small, and the limits hold
per client without keeping the client's address."""

import copy
import io
import re

import pytest
from django.conf import settings
from django.core.cache import cache

from hrkit.language.tests.hostile import inputs

API = "/api/v1/language/check"


@pytest.fixture
def limits(settings):  # type: ignore[no-untyped-def]
    """The checker's limits, changeable by the test and put back after it."""
    settings.HRKIT = copy.deepcopy(settings.HRKIT)
    return settings.HRKIT["LANGUAGE_LIMITS"]


def upload(client, data: bytes, name: str):  # type: ignore[no-untyped-def]
    sent = io.BytesIO(data)
    sent.name = name
    return client.post("/language/", {"upload": sent})


def test_text_dense_with_findings_lists_a_few_and_counts_the_rest(client):
    text = "addict " * 71_000  # 497 KB, under the size limit
    response = client.post(API, {"text": text}, content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 71_000
    assert len(body["findings"]) == settings.HRKIT["LANGUAGE_LIMITS"]["MAX_FINDINGS"]
    assert body["omitted"] == 71_000 - len(body["findings"])
    # The rule's reasons and sources come once, not once per finding.
    assert [rule["id"] for rule in body["rules"]] == ["addict"]
    assert response.content.count(b"https://") == len(body["rules"][0]["sources"])
    assert len(response.content) < 100_000


def test_page_marks_the_first_findings_and_says_how_many_more(client, limits):
    limits["MAX_FINDINGS"] = 3
    response = client.post("/language/", {"text": "the addict.\n" * 10})
    html = response.content.decode()
    assert "10 places to review" in html
    assert html.count("<mark ") == 3
    assert "The first 3 are marked below; 7 more are not." in html
    # One explanation for the one rule, however often it was found.
    assert html.count('id="why-addict"') == 1
    # The marked text stops at the end of the last marked finding's line.
    [shown] = re.findall(r'<div class="checked">(.*?)</div>', html, re.DOTALL)
    assert shown.count("the ") == 3
    assert shown.endswith(". […]")


def test_too_much_text_is_413_on_the_api(client, limits):
    limits["MAX_CHARS"] = 1000
    response = client.post(API, {"text": "a" * 1001}, content_type="application/json")
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["fields"][0]["field"] == "text"
    assert "more text than the checker takes at once (1,000 characters)" in error["message"]


def test_a_body_over_djangos_limit_is_413_json(client):
    body = '{"text": "' + "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1) + '"}'
    response = client.post(API, body, content_type="application/json")
    assert response.status_code == 413
    assert "larger than" in response.json()["error"]["message"]


def test_too_much_pasted_text_is_a_message_on_the_page(client, limits):
    limits["MAX_CHARS"] = 1000
    html = client.post("/language/", {"text": "a" * 1001}).content.decode()
    assert "more text than the checker takes at once (1,000 characters)" in html
    assert "places to review" not in html


@pytest.mark.parametrize(
    ("make", "name", "says"),
    [
        (lambda: inputs.docx_bomb(100 * inputs.MB), "bomb.docx", "unpacks to more than 30 MB"),
        (lambda: inputs.zip_with_many_parts(2500), "parts.docx", "more than 2,000 parts"),
        (lambda: inputs.pdf_with_pages(400), "pages.pdf", "more than 300 pages"),
        (lambda: inputs.pdf_with_deep_page_tree(200), "deep.pdf", "could not be read"),
        (lambda: inputs.pdf_stream_bomb(100 * inputs.MB), "bomb.pdf", "could not be read"),
        (
            lambda: inputs.repeated_text(600_000).encode(),
            "long.txt",
            "more text than the checker takes at once (500,000 characters)",
        ),
    ],
    ids=["docx-bomb", "docx-many-parts", "pdf-many-pages", "pdf-deep-tree", "pdf-stream-bomb",
         "long-text"],
)  # fmt: skip
def test_a_hostile_upload_is_a_clear_message(client, make, name, says):
    response = upload(client, make(), name)
    assert response.status_code == 200
    html = response.content.decode()
    assert says in html
    assert "places to review" not in html


def test_a_file_slower_to_read_than_the_budget_is_stopped(client, limits):
    limits["READ_SECONDS"] = 0.5
    limits["MAX_CHARS"] = 10_000_000
    # Each page costs over a second to read here, twenty pages in all.
    response = upload(client, inputs.pdf_sharing_one_content_stream(20, 20_000), "slow.pdf")
    assert "Checking this took more than 0.5 seconds, so it was stopped." in (
        response.content.decode()
    )


def test_a_file_that_needs_more_memory_than_the_budget_is_stopped(client, limits):
    limits["READ_MEMORY_BYTES"] = 40 * inputs.MB
    limits["MAX_CHARS"] = 10_000_000
    response = upload(client, inputs.docx_with_long_body(20 * inputs.MB), "long.docx")
    html = response.content.decode()
    assert "Checking this needed more than 40 MB of memory" in html


def test_spanish_refusal(client, limits):
    limits["MAX_CHARS"] = 1000
    client.cookies["django_language"] = "es"
    html = client.post("/language/", {"text": "a" * 1001}).content.decode()
    assert "más texto del que la herramienta revisa de una vez (1\xa0000 caracteres)" in html
    assert html.count('class="error"') == 1


def test_checks_past_the_rate_are_429_on_page_and_api_alike(client, limits):
    limits["RATE"] = "3/m"
    for _ in range(2):
        response = client.post(API, {"text": "fine"}, content_type="application/json")
        assert response.status_code == 200
    assert client.post("/language/", {"text": "fine"}).status_code == 200
    refused = client.post(API, {"text": "fine"}, content_type="application/json")
    assert refused.status_code == 429
    assert "Wait a minute" in refused.json()["error"]["message"]
    assert refused["Retry-After"] == "60"
    # Turned away before its body is read: even a body that is not JSON.
    assert client.post(API, "{not json", content_type="application/json").status_code == 429
    page = client.post("/language/", {"text": "fine"})
    assert page.status_code == 429
    assert "Wait a minute" in page.content.decode()
    # Another client still gets its checks.
    other = client.post(
        API, {"text": "fine"}, content_type="application/json", REMOTE_ADDR="192.0.2.9"
    )
    assert other.status_code == 200


def test_the_rate_counter_keeps_no_address(client):
    client.post(API, {"text": "fine"}, content_type="application/json", REMOTE_ADDR="192.0.2.77")
    stored = cache._cache  # type: ignore[attr-defined]
    [key] = stored
    assert ":rl:" in key
    assert "192.0.2.77" not in key + repr(stored[key])


def test_text_slower_to_check_than_the_budget_is_413_on_the_api(client, limits):
    limits["READ_SECONDS"] = 0.2
    text = inputs.repeated_text(400_000)  # over a second of matching here
    response = client.post(API, {"text": text}, content_type="application/json")
    assert response.status_code == 413
    assert "took more than 0.2 seconds" in response.json()["error"]["message"]


def test_a_check_past_the_worker_s_share_is_told_to_try_again(client, limits):
    # With every slot taken (none here), a check is turned away at once
    # rather than holding a thread the locator's pages need.
    limits["CHECKS_AT_ONCE"] = 0
    response = client.post(API, {"text": "fine"}, content_type="application/json")
    assert response.status_code == 503
    assert "busy" in response.json()["error"]["message"]
    page = client.post("/language/", {"text": "fine"})
    assert page.status_code == 503
    assert "The checker is busy with other texts." in page.content.decode()
