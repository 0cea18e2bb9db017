"""Periodic jobs of the reception, run by `python -m cityties tick`: the reminders to the
guests who have not answered, and the retention purge of guests' personal data."""

from __future__ import annotations

from datetime import timedelta

from cityties.core.tick import JobRun, periodic

from .models import Invitation
from .services import do_erase_guests, due_reminders, guests_to_erase
from .tasks import send_reminder


@periodic("reception.rsvp_reminders", every=timedelta(minutes=30))
def rsvp_reminders(run: JobRun) -> None:
    sent = []
    for pk in due_reminders(run.now):
        # The claim makes it once per invitation, whatever the number of ticks.
        if run.claim(f"reception.reminder:{pk}"):
            run.enqueue(send_reminder, pk)
            sent.append(pk)
    Invitation.objects.filter(pk__in=sent).update(reminded_at=run.now)
    run.note(f"{len(sent)} reminders")


@periodic("reception.erase_guests", every=timedelta(days=1))
def erase_guests(run: JobRun) -> None:
    ids = list(guests_to_erase(run.now).values_list("pk", flat=True)[:5000])
    run.note(f"{do_erase_guests(ids, now=run.now)} guests erased")
