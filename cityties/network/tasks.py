"""Background tasks of the network area."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.tasks import task

from .imports import locate_missing_coordinates


@task()
def locate_organisations(actor_id: int) -> int:
    """Place the organisations without coordinates from the gazetteer; returns how many."""
    actor = get_user_model().objects.filter(pk=actor_id).first()
    return locate_missing_coordinates(actor=actor)
