"""Static files collected (and compressed) once, not on every start of the server.

`collectstatic` compresses every file again each time it runs (6.7 s before
`hrkit serve` answered its first page). The collected copies only need
redoing when one is missing or a source file has changed since: looking at
the files' times takes a few milliseconds.
"""

import os

from django.apps import apps
from django.contrib.staticfiles.finders import get_finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command


def stale_static_files() -> list[str]:
    """Static files whose collected copy is missing or older than the source.

    Walks the sources as `collectstatic` does (the first file found for a
    path is the one collected) and compares modification times, to the second
    as `collectstatic` does.
    """
    ignore_patterns = apps.get_app_config("staticfiles").ignore_patterns  # type: ignore[attr-defined]
    seen: set[str] = set()
    stale: list[str] = []
    for finder in get_finders():
        for path, source in finder.list(ignore_patterns):
            prefix = getattr(source, "prefix", None)
            collected = os.path.join(prefix, path) if prefix else path
            if collected in seen:
                continue
            seen.add(collected)
            if not staticfiles_storage.exists(collected):
                stale.append(collected)
                continue
            target_time = staticfiles_storage.get_modified_time(collected).replace(microsecond=0)
            source_time = source.get_modified_time(path).replace(microsecond=0)
            if source_time > target_time:
                stale.append(collected)
    return stale


def ensure_static_files() -> bool:
    """Run `collectstatic` if any collected file is missing or out of date; True if it ran."""
    if not stale_static_files():
        return False
    call_command("collectstatic", interactive=False, verbosity=0)
    return True
