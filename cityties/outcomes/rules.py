"""Who may see and change outcomes.

Records: the participant's own side (its company representative; the officers of the
government, or of the company's sponsoring city) and the staff change them. Dashboards:
a delegation's as the pavilion's figures (the staff, the lead's officers, the funders'
partner viewers); a participant's also for its own side; a member city's for its
officers; a partnership's for its members' officers; the yearly view for everyone in
the network, on what each may see. Imported by `rules`' autodiscovery at start-up.
"""

from __future__ import annotations

from typing import Any

import rules

from cityties.accounts.permissions import (
    company_ids,
    is_in_network,
    is_network_staff,
    officer_of,
    officer_org_ids,
)
from cityties.delegations.rules import funder_viewer, lead_officer, own_participant
from cityties.pavilion.rules import funds_participant, manages_participant, represents_participant


@rules.predicate
def own_record(user: Any, record: Any) -> bool:
    return record is not None and (
        record.organisation_id in company_ids(user) or record.city_id in officer_org_ids(user)
    )


@rules.predicate
def partner_officer(user: Any, partnership: Any) -> bool:
    ids = officer_org_ids(user)
    return (
        partnership is not None
        and bool(ids)
        and partnership.memberships.filter(organisation_id__in=ids).exists()
    )


rules.add_rule("outcomes.view_reports", is_in_network)
rules.add_rule("outcomes.view_delegation", is_network_staff | lead_officer | funder_viewer)
rules.add_rule("outcomes.manage_survey", is_network_staff | lead_officer)
rules.add_rule(
    "outcomes.view_participant",
    is_network_staff
    | manages_participant
    | funds_participant
    | own_participant
    | represents_participant,
)
rules.add_rule("outcomes.add_record", is_network_staff | own_participant | represents_participant)
rules.add_rule("outcomes.edit_record", is_network_staff | own_record)
rules.add_rule("outcomes.view_city", is_network_staff | officer_of)
rules.add_rule("outcomes.view_partnership", is_network_staff | partner_officer)
rules.add_rule("outcomes.add_partnership_record", is_network_staff | partner_officer)
