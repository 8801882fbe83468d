"""hrkit import-hsds PATH: HSDS 3 JSON, an HSDS datapackage, or a CSV with --mapping."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hrkit.core.database_setup import ensure_database
from hrkit.directory.exchange.problems import ImportFailed, UnreadableSource
from hrkit.directory.exchange.services import FORMATS, import_hsds

# Exit status when --skip-invalid wrote the good rows but left bad ones out.
PARTIAL_IMPORT = 2


class Command(BaseCommand):
    help = "Import an HSDS 3 JSON file, an HSDS datapackage (folder or .zip), or a mapped CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--format", choices=FORMATS, help="override the detected format")
        parser.add_argument("--mapping", type=Path, help="YAML/JSON column mapping for a CSV")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="write the valid rows and list the bad ones (default: write nothing)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ensure_database()
        try:
            report = import_hsds(
                options["path"],
                format=options["format"],
                mapping=options["mapping"],
                skip_invalid=options["skip_invalid"],
            )
        except UnreadableSource as error:
            raise CommandError(str(error)) from None
        except ImportFailed as failure:
            for line in failure.problems.lines():
                self.stderr.write(line)
            raise CommandError(str(failure)) from None
        summary = ", ".join(f"{table} {count}" for table, count in report.written.items() if count)
        self.stdout.write(f"Imported ({report.format}): {summary or 'nothing'}")
        if report.problems.count:
            for line in report.problems.lines():
                self.stderr.write(line)
            raise CommandError(
                f"{report.problems.count} bad row(s) left out (--skip-invalid)",
                returncode=PARTIAL_IMPORT,
            )
