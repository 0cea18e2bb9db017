"""Invitations by mail, each in its invitee's language, with the meeting as an iCal
attachment (the calendar's own iCal writer). A row is sent its invitation once per
schedule: changing the date, the place or the link makes the next sending an update."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext

from cityties.core.audit import acting_as
from cityties.events.ical import CalendarItem, calendar_bytes

from ..models import Attendance, Meeting
from .errors import ensure_draft


def calendar_item(meeting: Meeting) -> CalendarItem:
    """The meeting for a calendar program, in the active language."""
    agenda = [
        f"{position}. {item.title}"
        for position, item in enumerate(meeting.agenda_items.order_by("position", "id"), start=1)
    ]
    description = meeting.group.name
    if agenda:
        description += "\n\n" + gettext("Agenda") + "\n" + "\n".join(agenda)
    if meeting.video_link:
        description += "\n\n" + gettext("Video link: %(url)s") % {"url": meeting.video_link}
    return CalendarItem(
        uid=f"meeting-{meeting.pk}@cityties",
        summary=meeting.title,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        time_zone=meeting.time_zone,
        description=description,
        location=meeting.place or meeting.video_link,
        url=meeting.video_link,
    )


def meeting_calendar(meeting: Meeting, language: str) -> bytes:
    with translation.override(language):
        return calendar_bytes(meeting.title, [calendar_item(meeting)])


def pending_invitations(meeting: Meeting) -> Any:
    """Rows with an address whose invitation is not sent, or out of date."""
    return (
        meeting.attendances.exclude(email="")
        .filter(Q(invited_sequence__isnull=True) | ~Q(invited_sequence=meeting.sequence))
        .order_by("last_name", "first_name", "id")
    )


def check_send_invitations(meeting: Meeting, *, actor: Any) -> int:
    """Queue the invitations still to send; return how many."""
    from ..tasks import send_invitation

    ensure_draft(meeting)
    now = timezone.now()
    with transaction.atomic(), acting_as(actor):
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        rows = list(pending_invitations(meeting))
        for row in rows:
            row.invited_at = now
            row.invited_sequence = meeting.sequence
            row.save(update_fields=["invited_at", "invited_sequence"])
            transaction.on_commit(partial(send_invitation.enqueue, row.pk))
    return len(rows)


def invitation_context(row: Attendance) -> dict[str, Any]:
    meeting = row.meeting
    return {
        "row": row,
        "meeting": meeting,
        "agenda": list(meeting.agenda_items.select_related("presenter").order_by("position")),
        "update": row.invited_sequence not in (None, 0),
    }
