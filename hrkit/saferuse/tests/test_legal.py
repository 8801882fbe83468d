from pathlib import Path

import pytest
import yaml
from django.test import Client

from hrkit.saferuse.catalogue import DATA_DIR, DataError
from hrkit.saferuse.legal import legal_table, load_legal_table


def test_every_row_cites_a_statute_url_and_a_checked_date():
    table = legal_table()
    assert {"CA", "NY", "WA"} <= set(table.states)
    for state in table.states.values():
        assert state.good_samaritan.url.startswith("https://")
        assert state.checked.year >= 2024


def test_a_row_without_a_checked_date_is_rejected(tmp_path: Path):
    document = yaml.safe_load((DATA_DIR / "states.yaml").read_text())
    del document["states"][0]["checked"]
    path = tmp_path / "states.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True))
    with pytest.raises(DataError, match="checked"):
        load_legal_table(path)


def test_page_shows_one_state_when_chosen(client: Client):
    page = client.get("/safer-use/legal/", {"state": "ny"}).content.decode()
    assert "Penal Law § 220.78" in page
    assert "RCW 69.50.315" not in page


def test_a_state_not_entered_is_never_shown_as_having_no_law(client: Client):
    response = client.get("/safer-use/legal/", {"state": "ZZ"})
    assert response.status_code == 404
    assert "does not mean it has no law" in response.content.decode()
