"""`hrkit demo`: a working database with the demo directory in it, safe to run again."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from hrkit.directory.demo import DEFAULT_SEED, generate_demo_directory, remove_demo_directory
from hrkit.directory.taxonomy import load_taxonomy


class Command(BaseCommand):
    help = (
        "Create or migrate the database, load the taxonomy and write the synthetic demo "
        "directory. Running it again updates the same rows."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="Another seed makes another directory."
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete this seed's demo organisations (and all under them) before writing.",
        )

    def handle(self, *args: object, **options: object) -> None:
        seed = int(options["seed"])  # type: ignore[call-overload]
        call_command("migrate", interactive=False, verbosity=0)
        terms = load_taxonomy()
        if options["reset"]:
            remove_demo_directory(seed)
        summary = generate_demo_directory(seed)
        zones = ", ".join(f"{zone} {count}" for zone, count in sorted(summary.time_zones.items()))
        self.stdout.write(
            f"Taxonomy: {terms.total} terms ({terms.created} new).\n"
            f"Demo directory (seed {seed}): {summary.organizations} organisations, "
            f"{summary.locations} locations, {summary.services} services "
            f"({summary.remote_services} remote), {summary.schedules} schedules.\n"
            f"Locations by time zone: {zones}."
        )
