"""Attendees: the signed link through which one reads and edits their profile and agenda,
and the erasure of their personal data, by hand or by the clock with the retention rules.

An attendee is erased, not deleted: names, e-mail, function and city go, the profile's
texts too, and the requests still waiting for their answer are withdrawn; the
organisation, kind and country stay, with the meetings, so that an event's outcome still
counts them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.accounts.guestlinks import GuestLinkError, make_token, read_token
from cityties.core.audit import acting_as
from cityties.core.retention import retention_period
from cityties.events.models import Event

from ..models import Attendee, MeetingRequest, Profile, RequestStatus

PROFILE_PURPOSE = "matchmaking.attendee"


def attendee_token(attendee: Attendee) -> str:
    return make_token(PROFILE_PURPOSE, attendee.pk)


def read_attendee_token(token: str) -> Profile:
    """The attendee's profile a link was made for; the link lives until a while after the
    event (GUEST_LINK_MAX_AGE_DAYS after it was sent)."""
    claim = read_token(token, PROFILE_PURPOSE)
    profile = (
        Profile.objects.select_related("event", "attendee")
        .filter(attendee_id=claim.object_id)
        .first()
    )
    if profile is None or profile.attendee is None or profile.attendee.erased_at is not None:
        raise GuestLinkError(_("This link is not valid."), code="guest_link_invalid")
    return profile


def do_erase_attendees(attendees: QuerySet[Attendee], *, actor: Any, now: datetime) -> int:
    """Erase the personal data of these attendees; returns how many."""
    ids = list(attendees.filter(erased_at__isnull=True).values_list("pk", flat=True))
    if not ids:
        return 0
    with transaction.atomic(), acting_as(actor):
        profiles = Profile.objects.filter(attendee_id__in=ids)
        # Requests waiting for their answer go; meetings accepted stay, as history.
        MeetingRequest.objects.filter(recipient__in=profiles, status=RequestStatus.PENDING).update(
            status=RequestStatus.CANCELLED
        )
        profiles.update(
            name=str(_("Erased attendee")),
            offers="",
            needs="",
            pitch="",
            interests="",
            languages="",
        )
        for profile in profiles:
            profile.sectors.clear()
        Attendee.objects.filter(pk__in=ids).update(
            first_name="",
            last_name="",
            email="",
            function="",
            city="",
            name_key="",
            erased_at=now,
        )
    return len(ids)


def check_erase_event_attendees(event: Event, *, actor: Any) -> int:
    return do_erase_attendees(Attendee.objects.filter(event=event), actor=actor, now=timezone.now())


def attendees_due(now: datetime) -> QuerySet[Attendee]:
    """Attendees whose last contact (the event's end, their profile, their last request)
    is older than the retention period."""
    cutoff = now - retention_period()
    answered = Coalesce(Max("profile__received_requests__answered_at"), "event__ends_at")
    return (
        Attendee.objects.filter(erased_at__isnull=True, event__ends_at__lt=cutoff)
        .annotate(last=Greatest("updated_at", "event__ends_at", answered))
        .filter(last__lt=cutoff)
    )


def purge_due_attendees(now: datetime) -> int:
    return do_erase_attendees(attendees_due(now), actor=None, now=now)


__all__ = [
    "attendee_token",
    "attendees_due",
    "check_erase_event_attendees",
    "do_erase_attendees",
    "purge_due_attendees",
    "read_attendee_token",
]
