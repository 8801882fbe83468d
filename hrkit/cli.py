"""The `hrkit` command: one front door to every management command.

hrkit's own commands are listed and named with dashes (`hrkit import-hsds`);
the underscores of Django's module names (`hrkit import_hsds`) work too, and
any command may be typed with dashes.

Output piped into a program that stops reading early (`hrkit lint ... | head`)
ends quietly, without a traceback. Django's and django-axes' commands that use
the database get it created or migrated first, as hrkit's own commands do.
"""

import os
import sys
from difflib import get_close_matches
from typing import Any

# Commands not written for hrkit that read or write the database.
OTHER_COMMANDS_NEEDING_DATABASE = frozenset(
    {
        "changepassword",
        "clearsessions",
        "createsuperuser",
        "dumpdata",
        "loaddata",
        "remove_stale_contenttypes",
        "runserver",
        "shell",
        "axes_list_attempts",
        "axes_reset",
        "axes_reset_failure_logs",
        "axes_reset_ip",
        "axes_reset_ip_username",
        "axes_reset_logs",
        "axes_reset_username",
    }
)


def command_name(typed: str) -> str:
    """The module name of a command typed with dashes or underscores."""
    return typed.replace("-", "_")


def shown_name(name: str) -> str:
    return name.replace("_", "-")


def _utility_class() -> type:
    from django.conf import settings
    from django.core.management import ManagementUtility, get_commands
    from django.core.management.color import color_style

    class HrkitUtility(ManagementUtility):
        def main_help_text(self, commands_only: bool = False) -> str:
            commands = get_commands()
            own = sorted(
                shown_name(name) for name, app in commands.items() if app.startswith("hrkit.")
            )
            others: dict[str, list[str]] = {}
            for name, app in commands.items():
                if not app.startswith("hrkit."):
                    section = "django" if app == "django.core" else app.rpartition(".")[-1]
                    others.setdefault(section, []).append(name)
            if commands_only:
                return "\n".join(sorted([*own, *(n for names in others.values() for n in names)]))
            style = color_style()
            lines = [
                "",
                f"Type '{self.prog_name} help <subcommand>' for help on a specific subcommand.",
                "",
                "hrkit's commands:",
                "",
                *(f"    {name}" for name in own),
                "",
                "Django's and its add-ons' commands:",
            ]
            for section in sorted(others):
                lines += ["", style.NOTICE(f"[{section}]")]
                lines += [f"    {name}" for name in sorted(others[section])]
            return "\n".join(lines)

        def fetch_command(self, subcommand: str) -> Any:
            commands = get_commands()
            name = subcommand if subcommand in commands else command_name(subcommand)
            if name not in commands and settings.configured:
                listed = [
                    shown_name(known) if app.startswith("hrkit.") else known
                    for known, app in commands.items()
                ]
                guess = get_close_matches(subcommand, listed)
                sys.stderr.write(f"Unknown command: {subcommand!r}")
                sys.stderr.write(f". Did you mean {guess[0]}?" if guess else "")
                sys.stderr.write(f"\nType '{self.prog_name} help' for usage.\n")
                sys.exit(1)
            command = super().fetch_command(name)
            if name in OTHER_COMMANDS_NEEDING_DATABASE:
                _ensure_database_before(command)
            return command

    return HrkitUtility


def _ensure_database_before(command: Any) -> None:
    """Make the command create or migrate its database before it runs (not for --help)."""
    run = command.execute

    def execute(*args: Any, **options: Any) -> Any:
        from django.db import DEFAULT_DB_ALIAS

        from hrkit.core.database_setup import ensure_database

        ensure_database(options.get("database") or DEFAULT_DB_ALIAS)
        return run(*args, **options)

    command.execute = execute


class ReaderGone(BaseException):
    """Standard output's reader closed the pipe.

    Not an OSError, so that a command's own `except OSError` (a file it could
    not read) does not take it for a problem of its own and carry on.
    """


class GuardedOutput:
    """Standard output, turning a closed pipe into ReaderGone."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise ReaderGone from None

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise ReaderGone from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _quiet_exit_on_closed_pipe(status: int) -> None:
    """The reader of our output has gone: exit without a traceback.

    As Python's documentation on SIGPIPE advises: point standard output at
    /dev/null, so that the flush at exit does not fail a second time.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(status)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hrkit.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    stdout = sys.stdout
    sys.stdout = GuardedOutput(stdout)  # type: ignore[assignment]
    try:
        try:
            _utility_class()(["hrkit", *args]).execute()
        finally:
            sys.stdout = stdout
            # Output still buffered is written now (also when the command
            # called sys.exit), where a closed pipe can be caught.
            stdout.flush()
    except (BrokenPipeError, ReaderGone):
        _quiet_exit_on_closed_pipe(1)


if __name__ == "__main__":
    main()
