"""`hrkit init`: a real directory's first step, safe to run again.

Creates or migrates the database, loads hrkit's taxonomy, collects the static
files when they need it, and asks for the first staff account (Django's
`createsuperuser`). It writes no demo data: the directory starts empty, ready
for `hrkit import-hsds` or the staff pages.

Without a terminal, or with --no-input, the account comes from the
DJANGO_SUPERUSER_USERNAME, DJANGO_SUPERUSER_PASSWORD and DJANGO_SUPERUSER_EMAIL
environment variables, as with `createsuperuser --no-input`.
"""

import os
import sys
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from hrkit.core.database_setup import ensure_database
from hrkit.core.static_setup import ensure_static_files
from hrkit.directory.taxonomy import load_taxonomy

ACCOUNT_HINT = (
    "To add one: run `hrkit init` in a terminal, or set DJANGO_SUPERUSER_USERNAME and "
    "DJANGO_SUPERUSER_PASSWORD (and DJANGO_SUPERUSER_EMAIL) and run `hrkit init --no-input`."
)


class Command(BaseCommand):
    help = (
        "Set up a new directory: create or migrate the database, load the taxonomy, collect "
        "static files and create the first staff account. Safe to run again."
    )

    # Passed on to createsuperuser (tests give a stand-in terminal).
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help=(
                "Ask nothing: the staff account comes from DJANGO_SUPERUSER_USERNAME, "
                "DJANGO_SUPERUSER_PASSWORD and DJANGO_SUPERUSER_EMAIL, if set."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        applied = ensure_database()
        where = connection.settings_dict["NAME"]
        if applied:
            self.stdout.write(f"Database {where}: {applied} migration(s) applied.")
        else:
            self.stdout.write(f"Database {where}: up to date.")

        terms = load_taxonomy()
        self.stdout.write(f"Taxonomy: {terms.total} terms ({terms.created} new).")

        collected = ensure_static_files()
        self.stdout.write("Static files: collected." if collected else "Static files: up to date.")

        self._staff_account(options["interactive"], options.get("stdin", sys.stdin))

        if any(
            callable(getattr(config, "has_demo_data", None)) and config.has_demo_data()  # type: ignore[attr-defined]
            for config in apps.get_app_configs()
        ):
            self.stdout.write(
                "Demo data is loaded; `hrkit demo --remove` takes it out "
                "(and nothing entered by hand)."
            )
        self.stdout.write(
            "Next: `hrkit import-hsds FILE` to load your directory, then `hrkit serve`."
        )

    def _staff_account(self, interactive: bool, stdin: Any) -> None:
        user_model = get_user_model()
        staff = user_model._default_manager.filter(is_staff=True, is_active=True)
        if staff.exists():
            field = user_model.USERNAME_FIELD
            names = ", ".join(staff.order_by(field).values_list(field, flat=True)[:5])
            self.stdout.write(f"Staff accounts: {names}. (`hrkit createsuperuser` adds another.)")
            return
        if interactive and hasattr(stdin, "isatty") and stdin.isatty():
            self.stdout.write("Create the first staff account (it signs in at /admin/):")
            call_command(
                "createsuperuser",
                interactive=True,
                stdin=stdin,
                stdout=self.stdout,
                stderr=self.stderr,
            )
            return
        if os.environ.get("DJANGO_SUPERUSER_USERNAME"):
            call_command(
                "createsuperuser", interactive=False, stdout=self.stdout, stderr=self.stderr
            )
            return
        self.stdout.write(f"Staff accounts: none yet. {ACCOUNT_HINT}")
