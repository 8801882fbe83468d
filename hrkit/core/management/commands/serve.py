"""`hrkit serve`: the production server (gunicorn), static files collected first."""

import os
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve hrkit with gunicorn (DEBUG off unless --debug)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--debug", action="store_true", help="Show Django's debug pages.")

    def handle(self, *args: object, **options: object) -> None:
        call_command("collectstatic", interactive=False, verbosity=0)
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="hrkit.settings")
        if options["debug"]:
            env["HRKIT_DEBUG"] = "1"
        bind = f"{options['host']}:{options['port']}"
        self.stdout.write(f"hrkit is serving at http://{bind}/ (Ctrl+C to stop)")
        self.stdout.flush()
        # No --access-logfile: an access log would keep every search with the
        # address that made it.
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "hrkit.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(options["workers"]),
            "--worker-class",
            "gthread",
            "--threads",
            "4",
            "--graceful-timeout",
            "10",
        ]
        os.execve(sys.executable, argv, env)
