"""import-hsds and export-hsds on a data folder that does not exist yet.

`hrkit import-hsds` into a new data folder stopped with "no such table:
directory_taxonomyterm": each command now creates or migrates its database
first. DATABASE_URL is unset in the child, so SQLite in the new folder is
used even when the suite runs on PostgreSQL.
"""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from hrkit.directory.tests.test_exchange_errors import small_package

PROJECT = Path(__file__).resolve().parents[3]


def hrkit(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env["HRKIT_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "hrkit.cli", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_import_into_a_new_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = hrkit(data, "import-hsds", str(small_package(tmp_path / "pkg")))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Imported (datapackage):")
    assert "organization 1" in done.stdout and "location 3" in done.stdout
    with sqlite3.connect(data / "hrkit.sqlite3") as database:
        assert database.execute("SELECT count(*) FROM directory_location").fetchone() == (3,)


def test_export_from_a_new_data_folder(tmp_path: Path) -> None:
    done = hrkit(tmp_path / "data", "export-hsds", str(tmp_path / "out.json"))
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Exported to {tmp_path / 'out.json'}: service 0\n"
    assert json.loads((tmp_path / "out.json").read_text()) == []
