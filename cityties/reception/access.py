"""Fetch-and-check helpers of the reception: 404 when the object does not exist, 403 when
the user may not see or change it."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from cityties.accounts.permissions import require
from cityties.delegations.models import Delegation, Session

from .models import Invitation, Quota, Reception

_RECEPTION = ("session__delegation__event", "session__delegation__lead")


def access_delegation_receptions(user: Any, pk: int) -> Delegation:
    delegation = get_object_or_404(Delegation.objects.select_related("event", "lead"), pk=pk)
    require(user, "reception.manage", delegation)
    return delegation


def access_session(user: Any, pk: int) -> Session:
    session = get_object_or_404(Session.objects.select_related("delegation__event"), pk=pk)
    require(user, "reception.manage", session.delegation)
    return session


def access_reception(user: Any, pk: int, *, rule: str = "reception.manage") -> Reception:
    reception = get_object_or_404(Reception.objects.select_related(*_RECEPTION), pk=pk)
    require(user, rule, reception.session.delegation)
    return reception


def access_quota(user: Any, pk: int, *, manage: bool = False) -> Quota:
    quota = get_object_or_404(
        Quota.objects.select_related(
            *(f"reception__{path}" for path in _RECEPTION),
            "participant__organisation",
            "participant__delegation",
        ),
        pk=pk,
    )
    if manage:
        require(user, "reception.manage", quota.reception.session.delegation)
    else:
        require(user, "reception.name_guests", quota)
    return quota


def access_invitation(user: Any, pk: int, *, rule: str = "reception.name_guests") -> Invitation:
    invitation = get_object_or_404(
        Invitation.objects.select_related(
            *(f"reception__{path}" for path in _RECEPTION),
            "quota__participant__organisation",
            "quota__participant__delegation",
        ),
        pk=pk,
        erased_at=None,
    )
    if rule == "reception.name_guests":
        require(user, rule, invitation.quota)
    else:
        require(user, rule, invitation.reception.session.delegation)
    return invitation
