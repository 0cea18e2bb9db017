from django.apps import AppConfig


class Config(AppConfig):
    name = "cityties.outcomes"
    label = "outcomes"
