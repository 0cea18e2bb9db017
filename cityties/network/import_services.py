"""State changes of an import job: created from an upload, mapped, then queued.

The parsing, validation and all-or-nothing write live in `imports`; the job itself runs
in the background task `tasks.run_import`.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from . import imports
from .models import ImportJob, ImportStatus, Organisation
from .tasks import run_import


def do_create_job(
    *,
    actor: Any,
    kind: str,
    source_name: str,
    upload: UploadedFile,
    table: imports.Table,
    organisation: Organisation | None,
) -> ImportJob:
    job = ImportJob(
        kind=kind,
        source_name=source_name,
        original_filename=upload.name or "",
        created_by=actor,
        organisation=organisation,
        total_rows=len(table.rows),
        mapping=imports.initial_mapping(kind, table.headers, source_name, organisation),
    )
    with transaction.atomic():
        job.file.save(upload.name or "import", upload, save=False)
        job.save()
    return job


def do_set_mapping(job: ImportJob, mapping: dict[str, str], *, actor: Any) -> ImportJob:
    with transaction.atomic():
        job.mapping = {key: value for key, value in mapping.items() if value}
        job.status = ImportStatus.MAPPED
        job.save(update_fields=["mapping", "status"])
        # The mapping is remembered for the next file from the same source.
        imports.save_mapping(job.kind, job.source_name, job.organisation, job.mapping)
    return job


def do_start_job(job: ImportJob, decisions: dict[str, str], *, actor: Any) -> ImportJob:
    """Queue the job with the merge/skip decisions; the task checks them again."""
    with transaction.atomic():
        job.decisions = decisions
        job.status = ImportStatus.QUEUED
        job.processed_rows = 0
        job.save(update_fields=["decisions", "status", "processed_rows"])
    # Enqueued after the commit so that a database worker sees the queued job.
    task = run_import.enqueue(job.pk)
    ImportJob.objects.filter(pk=job.pk).update(task_id=str(task.id)[:64])
    job.refresh_from_db()
    return job
