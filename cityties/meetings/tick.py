"""Periodic jobs of meetings, run by `python -m cityties tick`."""

from __future__ import annotations

from datetime import timedelta

from cityties.core.tick import JobRun, periodic

from .services import purge_imports, send_due_action_reminders


@periodic("meetings.action_reminders", every=timedelta(hours=1))
def action_reminders(run: JobRun) -> None:
    # The sent-records make this idempotent by themselves; the run's enqueue stores each
    # mail in the same transaction as its record.
    run.items += send_due_action_reminders(run.now, enqueue=run.enqueue)


@periodic("meetings.purge_imports", every=timedelta(hours=1))
def purge_minutes_imports(run: JobRun) -> None:
    """Uploaded minutes are kept only while their import waits for review (a week)."""
    run.items += purge_imports(run.now)
