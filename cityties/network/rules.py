"""Every permission rule of the network area, registered once.

Predicates follow relationships (officer of, sponsor of, representative of, partner in);
`access_*` helpers and services test the rules by name. The app's `ready()` imports this
module, so the rules exist before any request.
"""

from __future__ import annotations

from typing import Any

import rules

from cityties.accounts.permissions import (
    can_edit_organisation,
    is_in_network,
    is_member_officer,
    is_network_staff,
    officer_of_sponsor,
    officer_org_ids,
)

from .models import Organisation, OrganisationKind, Partnership, Person

# The federation is French: organisations elsewhere are the members' foreign partners.
HOME_COUNTRY = "FR"


# --- Predicates -----------------------------------------------------------------------


@rules.predicate
def partner_officer(user: Any, partnership: Partnership | None) -> bool:
    if partnership is None:
        return False
    ids = officer_org_ids(user)
    return bool(ids) and partnership.memberships.filter(organisation_id__in=ids).exists()


@rules.predicate
def partnership_is_shared(user: Any, partnership: Partnership | None) -> bool:
    return partnership is not None and partnership.is_shared


@rules.predicate
def person_colleague(user: Any, person: Person | None) -> bool:
    """Officers of the person's organisation, or of the member sponsoring their company."""
    if person is None:
        return False
    ids = officer_org_ids(user)
    org = person.organisation
    return org.pk in ids or (org.sponsor_id is not None and org.sponsor_id in ids)


@rules.predicate
def is_self(user: Any, person: Person | None) -> bool:
    return person is not None and person.user_id is not None and person.user_id == user.pk


@rules.predicate
def officer_may_create(user: Any, candidate: Organisation | None) -> bool:
    """Officers add their foreign partners and the companies they sponsor, never members."""
    if candidate is None:
        return False
    ids = officer_org_ids(user)
    if not ids or candidate.is_member:
        return False
    if candidate.kind == OrganisationKind.COMPANY:
        return candidate.sponsor_id in ids
    return candidate.country != HOME_COUNTRY and candidate.sponsor_id is None


# --- Rules ----------------------------------------------------------------------------

rules.add_rule("network.read_shared", is_in_network)

rules.add_rule("network.create_organisation", is_network_staff | is_member_officer)
rules.add_rule("network.create_this_organisation", is_network_staff | officer_may_create)
rules.add_rule("network.edit_organisation", can_edit_organisation)
rules.add_rule("network.archive_organisation", is_network_staff | officer_of_sponsor)

rules.add_rule("network.view_person", is_network_staff | person_colleague | is_self)
rules.add_rule("network.edit_person", is_network_staff | person_colleague | is_self)
rules.add_rule("network.manage_personal_data", is_network_staff)

rules.add_rule("network.manage_groups", is_network_staff)

# Staff and member officers may start a partnership; check_create_partnership then makes
# sure an officer's own government is one of the partners.
rules.add_rule("network.create_partnership", is_network_staff | is_member_officer)
rules.add_rule(
    "network.view_partnership",
    is_network_staff | partner_officer | (is_in_network & partnership_is_shared),
)
rules.add_rule("network.edit_partnership", is_network_staff | partner_officer)
