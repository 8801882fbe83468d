"""POST /api/v1/language/check and GET /api/v1/language/rules."""

import pytest

URL = "/api/v1/language/check"


def post(client, body):
    return client.post(URL, body, content_type="application/json")


def test_findings_with_offsets_positions_and_fix(client):
    response = post(client, {"text": "Hello.\nHelp for drug users."})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    [finding] = body["findings"]
    assert (finding["line"], finding["column"], finding["start"], finding["end"]) == (2, 10, 16, 26)
    assert finding["text"] == "drug users"
    assert finding["fix"] == "people who use drugs"
    [rule] = body["rules"]
    assert rule["id"] == finding["rule"]
    assert rule["sources"][0]["url"].startswith("https://")


def test_clean_text_has_no_findings(client):
    assert post(client, {"text": "Clean syringes for people who use drugs."}).json() == {
        "count": 0,
        "omitted": 0,
        "findings": [],
        "rules": [],
    }


def test_disable_and_allow(client):
    body = {
        "text": "After a relapse, the Metro Substance Abuse Board helped.",
        "disable": ["relapse"],
        "allow": ["Metro Substance Abuse Board"],
    }
    assert post(client, body).json()["count"] == 0


def test_why_in_spanish(client):
    rule = post(client, {"text": "drug users", "lang": "es"}).json()["rules"][0]
    assert rule["why"].startswith('"Usuario"')


@pytest.mark.parametrize(
    ("body", "field", "says"),
    [
        ({"text": "   "}, "text", "must contain some text"),
        ({}, "text", "Field required"),
        ({"text": 5}, "text", "string"),
        ({"text": "x", "disable": ["nope"]}, "disable", "rules are: addict"),
        ({"text": "x", "allow": ["a"]}, "allow", "two characters"),
        ({"text": "x", "lang": "fr"}, "lang", "'en' or 'es'"),
    ],
)
def test_bad_input_is_400_naming_the_field(client, body, field, says):
    response = post(client, body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["fields"][0]["field"] == field
    assert says in error["fields"][0]["message"]


def test_body_that_is_not_json_is_400(client):
    response = client.post(URL, "text=drug", content_type="application/json")
    assert response.status_code == 400
    assert "error" in response.json()


def test_rules_list(client):
    rules = client.get("/api/v1/language/rules?lang=es").json()
    addict = next(r for r in rules if r["id"] == "addict")
    assert addict["kind"] == "label"
    assert addict["why"].startswith("Nombrar")
    assert client.get("/api/v1/language/rules?lang=xx").status_code == 400
