"""Who may do what: `rules` predicates that follow relationships.

Views never test roles themselves; they call an `access_*` helper of their app, which
fetches the object and checks one of these rules (404 when it does not exist, 403 when
the user may not).
"""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import PermissionDenied

from .models import Role


def _org_ids(user: Any, *roles: str) -> frozenset[int]:
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cache = user.__dict__.setdefault("_cityties_org_ids", {})
    key = roles or ("*",)
    if key not in cache:
        qs = user.memberships.all()
        if roles:
            qs = qs.filter(role__in=roles)
        cache[key] = frozenset(qs.values_list("organisation_id", flat=True))
    return cache[key]


def officer_org_ids(user: Any) -> frozenset[int]:
    return _org_ids(user, Role.MEMBER_OFFICER)


def company_ids(user: Any) -> frozenset[int]:
    return _org_ids(user, Role.COMPANY_REP)


def member_org_ids(user: Any) -> frozenset[int]:
    return _org_ids(user)


@rules.predicate
def is_network_staff(user: Any) -> bool:
    return getattr(user, "is_authenticated", False) and user.has_role(Role.NETWORK_STAFF)


@rules.predicate
def is_member_officer(user: Any) -> bool:
    return getattr(user, "is_authenticated", False) and user.has_role(Role.MEMBER_OFFICER)


@rules.predicate
def is_company_rep(user: Any) -> bool:
    return getattr(user, "is_authenticated", False) and user.has_role(Role.COMPANY_REP)


@rules.predicate
def is_partner_viewer(user: Any) -> bool:
    return getattr(user, "is_authenticated", False) and user.has_role(Role.PARTNER_VIEWER)


@rules.predicate
def is_in_network(user: Any) -> bool:
    """Any account with a role: they may read the network's shared data."""
    return getattr(user, "is_authenticated", False) and bool(user.roles)


@rules.predicate
def officer_of(user: Any, organisation: Any) -> bool:
    return organisation is not None and organisation.pk in officer_org_ids(user)


@rules.predicate
def officer_of_sponsor(user: Any, organisation: Any) -> bool:
    return organisation is not None and organisation.sponsor_id in officer_org_ids(user)


@rules.predicate
def represents(user: Any, organisation: Any) -> bool:
    return organisation is not None and organisation.pk in company_ids(user)


can_edit_organisation = is_network_staff | officer_of | officer_of_sponsor | represents

rules.add_rule("accounts.manage_users", is_network_staff)
rules.add_rule("core.view_dashboard", is_in_network)
rules.add_rule("core.view_audit", is_network_staff)


def require(user: Any, rule: str, obj: Any = None) -> None:
    """Raise PermissionDenied unless `rule` holds for (user, obj)."""
    if not rules.test_rule(rule, user, obj):
        raise PermissionDenied
