"""Fetch-and-check helpers of matchmaking: 404 when the object does not exist, 403 when the
user may not see or change it; and the querysets of what a user may act for."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from cityties.accounts.permissions import (
    company_ids,
    is_network_staff,
    officer_org_ids,
    require,
)
from cityties.delegations.models import Delegation, ParticipantKind
from cityties.events.models import Event

from .models import Meeting, MeetingRequest, Place, Profile

PROFILE_RELATED = (
    "event",
    "attendee",
    "delegate__person__user",
    "delegate__participant__delegation",
    "delegate__participant__organisation",
)


def access_event(user: Any, pk: int, *, manage: bool = False) -> Event:
    event = get_object_or_404(Event.objects.select_related("matchmaking"), pk=pk)
    require(user, "matchmaking.manage" if manage else "matchmaking.view_event", event)
    return event


def access_profile(user: Any, pk: int) -> Profile:
    """A profile the user acts for (their own, their city's or company's, or any as
    manager)."""
    profile = get_object_or_404(Profile.objects.select_related(*PROFILE_RELATED), pk=pk)
    require(user, "matchmaking.act_for", profile)
    return profile


def access_request(user: Any, pk: int) -> MeetingRequest:
    request = get_object_or_404(
        MeetingRequest.objects.select_related(
            *(f"sender__{name}" for name in PROFILE_RELATED),
            *(f"recipient__{name}" for name in PROFILE_RELATED),
        ),
        pk=pk,
    )
    require(user, "matchmaking.view_request", request)
    return request


def access_meeting(user: Any, pk: int, *, manage: bool = False) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related(
            "event",
            "slot",
            "place",
            *(f"request__sender__{name}" for name in PROFILE_RELATED),
            *(f"request__recipient__{name}" for name in PROFILE_RELATED),
        ),
        pk=pk,
    )
    require(user, "matchmaking.manage" if manage else "matchmaking.view_meeting", meeting)
    return meeting


def access_place(user: Any, pk: int, *, manage: bool = False) -> Place:
    place = get_object_or_404(Place.objects.select_related("event", "stand"), pk=pk)
    require(user, "matchmaking.manage" if manage else "matchmaking.view_event", place)
    return place


def may_manage(user: Any, event: Event) -> bool:
    return bool(rules.test_rule("matchmaking.manage", user, event))


def acting_profiles(user: Any, event: Event) -> QuerySet[Profile]:
    """The delegates' profiles of the event the user acts for (every one for a manager)."""
    qs = Profile.objects.filter(event=event, delegate__isnull=False)
    if may_manage(user, event):
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    officer, companies = officer_org_ids(user), company_ids(user)
    led = Delegation.objects.filter(event=event, lead_id__in=officer).values("pk")
    return qs.filter(
        Q(delegate__person__user=user)
        | Q(delegate__participant__organisation_id__in=officer | companies)
        | Q(delegate__participant__sponsor_id__in=officer)
        | Q(delegate__participant__delegation_id__in=led)
    )


def visible_events(user: Any) -> QuerySet[Event]:
    """Events with a delegation the user is a member of (every such event for staff)."""
    events = Event.objects.filter(delegations__isnull=False)
    if not is_network_staff(user):
        officer, companies = officer_org_ids(user), company_ids(user)
        events = events.filter(
            Q(delegations__lead_id__in=officer)
            | Q(
                delegations__participants__kind=ParticipantKind.GOVERNMENT,
                delegations__participants__organisation_id__in=officer,
            )
            | Q(delegations__participants__organisation_id__in=companies)
        )
    return Event.objects.filter(pk__in=events.values("pk")).order_by("-starts_at", "id")
