"""The data folder, the secret key and the SQLite files are private from the start.

Each check runs hrkit in a fresh process on a data folder that does not exist
yet, with the usual umask (022) under which files are made world-readable.
DATABASE_URL is unset there, so SQLite is used even when the suite runs on
PostgreSQL.
"""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

# Run in the child: settings create the folder, the key and the database file;
# a write then brings SQLite's -wal and -shm files, seen while still open.
CHILD = """
import json, os, stat, sys
os.umask(0o022)
import django
django.setup()
from django.conf import settings
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE probe (x integer)")
    cursor.execute("INSERT INTO probe VALUES (1)")
    data = settings.DATA_DIR
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in data.iterdir() if p.is_file()}
    modes["."] = stat.S_IMODE(data.stat().st_mode)
print(json.dumps(modes))
"""


def start_hrkit_on(data_dir: Path) -> dict[str, int]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    env.update(HRKIT_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="hrkit.settings")
    done = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_new_data_folder_key_and_database_are_readable_by_their_owner_only(tmp_path):
    modes = start_hrkit_on(tmp_path / "new" / "data")
    assert modes == {
        ".": 0o700,
        "secret_key": 0o600,
        "hrkit.sqlite3": 0o600,
        "hrkit.sqlite3-wal": 0o600,
        "hrkit.sqlite3-shm": 0o600,
    }


def test_an_existing_key_is_kept_and_an_existing_folder_keeps_its_mode(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o750)
    data.chmod(0o750)
    (data / "secret_key").write_text("kept-from-before")
    start_hrkit_on(data)
    assert (data / "secret_key").read_text() == "kept-from-before"
    assert stat.S_IMODE(data.stat().st_mode) == 0o750
