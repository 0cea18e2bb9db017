"""Guests' personal data is erased under the platform's retention rule: once the
retention period (three years by default, as for the directory's people) has passed
since the reception and since the invitation last changed. Counts stay: the lead's view
of an old reception still says how many came, not who."""

from __future__ import annotations

from datetime import datetime

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet

from cityties.core.retention import retention_period

from ..models import Invitation

ERASED = "[erased]"


def guests_to_erase(now: datetime) -> QuerySet[Invitation]:
    cutoff = now - retention_period()
    return Invitation.objects.filter(
        erased_at=None, reception__session__ends_at__lt=cutoff, updated_at__lt=cutoff
    )


def do_erase_guests(ids: list[int], *, now: datetime) -> int:
    """Blank the guests' names and addresses, and their names in the audit trail."""
    with transaction.atomic():
        count = Invitation.objects.filter(pk__in=ids, erased_at=None).update(
            name=ERASED,
            name_key="",
            organisation="",
            function="",
            email="",
            erased_at=now,
            updated_at=now,
        )
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Invitation),
            object_pk__in=[str(pk) for pk in ids],
        ).update(object_repr=ERASED, changes_text="", serialized_data=None)
    return count
