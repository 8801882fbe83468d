from django.apps import AppConfig


class LanguageConfig(AppConfig):
    name = "hrkit.language"
    label = "language"
    verbose_name = "Person-first language"
