"""Who may see and change the pavilion's figures.

Staff and the lead's officers: everything, and they alone change it. A partner viewer of a
funder: the whole pavilion, the budget and the dossier, read-only. A participating
member's officer: the costs of its own government and of the companies it sponsors. A
company representative: its own company's costs, never another's. Imported by `rules`'
autodiscovery at start-up.
"""

from __future__ import annotations

from typing import Any

import rules

from cityties.accounts.permissions import company_ids, is_network_staff
from cityties.delegations.rules import funder_viewer, lead_officer, own_participant


@rules.predicate
def represents_participant(user: Any, participant: Any) -> bool:
    return participant is not None and participant.organisation_id in company_ids(user)


@rules.predicate
def manages_participant(user: Any, participant: Any) -> bool:
    return participant is not None and lead_officer(user, participant.delegation)


@rules.predicate
def funds_participant(user: Any, participant: Any) -> bool:
    return participant is not None and funder_viewer(user, participant.delegation)


can_manage = is_network_staff | lead_officer

rules.add_rule("pavilion.manage", can_manage)
rules.add_rule("pavilion.view", can_manage | funder_viewer)
rules.add_rule(
    "pavilion.view_participant",
    is_network_staff
    | manages_participant
    | funds_participant
    | own_participant
    | represents_participant,
)
rules.add_rule("pavilion.edit_facts", is_network_staff | manages_participant)
