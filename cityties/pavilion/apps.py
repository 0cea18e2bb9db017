from typing import Any

from django.apps import AppConfig


class Config(AppConfig):
    name = "cityties.pavilion"
    label = "pavilion"
    verbose_name = "Pavilion"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from . import audit  # noqa: F401 - registers the models with the audit log
        from .models import Share

        def free_the_stand(sender: Any, instance: Share, **kwargs: Any) -> None:
            # A participant leaving the delegation takes its shares with it (cascade):
            # what they took of the stand becomes free again.
            from .services.items import recount_items

            recount_items([instance.item_id])

        post_delete.connect(free_the_stand, sender=Share, dispatch_uid="pavilion_free_the_stand")
