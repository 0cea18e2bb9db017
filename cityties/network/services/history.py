"""The history of a partnership, read from the audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q

from cityties.core.templatetags.cityties import audit_action

from ..models import Activity, Partnership, PartnershipMember


@dataclass(frozen=True)
class HistoryEntry:
    timestamp: Any
    actor: str
    action: str
    subject: str
    fields: list[str]


_NOISE_FIELDS = frozenset({"id", "created_at", "updated_at", "partnership", "created_by"})


def partnership_history(partnership: Partnership, *, limit: int = 50) -> list[HistoryEntry]:
    """Changes to the partnership, its partners and its activities, deleted ones included.

    An activity or partner row is tied to its partnership through the id recorded when it
    was created, which survives the row's deletion.
    """
    pk = str(partnership.pk)
    child_ids = {
        model: LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            action=LogEntry.Action.CREATE,
            changes__partnership__1=pk,
        ).values("object_id")
        for model in (Activity, PartnershipMember)
    }
    entries = (
        LogEntry.objects.filter(
            Q(
                content_type=ContentType.objects.get_for_model(Partnership),
                object_id=partnership.pk,
            )
            | Q(
                content_type=ContentType.objects.get_for_model(Activity),
                object_id__in=child_ids[Activity],
            )
            | Q(
                content_type=ContentType.objects.get_for_model(PartnershipMember),
                object_id__in=child_ids[PartnershipMember],
            )
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")[:limit]
    )
    history = []
    for entry in entries:
        model = entry.content_type.model_class()
        fields: list[str] = []
        if model is not None and entry.action == LogEntry.Action.UPDATE:
            for name in entry.changes_dict:
                if name in _NOISE_FIELDS:
                    continue
                try:
                    fields.append(str(model._meta.get_field(name).verbose_name))
                except FieldDoesNotExist:
                    fields.append(name)
        history.append(
            HistoryEntry(
                timestamp=entry.timestamp,
                actor=str(entry.actor) if entry.actor else (entry.actor_email or ""),
                action=audit_action(entry.action),
                subject=(
                    f"{model._meta.verbose_name} « {entry.object_repr} »"
                    if model
                    else entry.object_repr
                ),
                fields=fields,
            )
        )
    return history
