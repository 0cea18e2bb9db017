"""Running an import job: read, validate through its kind, then write all of it, only
its valid rows (when the person chose so), or nothing."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cityties.core.text import format_number

from .audit import log_job
from .models import ImportJob, ImportStatus
from .reading import ImportFileError, Table, read_table
from .registry import WriteResult, get_kind
from .validation import Options, RowError, ValidationResult

logger = logging.getLogger(__name__)

# Validation is reported as the first 90 % of the bar; the write pass completes it.
VALIDATION_SHARE = 0.9


def load_job_table(job: ImportJob) -> Table:
    with job.file.open("rb") as handle:
        data = handle.read()
    return read_table(data, job.original_filename, job.kind)


def validate_job(
    job: ImportJob,
    table: Table,
    *,
    user: Any,
    decisions: dict[str, str] | None = None,
    progress: Any = None,
) -> ValidationResult:
    kind = get_kind(job.kind)
    return kind.validate(
        table,
        job.mapping,
        user=user,
        options=Options.from_dict(job.options),
        decisions=decisions,
        progress=progress,
    )


def _fail(job: ImportJob, errors: list[RowError]) -> None:
    job.status = ImportStatus.FAILED
    job.report = [e.as_dict() for e in sorted(errors, key=lambda e: e.row)]
    job.processed_rows = 0
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "report", "processed_rows", "finished_at"])


def writable(result: ValidationResult, options: Options) -> bool:
    """Whether the file may be written: no error, or the person chose to leave the rows in
    error out (and no error concerns the whole file)."""
    if result.ok:
        return True
    return options.skip_invalid and not result.blocking


def write(job: ImportJob, result: ValidationResult, *, user: Any) -> WriteResult:
    """Write the valid rows in one transaction, with the job's audit entry."""
    kind = get_kind(job.kind)
    result.rows = result.valid_rows()
    with transaction.atomic():
        outcome = kind.write(result, user=user, job=job)
        job.status = ImportStatus.DONE
        job.processed_rows = job.total_rows
        job.created_count = sum(outcome.created.values())
        job.updated_count = outcome.updated
        job.outcome = {
            "created": outcome.created,
            "updated": outcome.updated,
            "matched": outcome.matched,
            "skipped": outcome.skipped,
            "invalid_rows": len(result.error_rows),
        }
        job.written = {"created": outcome.created_ids, "previous": outcome.previous}
        job.report = [e.as_dict() for e in result.sorted_errors()]
        job.finished_at = timezone.now()
        job.save(
            update_fields=[
                "status",
                "processed_rows",
                "created_count",
                "updated_count",
                "outcome",
                "written",
                "report",
                "finished_at",
            ]
        )
        log_job(job, actor=user)
    return outcome


def run_job(job_id: int) -> dict[str, Any]:
    """Validate then write an import job; on any error nothing is written, unless the
    person chose to import only the valid rows."""
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

        result = validate_job(
            job,
            table,
            user=user,
            decisions={str(k): v for k, v in job.decisions.items()},
            progress=progress,
        )
        if not writable(result, Options.from_dict(job.options)):
            _fail(job, result.errors)
            return {"status": job.status, "errors": len(result.errors)}
        try:
            outcome = write(job, result, user=user)
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
        return {"status": job.status, "created": outcome.created, "updated": outcome.updated}


def created_phrase(job: ImportJob) -> str:
    """ "3 327 partnerships, 1 200 organisations": what a job created, in words."""
    kind = get_kind(job.kind)
    created = job.outcome.get("created", {}) if job.outcome else {}
    parts = [kind.count_label(key, n) for key, n in created.items() if n]
    return ", ".join(parts) or _("nothing new")


def number(n: int) -> str:
    return format_number(n)
