"""Periodic jobs of the imports: purge the uploaded spreadsheets after 30 days."""

from __future__ import annotations

from datetime import timedelta

from cityties.core.tick import JobRun, periodic

from .models import ImportJob, ImportStatus

UPLOAD_RETENTION = timedelta(days=30)


@periodic("imports.purge_uploads", every=timedelta(hours=1))
def purge_import_uploads(run: JobRun) -> None:
    """Delete the uploaded spreadsheets of imports older than 30 days; the import's record
    (counts, report) stays. Deleting a file twice is harmless, so a crash between the
    deletion and the commit only means the next tick clears the reference."""
    jobs = ImportJob.objects.filter(created_at__lt=run.now - UPLOAD_RETENTION).exclude(file="")
    unfinished = [ImportStatus.UPLOADED, ImportStatus.MAPPED]
    for job in jobs.iterator():
        job.file.storage.delete(job.file.name or "")
        fields: dict[str, str] = {"file": ""}
        if job.status in unfinished:
            fields["status"] = ImportStatus.FAILED
        ImportJob.objects.filter(pk=job.pk).update(**fields)
        run.items += 1
