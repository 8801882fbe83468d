"""hrkit export-hsds PATH: HSDS 3 JSON (PATH ends in .json) or a datapackage (folder or .zip)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hrkit.core.database_setup import ensure_database
from hrkit.directory.exchange.problems import UnreadableSource
from hrkit.directory.exchange.services import export_hsds


class Command(BaseCommand):
    help = "Export the directory as HSDS 3 JSON (.json) or an HSDS datapackage (folder or .zip)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--format", choices=("json", "datapackage"))

    def handle(self, *args: Any, **options: Any) -> None:
        ensure_database()
        try:
            counts = export_hsds(options["path"], format=options["format"])
        except (UnreadableSource, OSError) as error:
            raise CommandError(str(error)) from None
        summary = ", ".join(f"{table} {count}" for table, count in counts.items())
        self.stdout.write(f"Exported to {options['path']}: {summary}")
