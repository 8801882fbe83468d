"""`hrkit serve`: the production server (gunicorn), on a database and static files made ready first.

The database is created or migrated if it needs to be; static files are
collected only when a collected copy is missing or older than its source
(collecting compresses every file again: seconds before the first page).
"""

import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from hrkit.core.database_setup import ensure_database
from hrkit.core.static_setup import ensure_static_files


def gunicorn_argv(host: str, port: int, workers: int) -> list[str]:
    """The gunicorn command line `hrkit serve` runs (tests start the same one)."""
    # No --access-logfile: an access log would keep every search with the
    # address that made it. The logger class takes client addresses out of the
    # error log too. gunicorn's limits on the request line and headers
    # (--limit-request-line 4094, --limit-request-fields 100) stay at their
    # defaults, which no browser comes near.
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "hrkit.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        "4",
        "--graceful-timeout",
        "10",
        # gunicorn's control socket (one fixed path in $HOME) is not used by
        # hrkit; a second server on the machine would take it over.
        "--no-control-socket",
        # The application (with its ZIP code table, see hrkit/wsgi.py) is
        # loaded once here, so a recycled worker's replacement starts ready.
        "--preload",
        "--logger-class",
        "hrkit.core.logs.PrivateGunicornLogger",
        # A worker never gives memory back once a large request has taken it;
        # a fresh one does. The jitter keeps workers from restarting together.
        "--max-requests",
        str(settings.HRKIT["MAX_REQUESTS"]),
        "--max-requests-jitter",
        str(settings.HRKIT["MAX_REQUESTS_JITTER"]),
    ]


class Command(BaseCommand):
    help = "Serve hrkit with gunicorn (DEBUG off unless --debug)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--debug", action="store_true", help="Show Django's debug pages.")

    def handle(self, *args: object, **options: object) -> None:
        ensure_database()
        ensure_static_files()
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="hrkit.settings")
        if options["debug"]:
            env["HRKIT_DEBUG"] = "1"
        host, port, workers = str(options["host"]), str(options["port"]), str(options["workers"])
        self.stdout.write(f"hrkit is serving at http://{host}:{port}/ (Ctrl+C to stop)")
        self.stdout.flush()
        argv = gunicorn_argv(host, int(port), int(workers))
        os.execve(sys.executable, argv, env)
