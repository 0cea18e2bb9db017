from django.apps import AppConfig


class Config(AppConfig):
    name = "cityties.matchmaking"
    label = "matchmaking"
    verbose_name = "Matchmaking"

    def ready(self) -> None:
        from . import (
            audit,  # noqa: F401  registers the models with django-auditlog
            imports,  # noqa: F401  registers the attendee import
        )
