"""What the pavilion's pages share: choices built from the delegation, addresses."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from cityties.delegations.models import Delegation, Participant
from cityties.network.models import Organisation


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


def participant_url() -> str:
    """The costs page's address without its id: long tables append each participant's id
    instead of reversing the route hundreds of times."""
    return reverse("pavilion:participant", args=[1]).removesuffix("1/")
