"""The database a command needs, created or brought up to date before it runs.

A new data folder holds an empty SQLite file (settings create it private); a
new release may bring migrations. Every hrkit command that reads or writes
the database calls ensure_database() first, so nobody has to remember to run
`migrate`: `hrkit import-hsds` into a new folder just works.
"""

from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


def unapplied_migrations(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The migrations this database still lacks, as "app.name" (empty when up to date).

    Reads the migration files and the database's record of applied ones: a few
    milliseconds, so every command can ask.
    """
    executor = MigrationExecutor(connections[using])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def ensure_database(using: str = DEFAULT_DB_ALIAS) -> int:
    """Create or migrate the database if it lacks migrations; returns how many were applied.

    Quiet: `migrate` prints nothing here, so a command's own output (and its
    exit status) stays what it was. An error in a migration still raises.
    """
    missing = unapplied_migrations(using)
    if missing:
        call_command("migrate", database=using, interactive=False, verbosity=0)
    return len(missing)
