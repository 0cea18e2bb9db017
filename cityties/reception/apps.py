from django.apps import AppConfig


class Config(AppConfig):
    name = "cityties.reception"
    label = "reception"
    verbose_name = "Reception"

    def ready(self) -> None:
        from . import (
            audit,  # noqa: F401 - registers the models with the audit log
            imports,  # noqa: F401 - registers the `guests` kind of import
            signals,
        )

        signals.connect()
