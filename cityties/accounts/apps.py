from django.apps import AppConfig


class Config(AppConfig):
    name = "cityties.accounts"
    label = "accounts"

    def ready(self) -> None:
        from . import audit  # noqa: F401  registers models with django-auditlog
