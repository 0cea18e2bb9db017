"""Who may see and change a delegation and what hangs from it.

Staff: everything. The lead's officers: their delegation. A participating member's
officer: its own delegates and companies, the programme, the participant list. A company
representative: its own company, the programme, its itinerary. A partner viewer: the
delegations its organisation funds. Imported by `rules`' autodiscovery at start-up.
"""

from __future__ import annotations

from typing import Any

import rules

from cityties.accounts.permissions import (
    company_ids,
    is_member_officer,
    is_network_staff,
    is_partner_viewer,
    member_org_ids,
    officer_org_ids,
)

from .models import Delegate, Delegation, Participant, ParticipantKind, SupporterRole


def _delegation(obj: Any) -> Delegation | None:
    if isinstance(obj, Delegation) or obj is None:
        return obj
    return getattr(obj, "delegation", None)


@rules.predicate
def lead_officer(user: Any, obj: Any) -> bool:
    delegation = _delegation(obj)
    return delegation is not None and delegation.lead_id in officer_org_ids(user)


@rules.predicate
def participating_officer(user: Any, obj: Any) -> bool:
    delegation = _delegation(obj)
    ids = officer_org_ids(user)
    if delegation is None or not ids:
        return False
    return delegation.participants.filter(
        kind=ParticipantKind.GOVERNMENT, organisation_id__in=ids
    ).exists()


@rules.predicate
def participating_company(user: Any, obj: Any) -> bool:
    delegation = _delegation(obj)
    ids = company_ids(user)
    if delegation is None or not ids:
        return False
    return delegation.participants.filter(organisation_id__in=ids).exists()


@rules.predicate
def funder_viewer(user: Any, obj: Any) -> bool:
    delegation = _delegation(obj)
    if delegation is None or not is_partner_viewer(user):
        return False
    return delegation.supporters.filter(
        role=SupporterRole.FUNDER, organisation_id__in=member_org_ids(user)
    ).exists()


@rules.predicate
def own_participant(user: Any, participant: Participant | None) -> bool:
    """The officer of the participating government, or of the company's sponsor."""
    if participant is None:
        return False
    ids = officer_org_ids(user)
    return participant.organisation_id in ids or participant.sponsor_id in ids


@rules.predicate
def lead_of_participant(user: Any, participant: Participant | None) -> bool:
    return participant is not None and lead_officer(user, participant.delegation)


@rules.predicate
def own_itinerary(user: Any, delegate: Delegate | None) -> bool:
    if delegate is None:
        return False
    participant = delegate.participant
    if delegate.person.user_id is not None and delegate.person.user_id == user.pk:
        return True
    if own_participant(user, participant) or lead_officer(user, participant.delegation):
        return True
    return participant.organisation_id in company_ids(user)


@rules.predicate
def represents_company(user: Any, company: Any) -> bool:
    return company is not None and company.pk in company_ids(user)


@rules.predicate
def officer_of_company_sponsor(user: Any, company: Any) -> bool:
    return company is not None and company.sponsor_id in officer_org_ids(user)


@rules.predicate
def leads_a_delegation_of(user: Any, company: Any) -> bool:
    """The lead sees every company of its delegations, and every applicant to its calls."""
    ids = officer_org_ids(user)
    if company is None or not ids:
        return False
    from .models import Application

    return (
        Participant.objects.filter(organisation=company, delegation__lead_id__in=ids).exists()
        or Application.objects.filter(company=company, call__delegation__lead_id__in=ids).exists()
    )


can_manage = is_network_staff | lead_officer
can_view = can_manage | participating_officer | participating_company | funder_viewer

rules.add_rule("delegations.create", is_network_staff | is_member_officer)
rules.add_rule("delegations.view", can_view)
rules.add_rule("delegations.manage", can_manage)
rules.add_rule("delegations.view_participants", can_manage | participating_officer | funder_viewer)
rules.add_rule("delegations.view_milestones", can_manage | funder_viewer)
rules.add_rule("delegations.view_programme", can_view)
rules.add_rule(
    "delegations.edit_participant", is_network_staff | lead_of_participant | own_participant
)
rules.add_rule("delegations.view_itinerary", is_network_staff | own_itinerary)
rules.add_rule(
    "delegations.edit_profile", is_network_staff | represents_company | officer_of_company_sponsor
)
rules.add_rule(
    "delegations.view_profile",
    is_network_staff | represents_company | officer_of_company_sponsor | leads_a_delegation_of,
)
rules.add_rule("delegations.propose", is_network_staff | is_member_officer)
