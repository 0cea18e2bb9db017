"""Template helpers of the solidarity pages."""

from __future__ import annotations

from typing import Any

from django import template

from cityties.accounts.permissions import officer_org_ids

register = template.Library()


@register.simple_tag(takes_context=True)
def own_governments(context: dict[str, Any]) -> list[Any]:
    """The member governments whose water budgets the reader keeps (its officer roles)."""
    from ..forms import member_governments

    request = context.get("request")
    user = getattr(request, "user", None)
    ids = officer_org_ids(user)
    return list(member_governments(user).filter(pk__in=ids)) if ids else []
