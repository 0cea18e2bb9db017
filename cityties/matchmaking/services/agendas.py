"""Agendas: each person's meetings (and, for a delegate, the sessions of their itinerary)
in the event's time zone, for the page, the PDF and iCal; and the sheet of a place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from cityties.delegations.services import itinerary
from cityties.events.ical import CalendarItem

from ..models import Meeting, Place, Profile, Slot


@dataclass(frozen=True)
class Entry:
    starts_at: datetime
    ends_at: datetime
    title: str
    place: str
    detail: str
    meeting: Meeting | None = None
    uid: str = ""


def _other(meeting: Meeting, profile: Profile) -> Profile:
    request = meeting.request
    return request.recipient if request.sender_id == profile.pk else request.sender


def agenda(profile: Profile) -> list[Entry]:
    """Meetings and sessions in time order (a fixed number of queries)."""
    meetings = (
        Meeting.objects.filter(Q(request__sender=profile) | Q(request__recipient=profile))
        .select_related("slot", "place", "request__sender", "request__recipient")
        .order_by("slot__starts_at")
    )
    entries = []
    for meeting in meetings:
        other = _other(meeting, profile)
        entries.append(
            Entry(
                starts_at=meeting.slot.starts_at,
                ends_at=meeting.slot.ends_at,
                title=_("Meeting with %(name)s") % {"name": other.name},
                place=_("%(place)s, table %(table)s")
                % {"place": meeting.place.name, "table": meeting.table},
                detail=other.organisation_name,
                meeting=meeting,
                uid=f"meeting-{meeting.pk}@cityties",
            )
        )
    if profile.delegate_id is not None:
        for session in itinerary(profile.delegate):  # type: ignore[arg-type]
            entries.append(
                Entry(
                    starts_at=session.starts_at,
                    ends_at=session.ends_at,
                    title=session.title,
                    place=session.place,
                    detail=session.get_kind_display(),
                    uid=f"session-{session.pk}@cityties",
                )
            )
    entries.sort(key=lambda e: (e.starts_at, e.meeting is not None, e.title))
    return entries


def ical_items(profile: Profile) -> list[CalendarItem]:
    zone = profile.event.time_zone
    return [
        CalendarItem(
            uid=entry.uid,
            summary=entry.title,
            starts_at=entry.starts_at,
            ends_at=entry.ends_at,
            time_zone=zone,
            description=entry.detail,
            location=entry.place,
        )
        for entry in agenda(profile)
    ]


def place_sheet(place: Place) -> list[tuple[Slot, list[Meeting]]]:
    """Every slot of the event with the meetings at this place, table by table."""
    meetings: dict[int, list[Meeting]] = {}
    for meeting in (
        Meeting.objects.filter(place=place)
        .select_related("request__sender", "request__recipient")
        .order_by("table")
    ):
        meetings.setdefault(meeting.slot_id, []).append(meeting)
    slots = Slot.objects.filter(event_id=place.event_id).order_by("starts_at")
    return [(slot, meetings.get(slot.pk, [])) for slot in slots]


def agenda_context(profile: Profile) -> dict[str, Any]:
    event = profile.event
    return {
        "profile": profile,
        "event": event,
        "zone": event.time_zone,
        "entries": agenda(profile),
    }
