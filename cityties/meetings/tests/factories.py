"""A meeting with one of everything, made through the services (the permission matrix,
the API fuzzing and the tests use it)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from cityties.meetings import services as svc
from cityties.meetings.models import Meeting
from cityties.network.models import CountryGroup, Person

PARIS = ZoneInfo("Europe/Paris")


def make_meeting(
    group: CountryGroup,
    *,
    chair: Person | None = None,
    secretary: Person | None = None,
    actor: Any = None,
    starts_at: datetime | None = None,
    **values: Any,
) -> Meeting:
    starts_at = starts_at or datetime(2016, 3, 30, 10, 0, tzinfo=PARIS)
    values.setdefault("title", "Réunion du groupe-pays")
    values.setdefault("ends_at", starts_at.replace(hour=13))
    values.setdefault("place", "Cités Unies France, Paris")
    return svc.check_create_meeting(
        group, actor=actor, starts_at=starts_at, chair=chair, secretary=secretary, **values
    )


def make_full_meeting(
    group: CountryGroup, *, chair: Person, approve: bool = True
) -> dict[str, Any]:
    """A meeting chaired by `chair`, with an agenda item, an attendance row, a decision,
    an action item of the chair's organisation and (unless `approve` is false) an
    approved version: the ids of each."""
    meeting = make_meeting(group, chair=chair)
    item = svc.check_add_agenda_item(meeting, actor=None, title="Congrès de la NLC")
    (row,) = svc.check_add_attendees(meeting, actor=None, people=[chair], status="present")
    decision = svc.check_add_decision(meeting, actor=None, text="Écrire à Business France")
    action = svc.check_add_action(
        meeting,
        actor=None,
        text="Écrire à Business France",
        owner_organisation=chair.organisation,
        owner_person=chair,
        due_on=date(2016, 4, 15),
        agenda_item=item,
    )
    version = svc.check_approve_minutes(meeting, actor=None) if approve else None
    return {
        "meeting": meeting.pk,
        "item": item.pk,
        "attendance": row.pk,
        "decision": decision.pk,
        "action": action.pk,
        "version": version.number if version else 0,
    }
