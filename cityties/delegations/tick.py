"""Periodic jobs of delegations, run by `python -m cityties tick`."""

from __future__ import annotations

from datetime import timedelta

from cityties.core.tick import JobRun, periodic

from .services import send_due_milestone_reminders


@periodic("delegations.milestone_reminders", every=timedelta(hours=1))
def milestone_reminders(run: JobRun) -> None:
    # The sent-records make this idempotent by themselves; the run's enqueue stores each
    # mail in the same transaction as its record.
    run.items += send_due_milestone_reminders(run.now, enqueue=run.enqueue)
