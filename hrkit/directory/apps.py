from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "hrkit.directory"
    label = "directory"
    verbose_name = "Resource directory"

    # Demo data hooks: core asks each app through these (the banner on public
    # pages, `hrkit demo --remove`) without importing the app.

    def has_demo_data(self) -> bool:
        """Whether demo rows are in the directory; False when the database cannot say.

        Pages that need no database (safer use, the language checker) ask too:
        the banner is never worth a failed page.
        """
        from django.db import DatabaseError

        from hrkit.directory.demo import has_demo_records

        try:
            return has_demo_records()
        except DatabaseError:
            return False

    def remove_demo_data(self) -> str:
        """Delete the demo directory and nothing entered by hand; one line saying what went."""
        from hrkit.directory.demo import remove_demo_records

        removal = remove_demo_records()
        if not removal.total and not removal.kept:
            return "Demo directory: none found."
        deleted = ", ".join(f"{name} {count}" for name, count in removal.deleted.items())
        line = f"Demo directory removed: {deleted or 'nothing'}."
        if removal.kept:
            kept = ", ".join(f"{name} {count}" for name, count in removal.kept.items())
            line += f" Kept, as records entered by hand are attached to them: {kept}."
        return line
