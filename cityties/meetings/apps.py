from django.apps import AppConfig


class Config(AppConfig):
    name = "cityties.meetings"
    label = "meetings"

    def ready(self) -> None:
        from . import (
            audit,  # noqa: F401  registers models with django-auditlog
            rules,  # noqa: F401  registers the permission rules
        )
