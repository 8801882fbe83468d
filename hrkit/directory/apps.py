from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "hrkit.directory"
    label = "directory"
    verbose_name = "Resource directory"
