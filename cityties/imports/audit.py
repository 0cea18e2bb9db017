"""The audit trail of an import: every record it created or changed has a history entry
naming the job ("imported from twinnings.csv by X"), written in bulk; the job itself has
one entry, which the dashboard's recent changes show as one line."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.utils import timezone

from .models import ImportJob

BATCH_SIZE = 1000


def _insert(
    content_type: ContentType,
    rows: Iterable[tuple[int, str, int, dict[str, Any]]],
    *,
    actor: Any,
    job: ImportJob | None,
) -> None:
    """Insert history entries (object id, repr, action, changes) in bulk.

    Plain `executemany`: building tens of thousands of LogEntry instances costs more than
    the records they describe. Columns are those of `auditlog.LogEntry`.
    """
    table = connection.ops.quote_name(LogEntry._meta.db_table)
    json_cast = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
    columns = (
        "content_type_id, object_pk, object_id, object_repr, action, changes_text, changes, "
        "actor_id, actor_email, timestamp, additional_data"
    )
    sql = (
        f"INSERT INTO {table} ({columns}) "  # noqa: S608
        f"VALUES (%s, %s, %s, %s, %s, '', {json_cast}, %s, %s, %s, {json_cast})"
    )
    who = _actor(actor)
    when = connection.ops.adapt_datetimefield_value(timezone.now())
    note = json.dumps(import_note(job))
    params = [
        (
            content_type.pk,
            str(pk),
            pk,
            text[:200],
            action,
            json.dumps(changes, ensure_ascii=False),
            who.pk if who else None,
            getattr(who, "email", None),
            when,
            note,
        )
        for pk, text, action, changes in rows
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(params), BATCH_SIZE):
            cursor.executemany(sql, params[start : start + BATCH_SIZE])


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
    extra: Callable[[Any], dict[str, Any]] | None = None,
) -> None:
    """One "create" entry per record, with the values it was created with; `describe`
    names a record without a query (a link's `__str__` may read both its ends)."""
    if not objects:
        return
    names = list(fields)
    _insert(
        ContentType.objects.get_for_model(type(objects[0])),
        (
            (
                obj.pk,
                describe(obj),
                LogEntry.Action.CREATE,
                {
                    **{n: ["None", _value(getattr(obj, n))] for n in names},
                    **(extra(obj) if extra else {}),
                },
            )
            for obj in objects
        ),
        actor=actor,
        job=job,
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
    _insert(
        ContentType.objects.get_for_model(type(changes[0][0])),
        (
            (
                obj.pk,
                str(obj),
                LogEntry.Action.UPDATE,
                {n: [_value(a), _value(b)] for n, (a, b) in diff.items()},
            )
            for obj, diff in changes
        ),
        actor=actor,
        job=job,
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
