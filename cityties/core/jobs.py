"""The core's periodic jobs: purge old import uploads, run the retention review."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_noop

from . import retention
from .tasks import mail_staff
from .tick import JobRun, periodic

UPLOAD_RETENTION = timedelta(days=30)


def _old_import_uploads(cutoff: datetime) -> tuple[Any, Any, QuerySet[Any]]:
    # Lazy: the import models are moving to their own app.
    from cityties.network.models import ImportJob, ImportStatus

    return ImportJob, ImportStatus, ImportJob.objects.filter(created_at__lt=cutoff).exclude(file="")


@periodic("imports.purge_uploads", every=timedelta(hours=1))
def purge_import_uploads(run: JobRun) -> None:
    """Delete the uploaded spreadsheets of imports older than 30 days; the import's record
    (counts, report) stays. Deleting a file twice is harmless, so a crash between the
    deletion and the commit only means the next tick clears the reference."""
    model, status, jobs = _old_import_uploads(run.now - UPLOAD_RETENTION)
    unfinished = [status.UPLOADED, status.MAPPED]
    for job in jobs.iterator():
        job.file.storage.delete(job.file.name)
        fields = {"file": ""}
        if job.status in unfinished:
            fields["status"] = status.FAILED
        model.objects.filter(pk=job.pk).update(**fields)
        run.items += 1


@periodic("core.retention_review", every=timedelta(days=1))
def retention_review(run: JobRun) -> None:
    """Flag the people who reached the retention period and tell staff once about them."""
    newly_due = 0
    due = retention.people_to_review(run.now).values_list("pk", "last_contact")  # type: ignore[misc]
    for pk, last_contact in due.iterator():
        # The key carries the last contact: a person kept, then due again, is new again.
        if run.claim(f"retention:{pk}:{last_contact:%Y%m%d%H%M%S}"):
            newly_due += 1
    run.note(f"{newly_due} newly due for review")
    if newly_due:
        run.enqueue(
            mail_staff,
            gettext_noop("People to review for erasure"),
            "core/email/retention_review.txt",
            {
                "count": newly_due,
                "url": settings.SITE_URL.rstrip("/") + reverse("core:retention"),
                "years": settings.PERSON_RETENTION_DAYS // 365,
            },
        )
