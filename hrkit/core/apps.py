from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hrkit.core"
    label = "core"
    verbose_name = "hrkit core"
