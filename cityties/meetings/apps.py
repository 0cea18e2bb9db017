from django.apps import AppConfig


class Config(AppConfig):
    name = "cityties.meetings"
    label = "meetings"
