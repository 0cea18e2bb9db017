"""Import jobs: who may import, running a job (validate then write), its summary."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cityties.accounts.permissions import is_member_officer, is_network_staff
from cityties.core.text import format_number as number

from ..models import ImportJob, ImportStatus
from .reading import ImportFileError, Table, read_table
from .validation import RowError, validate_table
from .writing import write_rows

logger = logging.getLogger(__name__)

# Validation is reported as the first 90 % of the bar; the write pass completes it.
VALIDATION_SHARE = 0.9


def can_import(user: Any) -> bool:
    """Network staff import anything; member officers import for their own organisations."""
    return bool(is_network_staff(user) or is_member_officer(user))


def load_job_table(job: ImportJob) -> Table:
    with job.file.open("rb") as handle:
        data = handle.read()
    return read_table(data, job.original_filename)


def _fail(job: ImportJob, errors: list[RowError]) -> None:
    job.status = ImportStatus.FAILED
    job.report = [e.as_dict() for e in sorted(errors, key=lambda e: e.row)]
    job.processed_rows = 0
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "report", "processed_rows", "finished_at"])


def run_job(job_id: int) -> dict[str, Any]:
    """Validate then write an import job; on any error nothing is written."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status not in (ImportStatus.QUEUED, ImportStatus.MAPPED):
        return {"status": job.status}
    user = job.created_by
    with translation.override(getattr(user, "language", None) or settings.LANGUAGE_CODE):
        job.status = ImportStatus.RUNNING
        job.save(update_fields=["status"])
        try:
            table = load_job_table(job)
        except (ImportFileError, OSError) as exc:
            _fail(job, [RowError(0, "", str(exc), getattr(exc, "code", "unreadable_file"))])
            return {"status": job.status}
        total = len(table.rows)
        job.total_rows = total
        job.save(update_fields=["total_rows"])

        def progress(done: int) -> None:
            # Progress is written during validation, outside the write transaction, so
            # other connections see it (on PostgreSQL a write inside it would stay hidden).
            ImportJob.objects.filter(pk=job.pk).update(processed_rows=int(done * VALIDATION_SHARE))

        result = validate_table(
            job.kind,
            table,
            job.mapping,
            user=user,
            decisions={str(k): v for k, v in job.decisions.items()},
            progress=progress,
        )
        if not result.ok:
            _fail(job, result.errors)
            return {"status": job.status, "errors": len(result.errors)}
        try:
            created, updated = write_rows(result, user=user)
        except Exception:
            logger.exception("Import job %s failed while writing", job.pk)
            _fail(
                job,
                [
                    RowError(
                        0,
                        "",
                        _("The import failed unexpectedly; nothing was written."),
                        "write_failed",
                    )
                ],
            )
            return {"status": job.status}
        job.status = ImportStatus.DONE
        job.processed_rows = total
        job.created_count = created
        job.updated_count = updated
        job.report = []
        job.finished_at = timezone.now()
        job.save(
            update_fields=[
                "status",
                "processed_rows",
                "created_count",
                "updated_count",
                "report",
                "finished_at",
            ]
        )
        return {"status": job.status, "created": created, "updated": updated}


def summary(created: int, updated: int) -> str:
    # Two plurals, one per count: French agrees "créée"/"créées" and "mise"/"mises".
    made = ngettext("%(n)s record created", "%(n)s records created", created) % {
        "n": number(created)
    }
    changed = ngettext("%(n)s updated", "%(n)s updated", updated) % {"n": number(updated)}
    return _("%(created)s, %(updated)s.") % {"created": made, "updated": changed}
