"""Counters follow deletions, whoever makes them (a service, a cascade from a participant
leaving the delegation, an import undone): relative updates, so that a door checking a
guest in at the same moment is never lost."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.db.models.signals import post_delete

from .models import CheckIn, Invitation, Quota, Reception


def _quota_gone(sender: Any, instance: Quota, **kwargs: Any) -> None:
    Reception.objects.filter(pk=instance.reception_id).update(
        allocated=F("allocated") - instance.size
    )


def _invitation_gone(sender: Any, instance: Invitation, **kwargs: Any) -> None:
    Quota.objects.filter(pk=instance.quota_id).update(named=F("named") - 1)


def _check_in_gone(sender: Any, instance: CheckIn, **kwargs: Any) -> None:
    Reception.objects.filter(pk=instance.reception_id).update(
        present=F("present") - instance.people
    )


def connect() -> None:
    post_delete.connect(_quota_gone, sender=Quota, dispatch_uid="reception_quota_gone")
    post_delete.connect(
        _invitation_gone, sender=Invitation, dispatch_uid="reception_invitation_gone"
    )
    post_delete.connect(_check_in_gone, sender=CheckIn, dispatch_uid="reception_check_in_gone")
