"""The `hrkit` command: one front door to every management command.

Commands may be typed with dashes (`hrkit import-hsds`) as well as with the
underscores Django's module names need.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hrkit.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["hrkit", *args])


if __name__ == "__main__":
    main()
