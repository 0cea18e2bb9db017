"""Fetch-and-check helpers and visibility querysets of the network area.

Every view and endpoint goes through an `access_*` helper: 404 when the object does not
exist, 403 when the user may not see or change it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from cityties.accounts.permissions import company_ids, is_network_staff, officer_org_ids, require

from .models import (
    Activity,
    CountryGroup,
    Organisation,
    Partnership,
    PartnershipDocument,
    PartnershipMember,
    Person,
)


def editable_organisations(user: Any) -> QuerySet[Organisation]:
    """Organisations whose records (and people) the user may edit."""
    qs = Organisation.objects.filter(archived_at=None)
    if is_network_staff(user):
        return qs
    officer = officer_org_ids(user)
    return qs.filter(Q(pk__in=officer) | Q(sponsor_id__in=officer) | Q(pk__in=company_ids(user)))


def visible_partnerships(user: Any) -> QuerySet[Partnership]:
    """The partnerships a user may list: shared ones, plus private ones they are part of."""
    require(user, "network.read_shared")
    qs = Partnership.objects.filter(archived_at=None)
    if is_network_staff(user):
        return qs
    ids = officer_org_ids(user)
    theirs = PartnershipMember.objects.filter(organisation_id__in=ids).values("partnership_id")
    return qs.filter(Q(is_shared=True) | Q(pk__in=theirs))


def visible_people(user: Any) -> QuerySet[Person]:
    """The person records whose details a user may read."""
    require(user, "network.read_shared")
    qs = Person.objects.filter(erased_at=None)
    if is_network_staff(user):
        return qs
    ids = officer_org_ids(user)
    # A subquery rather than a join on the organisation inside the OR, which made
    # PostgreSQL join all 30,000 people to their organisations to keep a handful.
    theirs = Organisation.objects.filter(Q(pk__in=ids) | Q(sponsor_id__in=ids)).values("pk")
    return qs.filter(Q(organisation_id__in=theirs) | Q(user_id=user.pk))


def access_organisation(user: Any, organisation_id: int, *, edit: bool = False) -> Organisation:
    require(user, "network.read_shared")
    organisation = get_object_or_404(
        Organisation.objects.select_related("sponsor"), pk=organisation_id
    )
    if edit:
        require(user, "network.edit_organisation", organisation)
    return organisation


def access_person(user: Any, person_id: int, *, edit: bool = False) -> Person:
    require(user, "network.read_shared")
    person = get_object_or_404(
        Person.objects.select_related("organisation__sponsor"), pk=person_id, erased_at=None
    )
    require(user, "network.edit_person" if edit else "network.view_person", person)
    return person


def access_group(user: Any, group_id: int) -> CountryGroup:
    require(user, "network.read_shared")
    return get_object_or_404(
        CountryGroup.objects.select_related("president", "staff_lead", "federation"), pk=group_id
    )


def access_partnership(user: Any, partnership_id: int, *, edit: bool = False) -> Partnership:
    require(user, "network.read_shared")
    partnership = get_object_or_404(Partnership, pk=partnership_id)
    require(user, "network.edit_partnership" if edit else "network.view_partnership", partnership)
    return partnership


def access_activity(user: Any, activity_id: int, *, edit: bool = False) -> Activity:
    require(user, "network.read_shared")
    activity = get_object_or_404(Activity.objects.select_related("partnership"), pk=activity_id)
    rule = "network.edit_partnership" if edit else "network.view_partnership"
    require(user, rule, activity.partnership)
    return activity


def access_document(user: Any, pk: int, *, edit: bool = False) -> PartnershipDocument:
    document = get_object_or_404(PartnershipDocument, pk=pk)
    # Documents follow their partnership's permissions.
    document.partnership = access_partnership(user, document.partnership_id, edit=edit)
    return document
