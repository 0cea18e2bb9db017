"""Undoing an import: possible while nothing it created or changed has been changed since.

What counts as a change is read from the audit trail (a later entry on a record) and from
the database (a record of another kind now pointing to an imported one: an activity added
to an imported partnership, an imported city added to a country group). The engine knows
no kind: relations are found from the models' metadata.
"""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cityties.core.audit import acting_as
from cityties.core.errors import DomainError

from .audit import log_job
from .models import ImportJob, ImportStatus

SHOWN = 5


class UndoError(DomainError):
    code = "undo_refused"


def _created(job: ImportJob) -> dict[type[models.Model], list[int]]:
    return {
        apps.get_model(label): [int(pk) for pk in ids]
        for label, ids in (job.written or {}).get("created", {}).items()
        if ids
    }


def _previous(job: ImportJob) -> dict[type[models.Model], dict[int, dict[str, Any]]]:
    return {
        apps.get_model(label): {int(pk): values for pk, values in rows.items()}
        for label, rows in (job.written or {}).get("previous", {}).items()
        if rows
    }


def _later_changes(job: ImportJob, model: type[models.Model], ids: list[int]) -> list[str]:
    content_type = ContentType.objects.get_for_model(model)
    entries = (
        LogEntry.objects.filter(
            content_type=content_type, object_id__in=ids, timestamp__gt=job.finished_at
        )
        .select_related("actor")
        .order_by("timestamp")
    )
    found = []
    for entry in entries[:200]:
        if (entry.additional_data or {}).get("import_job") == job.pk:
            continue
        found.append(
            _("“%(record)s” was changed by %(actor)s on %(date)s.")
            % {
                "record": entry.object_repr,
                "actor": entry.actor or _("system"),
                "date": timezone.localtime(entry.timestamp).strftime("%Y-%m-%d %H:%M"),
            }
        )
    return found


def _own_m2m_through(model: type[models.Model]) -> set[Any]:
    return {getattr(f.remote_field, "through", None) for f in model._meta.many_to_many}


def _new_references(
    model: type[models.Model], ids: list[int], created: dict[type[models.Model], list[int]]
) -> list[str]:
    """Records of other kinds that now point to the imported ones."""
    found = []
    own = _own_m2m_through(model)
    for relation in model._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete):
            continue
        if not (relation.one_to_many or relation.one_to_one):
            continue
        related = relation.related_model
        assert isinstance(related, type)
        if related in own or related._meta.app_label == "imports":
            continue
        field_name = relation.field.name  # type: ignore[union-attr]
        qs = related._default_manager.filter(**{f"{field_name}__in": ids})
        mine = created.get(related)
        if mine:
            qs = qs.exclude(pk__in=mine)
        count = qs.count()
        if count:
            examples = ", ".join(f"“{obj}”" for obj in qs[:SHOWN])
            found.append(
                ngettext(
                    "%(count)s %(what)s added since refers to an imported record: %(examples)s.",
                    "%(count)s %(what_plural)s added since refer to imported records: "
                    "%(examples)s.",
                    count,
                )
                % {
                    "count": count,
                    "what": related._meta.verbose_name,
                    "what_plural": related._meta.verbose_name_plural,
                    "examples": examples,
                }
            )
    return found


def undo_blockers(job: ImportJob) -> list[str]:
    """Why the job cannot be undone; an empty list when it can."""
    if job.status != ImportStatus.DONE or job.finished_at is None:
        return [_("Only a finished import can be undone.")]
    created = _created(job)
    blockers: list[str] = []
    for model, ids in created.items():
        blockers += _later_changes(job, model, ids)
        blockers += _new_references(model, ids, created)
    for model, rows in _previous(job).items():
        blockers += _later_changes(job, model, list(rows))
    return blockers


def check_undo_job(job: ImportJob, *, actor: Any) -> ImportJob:
    blockers = undo_blockers(job)
    if blockers:
        raise UndoError(
            _("This import cannot be undone: %(reasons)s") % {"reasons": " ".join(blockers)}
        )
    return do_undo_job(job, actor=actor)


def do_undo_job(job: ImportJob, *, actor: Any) -> ImportJob:
    """Delete what the job created (last created first) and restore what it merged."""
    created = _created(job)
    with transaction.atomic(), acting_as(actor):
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        for model in reversed(list(created)):
            model._default_manager.filter(pk__in=created[model]).delete()
        for model, rows in _previous(job).items():
            for pk, values in rows.items():
                model._default_manager.filter(pk=pk).update(**values)
                if hasattr(model, "set_name_key"):
                    # The folded search key follows the restored name.
                    obj = model._default_manager.get(pk=pk)
                    obj.set_name_key()
                    model._default_manager.filter(pk=pk).update(name_key=obj.name_key)  # type: ignore[attr-defined]
        job.status = ImportStatus.UNDONE
        job.undone_at = timezone.now()
        job.save(update_fields=["status", "undone_at"])
        log_job(job, actor=actor, action=LogEntry.Action.DELETE)
    return job
