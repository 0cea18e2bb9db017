from django.apps import AppConfig


class Config(AppConfig):
    name = "cityties.solidarity"
    label = "solidarity"
