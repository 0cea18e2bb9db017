"""Who may do what at the reception.

Staff and the lead's officers: set it up, hand out quotas, see every guest, run the
door. The exhibitor (its representative, or the officer of its sponsoring city) and a
member city's officer: name and mail their own guests within their quota, never see
another's. Guests act through their signed link only. Imported by `rules`'
autodiscovery at start-up.
"""

from __future__ import annotations

from typing import Any

import rules

from cityties.accounts.permissions import company_ids, is_network_staff
from cityties.delegations.rules import lead_officer, own_participant


@rules.predicate
def leads_quota(user: Any, quota: Any) -> bool:
    return quota is not None and lead_officer(user, quota.participant.delegation)


@rules.predicate
def holds_quota(user: Any, quota: Any) -> bool:
    """The company's representative, or the officer of the city (or of the company's
    sponsor) the quota was given to."""
    if quota is None:
        return False
    participant = quota.participant
    return participant.organisation_id in company_ids(user) or own_participant(user, participant)


can_manage = is_network_staff | lead_officer

rules.add_rule("reception.manage", can_manage)
rules.add_rule("reception.door", can_manage)
rules.add_rule("reception.name_guests", is_network_staff | leads_quota | holds_quota)
