"""`hrkit demo`: a working database with the demo directory in it, safe to run again.

`hrkit demo --remove` takes the demo data out again, and nothing anyone
entered: each app that writes demo data offers `remove_demo_data()` on its
AppConfig, which knows its own demo rows by their mark.
"""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hrkit.core.database_setup import ensure_database
from hrkit.directory.demo import DEFAULT_SEED, generate_demo_directory, remove_demo_directory
from hrkit.directory.taxonomy import load_taxonomy


class Command(BaseCommand):
    help = (
        "Create or migrate the database, load the taxonomy and write the synthetic demo "
        "directory. Running it again updates the same rows. --remove takes the demo out."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="Another seed makes another directory."
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo records (as --remove does) before writing them again.",
        )
        parser.add_argument(
            "--remove",
            action="store_true",
            help=(
                "Remove the demo records (of every seed) and write nothing: what was "
                "entered by hand or imported stays."
            ),
        )

    def handle(self, *args: object, **options: object) -> None:
        if options["remove"] and options["reset"]:
            raise CommandError("--remove and --reset do not go together.")
        ensure_database()
        if options["remove"]:
            self._remove()
            return
        seed = int(options["seed"])  # type: ignore[call-overload]
        terms = load_taxonomy()
        if options["reset"]:
            remove_demo_directory(seed)
        summary = generate_demo_directory(seed)
        zones = ", ".join(f"{zone} {count}" for zone, count in sorted(summary.time_zones.items()))
        self.stdout.write(
            f"Taxonomy: {terms.total} terms ({terms.created} new).\n"
            f"Demo directory (seed {seed}): {summary.organizations} organizations, "
            f"{summary.locations} locations, {summary.services} services "
            f"({summary.remote_services} remote), {summary.schedules} schedules.\n"
            f"Locations by time zone: {zones}."
        )

    def _remove(self) -> None:
        for config in apps.get_app_configs():
            remove_demo_data = getattr(config, "remove_demo_data", None)
            if callable(remove_demo_data):
                self.stdout.write(remove_demo_data())
