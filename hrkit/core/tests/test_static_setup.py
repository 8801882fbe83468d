"""Static files are collected when a copy is missing or out of date, and only then.

`hrkit serve` collected (and compressed) every file on each start: 6.7 s
before the first page. These use a small source folder of their own, so each
collection is real but quick.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from hrkit.core import static_setup
from hrkit.core.management.commands import serve
from hrkit.core.static_setup import ensure_static_files, stale_static_files


@pytest.fixture
def folders(tmp_path: Path, settings) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    source = tmp_path / "source"
    (source / "site").mkdir(parents=True)
    (source / "site" / "page.css").write_text("body { margin: 0 }\n" * 200)
    (source / "site" / "page.js").write_text("console.log('hello');\n" * 200)
    settings.STATICFILES_DIRS = [source]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path / "collected"
    return source, tmp_path / "collected"


@pytest.fixture
def collections(monkeypatch) -> list[tuple]:  # type: ignore[no-untyped-def]
    """Each run of collectstatic, counted (and still done)."""
    calls: list[tuple] = []

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args)
        return call_command(*args, **kwargs)

    monkeypatch.setattr(static_setup, "call_command", counting)
    return calls


def older(path: Path, seconds: int = 60) -> None:
    then = path.stat().st_mtime - seconds
    os.utime(path, (then, then))


def test_first_time_everything_is_collected_and_compressed(folders, collections) -> None:  # type: ignore[no-untyped-def]
    _, collected = folders
    assert sorted(stale_static_files()) == ["site/page.css", "site/page.js"]
    assert ensure_static_files() is True
    assert (collected / "site" / "page.css").exists()
    assert (collected / "site" / "page.css.gz").exists()
    assert stale_static_files() == []
    assert len(collections) == 1


def test_nothing_is_done_when_all_is_up_to_date(folders, collections) -> None:  # type: ignore[no-untyped-def]
    _, collected = folders
    ensure_static_files()
    written = {path: path.stat().st_mtime_ns for path in collected.rglob("*")}
    assert ensure_static_files() is False
    assert len(collections) == 1
    assert {path: path.stat().st_mtime_ns for path in collected.rglob("*")} == written


def test_a_changed_source_is_collected_again(folders, collections) -> None:  # type: ignore[no-untyped-def]
    source, collected = folders
    ensure_static_files()
    older(collected / "site" / "page.js")
    (source / "site" / "page.js").write_text("console.log('changed');\n")
    assert stale_static_files() == ["site/page.js"]
    assert ensure_static_files() is True
    assert (collected / "site" / "page.js").read_text() == "console.log('changed');\n"
    assert stale_static_files() == []


def test_a_missing_or_new_file_is_collected(folders, collections) -> None:  # type: ignore[no-untyped-def]
    source, collected = folders
    ensure_static_files()
    (collected / "site" / "page.css").unlink()
    assert stale_static_files() == ["site/page.css"]
    ensure_static_files()
    (source / "site" / "new.css").write_text("p { color: black }\n")
    assert stale_static_files() == ["site/new.css"]
    assert ensure_static_files() is True
    assert (collected / "site" / "new.css").exists()
    assert len(collections) == 3


@pytest.mark.django_db
def test_serve_collects_only_when_needed_and_still_preloads(  # type: ignore[no-untyped-def]
    folders, collections, monkeypatch
) -> None:
    started: list[list[str]] = []
    monkeypatch.setattr(serve.os, "execve", lambda path, argv, env: started.append(argv))
    for _ in range(2):
        call_command("serve", "--port", "8123", stdout=io.StringIO())
    assert len(started) == 2
    assert len(collections) == 1
    # gunicorn still loads the application (and its ZIP code table) once, in its master.
    assert "--preload" in started[-1]
