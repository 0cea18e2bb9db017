"""State changes of an import job: created from an upload, mapped, then queued, undone.

Reading, validation and the write live in `jobs` (and each kind's module); the job runs
in the background task `tasks.run_import`.
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import File
from django.db import transaction

from .mapping import initial_mapping, initial_options, save_mapping
from .models import ImportJob, ImportStatus
from .reading import Table
from .tasks import run_import
from .undo import check_undo_job

__all__ = [
    "check_undo_job",
    "do_create_job",
    "do_set_mapping",
    "do_set_options",
    "do_start_job",
]


def do_create_job(
    *,
    actor: Any,
    kind: str,
    source_name: str,
    upload: File[Any],
    table: Table,
    organisation: Any,
    filename: str | None = None,
) -> ImportJob:
    name = filename or upload.name or "import"
    job = ImportJob(
        kind=kind,
        source_name=source_name,
        original_filename=name,
        created_by=actor,
        organisation=organisation,
        total_rows=len(table.rows),
        mapping=initial_mapping(kind, table.headers, source_name, organisation),
        options=initial_options(kind, source_name, organisation),
    )
    with transaction.atomic():
        job.file.save(name, upload, save=False)
        job.save()
    return job


def do_set_mapping(
    job: ImportJob,
    mapping: dict[str, str],
    *,
    actor: Any,
    defaults: dict[str, str] | None = None,
) -> ImportJob:
    with transaction.atomic():
        job.mapping = {key: value for key, value in mapping.items() if value}
        if defaults is not None:
            job.options = {**job.options, "defaults": {k: v for k, v in defaults.items() if v}}
        job.status = ImportStatus.MAPPED
        job.save(update_fields=["mapping", "options", "status"])
        # The mapping is remembered for the next file from the same source.
        save_mapping(job.kind, job.source_name, job.organisation, job.mapping, job.options)
    return job


def do_set_options(job: ImportJob, options: dict[str, Any], *, actor: Any) -> ImportJob:
    """Value remapping and switches chosen on the preview; remembered for the source."""
    with transaction.atomic():
        job.options = {**job.options, **options}
        job.save(update_fields=["options"])
        save_mapping(job.kind, job.source_name, job.organisation, job.mapping, job.options)
    return job


def do_start_job(job: ImportJob, decisions: dict[str, str], *, actor: Any) -> ImportJob:
    """Queue the job with the merge/skip decisions; the task checks everything again."""
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
