"""Periodic jobs of the outcomes, run by `python -m cityties tick`."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from cityties.core.tick import JobRun, periodic

from .services import send_due_reminders, send_due_surveys


@periodic("outcomes.surveys", every=timedelta(hours=1))
def surveys(run: JobRun) -> None:
    # Each invitation and reminder claims its key in the run's transaction, which also
    # holds its mail: once each, whatever the number of ticks.
    sent = send_due_surveys(run)
    reminded = send_due_reminders(run)
    run.note(f"{sent} surveys sent, {reminded} reminders")


@periodic("outcomes.survey_retention", every=timedelta(days=1))
def survey_retention(run: JobRun) -> None:
    """The answers' free text (it may name people) is erased after the retention period;
    the scores and the records they made stay."""
    from .models import SurveyInvitation

    cutoff = run.now - timedelta(days=settings.PERSON_RETENTION_DAYS)
    erased = (
        SurveyInvitation.objects.filter(answered_at__lt=cutoff)
        .exclude(comments="", followups=[])
        .update(comments="", followups=[])
    )
    run.note(f"{erased} answers' free text erased")
