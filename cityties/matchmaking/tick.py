"""Periodic jobs of matchmaking, run by `python -m cityties tick`: requests expire, a
reminder goes before they do, agenda changes are mailed, attendees are erased after the
retention period. Each mail is claimed once (`run.claim`), whatever the number of ticks."""

from __future__ import annotations

from datetime import timedelta

from cityties.core.tick import JobRun, periodic

from . import services


@periodic("matchmaking.requests", every=timedelta(minutes=15))
def requests(run: JobRun) -> None:
    expired = services.expire_requests(run.now)
    reminded = services.send_due_reminders(run.now, claim=run.claim, enqueue=run.enqueue)
    run.note(f"{expired} requests expired, {reminded} reminders")


@periodic("matchmaking.agenda_changes", every=timedelta(minutes=5))
def agenda_changes(run: JobRun) -> None:
    mails = services.send_agenda_changes(run.now, claim=run.claim, enqueue=run.enqueue)
    run.note(f"{mails} agendas mailed")


@periodic("matchmaking.purge_attendees", every=timedelta(days=1))
def purge_attendees(run: JobRun) -> None:
    erased = services.purge_due_attendees(run.now)
    run.items += erased
    run.note(f"{erased} attendees erased")
