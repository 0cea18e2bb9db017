"""Fetch-and-check helpers of the outcomes: 404 when the object does not exist, 403 when
the user may not see or change it."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from cityties.accounts.permissions import require
from cityties.delegations.models import Delegation, Participant
from cityties.network.models import GOVERNMENT_KINDS, Organisation, Partnership

from .models import OutcomeRecord


def access_delegation_report(user: Any, pk: int, *, manage: bool = False) -> Delegation:
    delegation = get_object_or_404(Delegation.objects.select_related("event", "lead"), pk=pk)
    require(user, "outcomes.manage_survey" if manage else "outcomes.view_delegation", delegation)
    return delegation


def access_participant_report(user: Any, pk: int, *, add: bool = False) -> Participant:
    participant = get_object_or_404(
        Participant.objects.select_related(
            "delegation__event", "delegation__lead", "organisation", "sponsor"
        ),
        pk=pk,
    )
    require(user, "outcomes.add_record" if add else "outcomes.view_participant", participant)
    return participant


def access_record(user: Any, pk: int) -> OutcomeRecord:
    record = get_object_or_404(
        OutcomeRecord.objects.select_related(
            "organisation",
            "city",
            "delegation__event",
            "participant__organisation",
            "partnership",
            "event",
        ),
        pk=pk,
    )
    require(user, "outcomes.edit_record", record)
    return record


def access_city_report(user: Any, pk: int) -> Organisation:
    city = get_object_or_404(Organisation, pk=pk, kind__in=GOVERNMENT_KINDS)
    require(user, "outcomes.view_city", city)
    return city


def access_partnership_report(user: Any, pk: int, *, add: bool = False) -> Partnership:
    # An archived partnership's report stays readable; no outcome is added to it.
    partnership = get_object_or_404(
        Partnership.objects.filter(archived_at=None) if add else Partnership.objects, pk=pk
    )
    require(
        user,
        "outcomes.add_partnership_record" if add else "outcomes.view_partnership",
        partnership,
    )
    return partnership
