from django.apps import AppConfig


class Config(AppConfig):
    name = "cityties.homestays"
    label = "homestays"
    verbose_name = "Homestays"

    def ready(self) -> None:
        from . import audit  # noqa: F401 - registers the models with the audit log
