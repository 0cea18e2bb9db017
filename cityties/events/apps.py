from django.apps import AppConfig


class Config(AppConfig):
    name = "cityties.events"
    label = "events"
