"""Commands on a new data folder: each creates (or migrates) the database it needs.

Each test runs `hrkit` in a fresh process on a data folder that does not
exist yet, with DATABASE_URL unset, so SQLite in that folder is used even
when the suite runs on PostgreSQL. `hrkit init` and `hrkit serve` are here
too: the first step of a real directory, and the server's start-up.
"""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[3]
HOST = "127.0.0.1"


def fresh_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key != "DATABASE_URL" and not key.startswith("DJANGO_SUPERUSER_")
    }
    env.update(HRKIT_DATA_DIR=str(data_dir), **extra)
    return env


def hrkit(
    data_dir: Path, *args: str, stdin: str | None = None, **extra: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hrkit.cli", *args],
        cwd=PROJECT,
        env=fresh_env(data_dir, **extra),
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def query(data_dir: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(data_dir / "hrkit.sqlite3") as database:
        return database.execute(sql).fetchall()


def test_demo_remove_on_a_new_folder_creates_the_database(tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = hrkit(data, "demo", "--remove")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Demo directory: none found.\n"
    assert query(data, "SELECT count(*) FROM directory_organization") == [(0,)]


def test_axes_reset_client_on_a_new_folder(tmp_path: Path) -> None:
    done = hrkit(tmp_path / "data", "axes-reset-client", "192.0.2.1")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "0 failed sign-in record(s) removed.\n"


def test_djangos_own_database_commands_get_a_database_too(tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = hrkit(
        data,
        "createsuperuser",
        "--no-input",
        DJANGO_SUPERUSER_USERNAME="first",
        DJANGO_SUPERUSER_PASSWORD="a long enough passphrase",
        DJANGO_SUPERUSER_EMAIL="first@example.org",
    )
    assert done.returncode == 0, done.stderr
    assert query(data, "SELECT username, is_staff FROM auth_user") == [("first", 1)]
    assert hrkit(data, "clearsessions").returncode == 0


def test_init_without_input_takes_the_account_from_the_environment_and_is_idempotent(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    account = {
        "DJANGO_SUPERUSER_USERNAME": "coordinator",
        "DJANGO_SUPERUSER_PASSWORD": "a long enough passphrase",
        "DJANGO_SUPERUSER_EMAIL": "coordinator@example.org",
    }
    first = hrkit(data, "init", "--no-input", **account)
    assert first.returncode == 0, first.stderr
    assert "migration(s) applied" in first.stdout
    assert "Taxonomy: 43 terms (43 new)." in first.stdout
    assert "Static files: collected." in first.stdout
    assert "Demo data" not in first.stdout
    assert query(data, "SELECT username, email, is_staff, is_superuser FROM auth_user") == [
        ("coordinator", "coordinator@example.org", 1, 1)
    ]
    assert query(data, "SELECT count(*) FROM directory_taxonomyterm") == [(43,)]
    assert query(data, "SELECT count(*) FROM directory_organization") == [(0,)]
    collected = data / "static" / "hrkit" / "site.css"
    assert collected.exists()
    collected_at = collected.stat().st_mtime_ns

    again = hrkit(data, "init", "--no-input", **account)
    assert again.returncode == 0, again.stderr
    assert ": up to date." in again.stdout
    assert "Taxonomy: 43 terms (0 new)." in again.stdout
    assert "Static files: up to date." in again.stdout
    assert "Staff accounts: coordinator." in again.stdout
    assert query(data, "SELECT count(*) FROM auth_user") == [(1,)]
    assert query(data, "SELECT count(*) FROM directory_taxonomyterm") == [(43,)]
    assert collected.stat().st_mtime_ns == collected_at


def test_init_without_a_terminal_or_account_says_how_to_add_one(tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = hrkit(data, "init")
    assert done.returncode == 0, done.stderr
    assert "Staff accounts: none yet." in done.stdout
    assert "DJANGO_SUPERUSER_USERNAME" in done.stdout
    assert query(data, "SELECT count(*) FROM auth_user") == [(0,)]


# -- hrkit serve ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def get(port: int, path: str) -> int:
    with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=30) as answer:
        return answer.status


def wait_for_page(port: int, server: subprocess.Popen, seconds: float = 120) -> float:
    """Seconds until the server answered its first page."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if server.poll() is not None:
            raise RuntimeError(f"hrkit serve stopped: {server.stderr.read()}")  # type: ignore[union-attr]
        try:
            get(port, "/healthz")
            return time.monotonic() - started
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("hrkit serve did not answer")


@pytest.fixture
def serve(tmp_path: Path) -> Iterator:
    servers: list[subprocess.Popen] = []

    def start(data: Path) -> tuple[int, subprocess.Popen]:
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "hrkit.cli", "serve", "--port", str(port), "--workers", "1"],
            cwd=PROJECT,
            env=fresh_env(data),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        servers.append(server)
        wait_for_page(port, server)
        return port, server

    yield start
    for server in servers:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)


def stop(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)


def test_serve_on_a_new_folder_makes_the_database_and_collects_static_files_once(
    tmp_path: Path, serve
) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    port, server = serve(data)
    assert get(port, "/find/?zip=10001") == 200
    assert get(port, "/static/hrkit/site.css") == 200
    stop(server)
    collected = sorted((data / "static").rglob("*"))
    times = {path: path.stat().st_mtime_ns for path in collected}
    assert any(path.name == "site.css.gz" for path in collected)

    # The second start finds everything collected and up to date: nothing is written again.
    port, server = serve(data)
    assert get(port, "/find/") == 200
    assert {path: path.stat().st_mtime_ns for path in sorted((data / "static").rglob("*"))} == times
    stop(server)
