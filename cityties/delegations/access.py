"""Fetch-and-check helpers and visibility querysets of delegations: 404 when the object
does not exist, 403 when the user may not see or change it."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from cityties.accounts.permissions import (
    company_ids,
    is_network_staff,
    is_partner_viewer,
    member_org_ids,
    officer_org_ids,
    require,
)
from cityties.network.models import Organisation

from .models import (
    Application,
    Call,
    Delegate,
    Delegation,
    Milestone,
    Participant,
    ParticipantKind,
    Session,
    Supporter,
    SupporterRole,
)


def visible_delegations(user: Any) -> QuerySet[Delegation]:
    qs = Delegation.objects.all()
    if is_network_staff(user):
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    officer, companies = officer_org_ids(user), company_ids(user)
    governments = Participant.objects.filter(
        kind=ParticipantKind.GOVERNMENT, organisation_id__in=officer
    )
    travelling = Participant.objects.filter(organisation_id__in=companies)
    condition = (
        Q(lead_id__in=officer)
        | Q(pk__in=governments.values("delegation_id"))
        | Q(pk__in=travelling.values("delegation_id"))
    )
    if is_partner_viewer(user):
        funded = Supporter.objects.filter(
            role=SupporterRole.FUNDER, organisation_id__in=member_org_ids(user)
        )
        condition |= Q(pk__in=funded.values("delegation_id"))
    return qs.filter(condition)


def access_delegation(user: Any, pk: int, *, rule: str = "delegations.view") -> Delegation:
    delegation = get_object_or_404(
        Delegation.objects.select_related("event", "lead", "call"), pk=pk
    )
    require(user, rule, delegation)
    return delegation


def access_milestone(user: Any, pk: int, *, edit: bool = False) -> Milestone:
    milestone = get_object_or_404(
        Milestone.objects.select_related("delegation__event", "owner_person", "owner_organisation"),
        pk=pk,
    )
    require(
        user, "delegations.manage" if edit else "delegations.view_milestones", milestone.delegation
    )
    return milestone


def access_participant(user: Any, pk: int, *, edit: bool = False) -> Participant:
    participant = get_object_or_404(
        Participant.objects.select_related("delegation__event", "organisation", "sponsor"), pk=pk
    )
    if edit:
        require(user, "delegations.edit_participant", participant)
    else:
        require(user, "delegations.view_participants", participant.delegation)
    return participant


def access_delegate(user: Any, pk: int) -> Delegate:
    """For the itinerary: the delegate themselves, their officer or company, the lead."""
    delegate = get_object_or_404(
        Delegate.objects.select_related(
            "person__user", "participant__delegation__event", "participant__organisation"
        ),
        pk=pk,
    )
    require(user, "delegations.view_itinerary", delegate)
    return delegate


def access_session(user: Any, pk: int, *, edit: bool = False) -> Session:
    session = get_object_or_404(Session.objects.select_related("delegation__event"), pk=pk)
    rule = "delegations.manage" if edit else "delegations.view_programme"
    require(user, rule, session.delegation)
    return session


def access_company(user: Any, pk: int, *, edit: bool = False) -> Organisation:
    company = get_object_or_404(
        Organisation.objects.select_related("sponsor"), pk=pk, kind="company"
    )
    require(user, "delegations.edit_profile" if edit else "delegations.view_profile", company)
    return company


def access_call(user: Any, delegation_pk: int) -> Call:
    """The call page: member officers (to propose) and the lead (to review)."""
    call = get_object_or_404(
        Call.objects.select_related("delegation__event", "delegation__lead"),
        delegation_id=delegation_pk,
    )
    require(user, "delegations.propose", call)
    return call


def access_application(user: Any, pk: int) -> Application:
    """Reviewing an application: the lead and the staff."""
    application = get_object_or_404(
        Application.objects.select_related("call__delegation", "company", "sponsor"), pk=pk
    )
    require(user, "delegations.manage", application.call.delegation)
    return application
