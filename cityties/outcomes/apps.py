from django.apps import AppConfig


class Config(AppConfig):
    name = "cityties.outcomes"
    label = "outcomes"

    def ready(self) -> None:
        from . import (
            audit,  # noqa: F401  registers the models with django-auditlog
            rules,  # noqa: F401  registers the permission rules
        )
        from .services.costs import connect

        connect()
