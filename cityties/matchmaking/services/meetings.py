"""Meetings after the scheduler: moved and locked by hand, published (confirmed), cancelled,
and followed up on site (held or no-show, a private note, the follow-up planned).

A move writes the meeting and its two bookings in one transaction; the unique constraints
on (person, slot) and (place, slot, table) make the database refuse a double booking even
when two people move meetings at the same moment. Once published, every change to a
person's agenda is recorded and mailed to them once by the clock.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as
from cityties.events.models import Event

from ..models import (
    AgendaChange,
    Booking,
    ChangeKind,
    EventSetup,
    Followup,
    Meeting,
    MeetingStatus,
    Place,
    Profile,
    Slot,
    Unavailability,
)
from .errors import BookingConflict, MatchmakingError
from .setup import plenaries, setup_of, zone_of


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _parties(meeting: Meeting) -> tuple[Profile, Profile]:
    return meeting.request.sender, meeting.request.recipient


def record_change(meeting: Meeting, kind: str) -> None:
    """A change to a published meeting, to mail both people once."""
    if meeting.confirmed_at is None:
        return
    sender, recipient = _parties(meeting)
    AgendaChange.objects.bulk_create(
        [
            AgendaChange(
                profile=person,
                kind=kind,
                starts_at=meeting.slot.starts_at,
                place=meeting.place.name,
                other=str(other),
            )
            for person, other in ((sender, recipient), (recipient, sender))
        ]
    )


def _why_busy(meeting: Meeting, slot: Slot) -> str | None:
    """Why one of the two people cannot meet in `slot`, or None."""
    from .schedule import session_busy

    people = _parties(meeting)
    ids = [p.pk for p in people]
    if any(
        s.starts_at < slot.ends_at and slot.starts_at < s.ends_at for s in plenaries(meeting.event)
    ):
        return str(_("a plenary takes this slot"))
    taken = (
        Booking.objects.filter(profile_id__in=ids, slot=slot)
        .exclude(meeting=meeting)
        .values_list("profile_id", flat=True)
    )
    refused = set(taken) | set(
        Unavailability.objects.filter(profile_id__in=ids, slot=slot).values_list(
            "profile_id", flat=True
        )
    )
    delegates = {
        p.pk: (p.delegate_id, p.delegate.person_id, p.delegate.participant.delegation_id)  # type: ignore[union-attr]
        for p in people
        if p.delegate_id is not None
    }
    for profile_id, busy in session_busy(meeting.event, delegates, [slot]).items():
        if slot.pk in busy:
            refused.add(profile_id)
    for person in people:
        if person.pk in refused:
            return str(_("%(name)s is not free then") % {"name": person.name})
    return None


def check_move_meeting(
    meeting: Meeting, *, actor: Any, slot: Slot, place: Place, lock: bool = True
) -> Meeting:
    """Move a meeting by hand to a free table of `place` in `slot` (locked by default, so
    that a re-plan leaves it there)."""
    if slot.event_id != meeting.event_id or place.event_id != meeting.event_id:
        raise MatchmakingError(_("A slot or place of another event."), code="other_event")
    reason = _why_busy(meeting, slot)
    if reason:
        raise BookingConflict(
            _("This meeting cannot go there: %(reason)s.") % {"reason": reason},
            code="person_busy",
        )
    moved = (meeting.slot_id, meeting.place_id) != (slot.pk, place.pk)
    try:
        with transaction.atomic(), acting_as(actor):
            EventSetup.objects.select_for_update().filter(event_id=meeting.event_id).first()
            if moved:
                taken = set(
                    Meeting.objects.filter(place=place, slot=slot)
                    .exclude(pk=meeting.pk)
                    .values_list("table", flat=True)
                )
                free = [n for n in range(1, place.capacity + 1) if n not in taken]
                if not free:
                    raise BookingConflict(
                        _("Every table of %(place)s is taken in this slot.")
                        % {"place": place.name},
                        code="no_table",
                    )
                meeting.slot, meeting.place, meeting.table = slot, place, free[0]
            meeting.locked = lock
            meeting.updated_by = _user(actor)
            meeting.save()
            if moved:
                Booking.objects.filter(meeting=meeting).update(slot=slot)
                record_change(meeting, ChangeKind.MOVED)
    except IntegrityError as exc:
        raise BookingConflict(
            _("Someone else took this slot or table just now; choose another."),
            code="double_booking",
        ) from exc
    return meeting


def check_lock_meeting(meeting: Meeting, *, actor: Any, locked: bool) -> Meeting:
    with transaction.atomic(), acting_as(actor):
        meeting.locked = locked
        meeting.updated_by = _user(actor)
        meeting.save(update_fields=["locked", "updated_by", "updated_at"])
    return meeting


def do_cancel_meeting(meeting: Meeting, *, actor: Any) -> None:
    with transaction.atomic(), acting_as(actor):
        record_change(meeting, ChangeKind.CANCELLED)
        meeting.delete()


def check_publish(event: Event, *, actor: Any, notify: bool = True) -> int:
    """Confirm every planned meeting (a re-plan keeps them); each person is told once."""
    now = timezone.now()
    with transaction.atomic(), acting_as(actor):
        setup = EventSetup.objects.select_for_update().get(pk=setup_of(event).pk)
        fresh = list(
            Meeting.objects.filter(event=event, confirmed_at__isnull=True).select_related(
                "slot", "place", "request__sender", "request__recipient"
            )
        )
        Meeting.objects.filter(pk__in=[m.pk for m in fresh]).update(confirmed_at=now)
        if notify:
            for meeting in fresh:
                meeting.confirmed_at = now
                record_change(meeting, ChangeKind.PLACED)
        setup.published_at = now
        setup.save(update_fields=["published_at"])
    return len(fresh)


ONSITE_STATUSES = (MeetingStatus.PLANNED, MeetingStatus.HELD, MeetingStatus.NO_SHOW)


def check_record_onsite(
    meeting: Meeting,
    *,
    actor: Any,
    status: str,
    note: str = "",
    followup: str = "",
    side: str = "sender",
) -> Meeting:
    """Held or no-show, a short private note of one side (the sender's, or the recipient's
    when a delegate), and the one question after the meeting ("Follow-up planned?"),
    which the outcomes area turns into an outcome record."""
    if side not in ("sender", "recipient"):
        raise MatchmakingError(_("Unknown side."), code="invalid_side")
    if status not in ONSITE_STATUSES:
        raise MatchmakingError(_("Unknown status."), code="invalid_status")
    if followup and followup not in Followup.values:
        raise MatchmakingError(_("Unknown answer."), code="invalid_followup")
    if followup and status != MeetingStatus.HELD:
        raise MatchmakingError(
            _("A follow-up is asked after a meeting held."), code="followup_needs_held"
        )
    note = note.strip()
    if len(note) > 500:
        raise MatchmakingError(_("The note is too long (500 characters)."), code="note_too_long")
    with transaction.atomic(), acting_as(actor):
        if followup != meeting.followup:
            record_followup(meeting, actor=actor, followup=followup, side=side)
        meeting.status = status
        if side == "sender":
            meeting.note = note
        else:
            meeting.recipient_note = note
        if followup != meeting.followup:
            meeting.followup = followup
            meeting.followup_at = timezone.now() if followup else None
        meeting.updated_by = _user(actor)
        meeting.save()
    return meeting


# --- The follow-up as an outcome record -------------------------------------------------

OUTCOME_OF_FOLLOWUP = {
    Followup.CONTACT: "contact",
    Followup.PROPOSAL: "proposal",
    Followup.TENDER: "tender",
    Followup.CONTRACT: "contract",
}


def record_followup(meeting: Meeting, *, actor: Any, followup: str, side: str) -> None:
    """The answer to "Follow-up planned?" becomes the outcome record of the side's
    participant, linked to the meeting (source "meeting feedback"); a new answer replaces
    it, "none" removes it. Nothing without the outcomes area."""
    from django.apps import apps as registry

    if not registry.is_installed("cityties.outcomes"):
        return
    from django.contrib.contenttypes.models import ContentType

    from cityties.outcomes import services as outcomes
    from cityties.outcomes.models import OutcomeRecord, Source

    mine, other = _parties(meeting) if side == "sender" else _parties(meeting)[::-1]
    if mine.delegate_id is None:
        return
    participant = mine.delegate.participant  # type: ignore[union-attr]
    kind_type = ContentType.objects.get_for_model(Meeting)
    for record in OutcomeRecord.objects.filter(
        source=Source.MEETING,
        meeting_type=kind_type,
        meeting_id=meeting.pk,
        participant=participant,
    ):
        outcomes.do_delete_record(record, actor=actor)
    kind = OUTCOME_OF_FOLLOWUP.get(followup)  # type: ignore[call-overload]
    if kind is None:
        return
    local = meeting.slot.starts_at.astimezone(zone_of(meeting.event))
    try:
        outcomes.check_create_record(
            actor=actor,
            participant=participant,
            source=Source.MEETING,
            fields={
                "kind": kind,
                "title": str(_("After the meeting with %(name)s") % {"name": other.name})[:200],
                "counterpart": other.organisation_name or other.name,
                "occurred_on": local.date(),
                "meeting": f"{kind_type.pk}:{meeting.pk}",
            },
        )
    except outcomes.OutcomeError as exc:
        raise MatchmakingError(str(exc), code=exc.code) from exc


# --- Mailing the changes, once -----------------------------------------------------------


def send_agenda_changes(
    now: datetime, *, claim: Callable[[str], bool], enqueue: Callable[..., None]
) -> int:
    """One mail per person with the changes to their agenda not yet sent."""
    from ..tasks import send_agenda_change_mail

    pending: dict[int, list[int]] = defaultdict(list)
    for pk, profile_id in AgendaChange.objects.filter(sent_at__isnull=True).values_list(
        "pk", "profile_id"
    ):
        pending[profile_id].append(pk)
    mails = 0
    for profile_id, ids in pending.items():
        fresh = [pk for pk in ids if claim(f"matchmaking.change:{pk}")]
        AgendaChange.objects.filter(pk__in=ids).update(sent_at=now)
        if fresh:
            enqueue(send_agenda_change_mail, profile_id, fresh)
            mails += 1
    return mails


def meetings_of(profile: Profile) -> Any:
    return (
        Meeting.objects.filter(Q(request__sender=profile) | Q(request__recipient=profile))
        .select_related("slot", "place", "request__sender", "request__recipient")
        .order_by("slot__starts_at")
    )


def followups(event: Event) -> Any:
    """Meetings held with a follow-up planned: what the outcomes area records."""
    return (
        Meeting.objects.filter(event=event, status=MeetingStatus.HELD)
        .exclude(followup="")
        .exclude(followup=Followup.NONE)
        .select_related("request__sender", "request__recipient")
    )


__all__ = [
    "check_lock_meeting",
    "check_move_meeting",
    "check_publish",
    "check_record_onsite",
    "do_cancel_meeting",
    "followups",
    "meetings_of",
    "record_change",
    "send_agenda_changes",
]
