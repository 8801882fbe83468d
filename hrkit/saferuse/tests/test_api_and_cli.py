import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client


def test_api_rates_a_combination(client: Client):
    response = client.get("/api/v1/combinations", {"substances": "Xanax,fent"})
    assert response.status_code == 200
    body = response.json()
    assert body["risk"] == "dangerous"
    assert [s["id"] for s in body["substances"]] == ["alprazolam", "fentanyl"]
    assert body["pairs"][0]["sources"][0]["url"].startswith("https://")
    assert "breathing" in body["reason"]


def test_api_answers_in_spanish_when_asked(client: Client):
    response = client.get("/api/v1/combinations", {"substances": "heroína,alcohol", "lang": "es"})
    assert response.json()["substances"][0]["name"] == "Heroína"
    assert "respiración" in response.json()["reason"]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ({"substances": "xnax,heroin"}, "unknown_substance"),
        ({"substances": "heroin"}, "invalid"),
        ({"substances": ",,,"}, "invalid"),
        ({"substances": ",".join(["heroin"] * 9)}, "invalid"),
        ({}, "invalid"),
    ],
)
def test_api_errors_are_json_and_name_the_field(client: Client, query: dict, code: str):
    response = client.get("/api/v1/combinations", query)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == code
    assert error["fields"][0]["field"] == "substances"


def test_api_lists_substances(client: Client):
    ids = {s["id"] for s in client.get("/api/v1/substances").json()}
    assert {"xylazine", "mdma", "nitazenes"} <= ids


def test_cli_prints_json_with_risk_reason_advice_and_pairs(capsys):
    call_command("combo", "molly", "zoloft", "dxm", "--format", "json")
    report = json.loads(capsys.readouterr().out)
    assert {"risk", "reason", "advice", "pairs"} <= set(report)
    assert report["risk"] == "dangerous"  # MDMA with DXM: serotonin toxicity (TripSit)
    assert len(report["pairs"]) == 3


def test_cli_text_names_the_level(capsys):
    call_command("combo", "ghb", "alcohol")
    assert "DANGEROUS" in capsys.readouterr().out


def test_cli_unknown_substance_fails_with_a_message():
    with pytest.raises(CommandError, match="Did you mean: Xanax"):
        call_command("combo", "xanaks", "heroin")
