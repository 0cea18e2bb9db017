from django.apps import AppConfig


class Config(AppConfig):
    name = "cityties.matchmaking"
    label = "matchmaking"
