"""What the pages of a meeting share: the reader's rights, and the choices its forms
offer (the group's people and organisations, what an action item may serve)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import rules
from django.db.models import Q, QuerySet

from cityties.delegations.access import visible_delegations
from cityties.delegations.models import Milestone
from cityties.events.access import visible_events
from cityties.network.access import visible_partnerships
from cityties.network.models import CountryGroup, Organisation, PartnershipMember, Person

from ..models import Meeting


@dataclass(frozen=True)
class Rights:
    edit: bool
    change: bool  # edit, and the minutes are still a draft


def rights(user: Any, meeting: Meeting) -> Rights:
    edit = rules.test_rule("meetings.edit", user, meeting)
    return Rights(edit=edit, change=edit and not meeting.is_approved)


def _org_ids(group: CountryGroup, meeting: Meeting | None) -> Q:
    condition = Q(organisation__groups=group) | Q(organisation_id=group.federation_id)
    if meeting is not None:
        condition |= Q(pk__in=meeting.attendances.values("person_id"))
    return condition


def group_people(group: CountryGroup, meeting: Meeting | None = None) -> QuerySet[Person]:
    """The people of the group's member organisations and of its federation, and anyone
    on the meeting's list."""
    return (
        Person.objects.filter(_org_ids(group, meeting), erased_at=None, archived_at=None)
        .select_related("organisation")
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def owner_organisations(meeting: Meeting) -> QuerySet[Organisation]:
    group = meeting.group
    return (
        Organisation.objects.filter(
            Q(groups=group)
            | Q(pk=group.federation_id)
            | Q(pk__in=meeting.attendances.values("organisation_id"))
        )
        .filter(archived_at=None)
        .distinct()
        .order_by("name")
    )


def link_choices(user: Any, meeting: Meeting) -> dict[str, QuerySet[Any]]:
    """What an action item of this meeting may serve, among what the user may see: the
    delegations led by the group's members, their milestones, the group's events, and
    the partnerships of its members in its country."""
    group = meeting.group
    members = group.members.values("pk")
    delegations = visible_delegations(user).filter(lead_id__in=members).order_by("-created_at")
    in_group = PartnershipMember.objects.filter(organisation__groups=group).values("partnership_id")
    in_country = PartnershipMember.objects.filter(organisation__country=group.country).values(
        "partnership_id"
    )
    return {
        "delegation": delegations,
        "milestone": Milestone.objects.filter(delegation__in=delegations.values("pk"))
        .select_related("delegation")
        .order_by("due_on"),
        "event": visible_events(user)
        .filter(Q(group=group) | Q(organiser_id__in=members))
        .order_by("-starts_at"),
        "partnership": visible_partnerships(user)
        .filter(pk__in=in_group)
        .filter(pk__in=in_country)
        .order_by("title"),
    }


def anchor(meeting_id: int, section: str) -> str:
    """The meeting page, scrolled to one of its sections."""
    from django.urls import reverse

    return reverse("meetings:detail", args=[meeting_id]) + f"#{section}"
