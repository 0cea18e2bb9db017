from django.apps import AppConfig


class Config(AppConfig):
    name = "cityties.core"
    label = "core"
