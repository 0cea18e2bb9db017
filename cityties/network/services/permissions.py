"""Permission rules of the directory that depend on the submitted data.

Importing this module registers them; `cityties.network.services` imports it.
"""

from __future__ import annotations

from typing import Any

import rules

from cityties.accounts.permissions import (
    is_network_staff,
    officer_of_sponsor,
    officer_org_ids,
)

from ..models import Organisation, OrganisationKind

# The federation is French: organisations elsewhere are the members' foreign partners.
HOME_COUNTRY = "FR"


# --- Rules that depend on the submitted data ------------------------------------------


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


rules.add_rule("network.create_this_organisation", is_network_staff | officer_may_create)
rules.add_rule("network.archive_organisation", is_network_staff | officer_of_sponsor)
rules.add_rule("network.manage_groups", is_network_staff)


def may_change_organisation(user: Any, organisation: Organisation, changes: dict[str, Any]) -> bool:
    """Whether `user` may apply `changes`: only staff decide membership, and the record must
    stay editable by the user afterwards (an officer cannot hand a company to another city)."""
    if is_network_staff(user):
        return True
    if "is_member" in changes and bool(changes["is_member"]) != organisation.is_member:
        return False
    if "kind" in changes and changes["kind"] != organisation.kind:
        return False
    after = Organisation(pk=organisation.pk, kind=organisation.kind)
    sponsor = changes.get("sponsor", organisation.sponsor)
    after.sponsor_id = sponsor.pk if sponsor is not None else None
    return rules.test_rule("network.edit_organisation", user, after)
