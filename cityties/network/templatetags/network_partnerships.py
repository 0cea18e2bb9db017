"""Template tags for pages of other parts of the network area that show partnerships."""

from __future__ import annotations

from typing import Any

from django import template
from django.core.exceptions import PermissionDenied

from cityties.network import services as svc
from cityties.network.access import visible_partnerships
from cityties.network.models import Organisation, Partnership

register = template.Library()


@register.simple_tag(takes_context=True)
def partnerships_of(context: Any, organisation: Organisation) -> list[Partnership]:
    """The partnerships of an organisation that the current user may see."""
    request = context.get("request")
    user = getattr(request, "user", None)
    try:
        visible = visible_partnerships(user)
    except PermissionDenied:
        return []
    qs = visible.filter(memberships__organisation=organisation)
    return list(svc.with_listing_relations(qs).order_by("title"))
