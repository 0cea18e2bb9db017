"""The audit trail of an import: every record it created or changed has a history entry
naming the job ("imported from twinnings.csv by X"), written in bulk; the job itself has
one entry, which the dashboard's recent changes show as one line."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from .models import ImportJob

BATCH_SIZE = 1000


def import_note(job: ImportJob | None) -> dict[str, Any]:
    if job is None:
        return {}
    return {"import_job": job.pk, "import_file": job.original_filename}


def _value(value: Any) -> str:
    return "None" if value is None else str(value)


def log_created(
    objects: Sequence[models.Model],
    *,
    actor: Any,
    job: ImportJob | None,
    fields: Iterable[str],
    describe: Callable[[Any], str] = str,
) -> None:
    """One "create" entry per record, with the values it was created with; `describe`
    names a record without a query (a link's `__str__` may read both its ends)."""
    if not objects:
        return
    names = list(fields)
    content_type = ContentType.objects.get_for_model(type(objects[0]))
    now = timezone.now()
    note = import_note(job)
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                content_type=content_type,
                object_pk=str(obj.pk),
                object_id=obj.pk,
                object_repr=describe(obj)[:200],
                action=LogEntry.Action.CREATE,
                changes={n: ["None", _value(getattr(obj, n))] for n in names},
                actor=_actor(actor),
                timestamp=now,
                additional_data=note,
            )
            for obj in objects
        ],
        batch_size=BATCH_SIZE,
    )


def log_updated(
    changes: Sequence[tuple[models.Model, dict[str, tuple[Any, Any]]]],
    *,
    actor: Any,
    job: ImportJob | None,
) -> None:
    """One "update" entry per record merged, with its (before, after) values."""
    changes = [(obj, diff) for obj, diff in changes if diff]
    if not changes:
        return
    content_type = ContentType.objects.get_for_model(type(changes[0][0]))
    now = timezone.now()
    note = import_note(job)
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                content_type=content_type,
                object_pk=str(obj.pk),
                object_id=obj.pk,
                object_repr=str(obj)[:200],
                action=LogEntry.Action.UPDATE,
                changes={n: [_value(a), _value(b)] for n, (a, b) in diff.items()},
                actor=_actor(actor),
                timestamp=now,
                additional_data=note,
            )
            for obj, diff in changes
        ],
        batch_size=BATCH_SIZE,
    )


def log_job(job: ImportJob, *, actor: Any, action: int = LogEntry.Action.CREATE) -> None:
    """The job's own entry: what it created, from which file, by whom."""
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(ImportJob),
        object_pk=str(job.pk),
        object_id=job.pk,
        object_repr=job.original_filename[:200],
        action=action,
        changes={},
        actor=_actor(actor),
        timestamp=timezone.now(),
        additional_data={
            "import_summary": job.outcome.get("created", {}),
            "import_kind": job.kind,
            "undone": action == LogEntry.Action.DELETE,
            **import_note(job),
        },
    )


def _actor(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None
