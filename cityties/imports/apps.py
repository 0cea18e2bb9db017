from django.apps import AppConfig


class Config(AppConfig):
    name = "cityties.imports"
    label = "imports"
    verbose_name = "Imports"
