"""Fetch-and-check helpers of homestays: 404 when the object does not exist, 403 when the
user may not see or change it."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from cityties.accounts.permissions import require
from cityties.delegations.models import Delegation

from .models import Family, Guest, Plan, Run
from .services import plan_of


def access_plan(user: Any, delegation_pk: int) -> Plan:
    delegation = get_object_or_404(
        Delegation.objects.select_related("event", "lead"), pk=delegation_pk
    )
    require(user, "homestays.manage", delegation)
    return plan_of(delegation)


def access_family(user: Any, pk: int) -> Family:
    family = get_object_or_404(
        Family.objects.select_related("plan__delegation__event", "via"), pk=pk
    )
    require(user, "homestays.manage", family.plan.delegation)
    return family


def access_guest(user: Any, pk: int) -> Guest:
    guest = get_object_or_404(
        Guest.objects.select_related(
            "plan__delegation__event", "delegate__person", "delegate__participant__organisation"
        ),
        pk=pk,
    )
    require(user, "homestays.manage", guest.plan.delegation)
    return guest


def access_run(user: Any, pk: int) -> Run:
    run = get_object_or_404(Run.objects.select_related("plan__delegation"), pk=pk)
    require(user, "homestays.manage", run.plan.delegation)
    return run
