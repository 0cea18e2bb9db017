from django.apps import AppConfig


class Config(AppConfig):
    name = "cityties.solidarity"
    label = "solidarity"
    verbose_name = "Solidarity"

    def ready(self) -> None:
        from . import audit  # noqa: F401 - registers the models with the audit log
