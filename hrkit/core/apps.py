from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hrkit.core"
    label = "core"
    verbose_name = "hrkit core"

    def ready(self) -> None:
        name_admin_site()


def name_admin_site() -> None:
    """Give the admin the program's own name in place of "Django administration"."""
    from django.conf import settings
    from django.contrib import admin
    from django.utils.translation import gettext_lazy as _

    name = str(settings.HRKIT["PROGRAM_NAME"])
    admin.site.site_header = name
    admin.site.site_title = name
    admin.site.index_title = _("Staff pages")
