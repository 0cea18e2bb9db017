"""What the pavilion's pages share: choices built from the delegation, and running a
service with its domain error turned into a message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest

from cityties.delegations.models import Delegation, Participant
from cityties.network.models import Organisation

from ..services import PavilionError


def participants_of(delegation: Delegation) -> QuerySet[Participant]:
    return (
        Participant.objects.filter(delegation=delegation)
        .select_related("organisation")
        .order_by("organisation__name_key")
    )


def payers_of(delegation: Delegation) -> QuerySet[Organisation]:
    """Who may cover a part or fund a rule: the lead, the supporting bodies (the export
    agency, a region, a ministry) and the participants."""
    ids = {
        delegation.lead_id,
        *delegation.supporters.values_list("organisation_id", flat=True),
        *delegation.participants.values_list("organisation_id", flat=True),
    }
    return Organisation.objects.filter(pk__in=ids).order_by("name_key")


def attempt(request: HttpRequest, action: Callable[[], Any], success: str) -> bool:
    try:
        action()
    except PavilionError as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, success)
    return True
