"""Homestay pieces other apps' pages include: a delegate's confirmed homestay on their
itinerary, and the homestays section of the delegation page."""

from __future__ import annotations

from typing import Any

import rules
from django import template

from ..models import FamilyStatus, Placement, Plan

register = template.Library()


@register.simple_tag
def homestay_of(delegate: Any) -> Placement | None:
    """The delegate's family once the assignment is confirmed; nothing before (a family's
    address is never shown to a delegate earlier)."""
    return (
        Placement.objects.filter(guest__delegate=delegate, guest__plan__confirmed_at__isnull=False)
        .select_related("family", "guest")
        .first()
    )


@register.simple_tag(takes_context=True)
def homestays_summary(context: Any, delegation: Any) -> dict[str, Any] | None:
    """Counts for the delegation page, for those who run the homestays; None otherwise."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not rules.test_rule("homestays.manage", user, delegation):
        return None
    plan = Plan.objects.filter(delegation=delegation).first()
    if plan is None:
        return {"plan": None, "families": 0, "guests": 0, "placed": 0}
    return {
        "plan": plan,
        "families": plan.families.filter(status=FamilyStatus.CONFIRMED).count(),
        "guests": plan.guests.count(),
        "placed": Placement.objects.filter(guest__plan=plan).count(),
    }
