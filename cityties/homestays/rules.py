"""Who may see and change homestays: the delegation's staff alone (network staff and the
lead's officers). Families' data is never shown to delegates before the assignment is
confirmed; then each guest reads their own family on their itinerary. Imported by
`rules`' autodiscovery at start-up."""

from __future__ import annotations

import rules

from cityties.accounts.permissions import is_network_staff
from cityties.delegations.rules import lead_officer

rules.add_rule("homestays.manage", is_network_staff | lead_officer)
