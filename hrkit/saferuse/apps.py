from django.apps import AppConfig


class SaferuseConfig(AppConfig):
    name = "hrkit.saferuse"
    label = "saferuse"
    verbose_name = "Safer use"
