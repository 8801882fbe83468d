"""`hrkit axes_reset_client ADDRESS...`: lift the sign-in lock on one client.

The lock keeps a keyed hash of each client's address, never the address, so
axes' own `axes_reset_ip` would need the hash; this takes the address itself.
"""

from axes.utils import reset
from django.core.management.base import BaseCommand, CommandParser

from hrkit.core.database_setup import ensure_database
from hrkit.core.security import client_key_for_address


class Command(BaseCommand):
    help = "Forget the failed sign-ins from these client addresses, lifting their lock."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addresses", nargs="+", metavar="ADDRESS")

    def handle(self, *args: object, **options: object) -> None:
        addresses = options["addresses"]
        assert isinstance(addresses, list)
        ensure_database()
        removed = sum(reset(ip=client_key_for_address(address)) for address in addresses)
        self.stdout.write(f"{removed} failed sign-in record(s) removed.")
