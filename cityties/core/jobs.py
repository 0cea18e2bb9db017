"""The core's periodic jobs: the retention review."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_noop

from . import retention
from .tasks import mail_staff
from .tick import JobRun, periodic


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
