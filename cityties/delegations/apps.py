from django.apps import AppConfig


class Config(AppConfig):
    name = "cityties.delegations"
    label = "delegations"
