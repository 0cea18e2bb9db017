"""Matchmaking pieces other apps' pages include: the one-to-one meetings section of the
delegation page."""

from __future__ import annotations

from typing import Any

import rules
from django import template

from ..access import acting_profiles
from ..models import Meeting, MeetingRequest

register = template.Library()


@register.simple_tag(takes_context=True)
def matchmaking_summary(context: Any, delegation: Any) -> dict[str, Any] | None:
    """The event's matchmaking for a reader who may open it: the profiles they act for
    among this delegation's, with their requests and meetings; None otherwise."""
    request = context.get("request")
    user = getattr(request, "user", None)
    event = delegation.event
    if user is None or not rules.test_rule("matchmaking.view_event", user, event):
        return None
    mine = list(
        acting_profiles(user, event)
        .filter(delegate__participant__delegation=delegation)
        .order_by("name", "pk")[:20]
    )
    profiles = [profile.pk for profile in mine]
    return {
        "event": event,
        "mine": mine,
        "requests": MeetingRequest.objects.filter(sender_id__in=profiles).count(),
        "meetings": Meeting.objects.filter(request__sender_id__in=profiles).count()
        + Meeting.objects.filter(request__recipient_id__in=profiles).count(),
    }
