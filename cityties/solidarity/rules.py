"""Who may see and change what in the solidarity area.

Staff: everything. Everyone in the network reads crises, funds, projects, offers and
needs, and the pledges members did not mark private. A member officer pledges for its own
government and alone (with staff) changes its pledges, payments, council decisions and
water budgets; its council documents stay with it, the fund's managers and staff unless
it shares them. A fund run by a member is managed by that member's officers; a fund's
managers (and the ministry's viewers for a FACECO fund) read all its pledges. The reports
of a project, with their documents and photos, are read by those who funded it: its
funders, the members who pledged to its fund, its partner and the fund's managers.
Imported by `rules`' autodiscovery at start-up.
"""

from __future__ import annotations

from typing import Any

import rules

from cityties.accounts.permissions import (
    is_in_network,
    is_member_officer,
    is_network_staff,
    member_org_ids,
    officer_org_ids,
)


def _fund(obj: Any) -> Any:
    """The fund of a fund, a pledge or a project."""
    return getattr(obj, "fund", obj)


@rules.predicate
def manages_fund(user: Any, obj: Any) -> bool:
    fund = _fund(obj)
    return (
        fund is not None
        and fund.channel == "member"
        and fund.manager_id is not None
        and fund.manager_id in officer_org_ids(user)
    )


@rules.predicate
def reads_fund(user: Any, obj: Any) -> bool:
    """An account of the organisation that manages the fund (the ministry for FACECO)."""
    fund = _fund(obj)
    return (
        fund is not None and fund.manager_id is not None and fund.manager_id in member_org_ids(user)
    )


@rules.predicate
def own_pledge(user: Any, pledge: Any) -> bool:
    return pledge is not None and pledge.member_id in officer_org_ids(user)


@rules.predicate
def public_pledge(user: Any, pledge: Any) -> bool:
    return pledge is not None and not pledge.is_private


@rules.predicate
def shared_decision(user: Any, pledge: Any) -> bool:
    return pledge is not None and pledge.decision_shared


@rules.predicate
def contributed_to(user: Any, project: Any) -> bool:
    """The user's government funds the project, pledged to its fund, or is its partner."""
    ids = officer_org_ids(user)
    if project is None or not ids:
        return False
    if project.partner_id in ids:
        return True
    if project.fundings.filter(funder_id__in=ids).exists():
        return True
    return project.fund.pledges.filter(member_id__in=ids, cancelled_at__isnull=True).exists()


@rules.predicate
def officer_of_member(user: Any, row: Any) -> bool:
    """The officer of the government that offers it (an offer) or that it is (a member)."""
    member_id = getattr(row, "member_id", getattr(row, "pk", None))
    return row is not None and member_id in officer_org_ids(user)


@rules.predicate
def offers_the_match(user: Any, match: Any) -> bool:
    return match is not None and match.offer.member_id in officer_org_ids(user)


fund_reader = is_network_staff | manages_fund | reads_fund

rules.add_rule("solidarity.view", is_in_network)
rules.add_rule("solidarity.manage_crises", is_network_staff)
rules.add_rule("solidarity.manage_fund", is_network_staff | manages_fund)
rules.add_rule("solidarity.read_all_pledges", fund_reader)
rules.add_rule("solidarity.pledge", is_network_staff | is_member_officer)
rules.add_rule("solidarity.view_pledge", fund_reader | own_pledge | (is_in_network & public_pledge))
rules.add_rule("solidarity.edit_pledge", is_network_staff | own_pledge)
rules.add_rule(
    "solidarity.view_decision", fund_reader | own_pledge | (is_in_network & shared_decision)
)
rules.add_rule("solidarity.manage_project", is_network_staff | manages_fund)
rules.add_rule("solidarity.view_reports", fund_reader | contributed_to)
rules.add_rule("solidarity.offer", is_network_staff | is_member_officer)
rules.add_rule("solidarity.edit_offer", is_network_staff | officer_of_member)
rules.add_rule("solidarity.manage_needs", is_network_staff)
rules.add_rule("solidarity.answer_match", is_network_staff | offers_the_match)
rules.add_rule("solidarity.budgets", is_network_staff | officer_of_member)
