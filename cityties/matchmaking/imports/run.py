"""An attendee list imported in one call, as the command line does (the demo, the
benchmark and the tests use it): read, map by the headers, check, and write all of it or
nothing; the job is recorded like any other import."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from cityties.events.models import Event
from cityties.imports.jobs import validate_job, writable, write
from cityties.imports.mapping import guess_mapping
from cityties.imports.models import ImportJob, ImportStatus
from cityties.imports.reading import read_table
from cityties.imports.registry import WriteResult
from cityties.imports.validation import Options, ValidationResult


@dataclass
class Imported:
    result: ValidationResult
    outcome: WriteResult | None
    job: ImportJob | None


def import_attendees(
    data: bytes, filename: str, *, event: Event, actor: Any, source: str = ""
) -> Imported:
    table = read_table(data, filename, "attendees")
    options = Options(defaults={"event": str(event.pk)})
    job = ImportJob(
        kind="attendees",
        source_name=source or filename,
        original_filename=filename,
        created_by=actor,
        status=ImportStatus.RUNNING,
        mapping=guess_mapping("attendees", table.headers),
        options=options.as_dict(),
        total_rows=len(table.rows),
    )
    result = validate_job(job, table, user=actor, decisions={"*": "skip"})
    if not writable(result, options):
        return Imported(result, None, None)
    with transaction.atomic():
        job.file.save(filename, ContentFile(data), save=False)
        job.save()
        outcome = write(job, result, user=actor)
    return Imported(result, outcome, job)
