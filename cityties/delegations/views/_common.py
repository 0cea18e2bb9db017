"""What the pages of a delegation share: the reader's rights on it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import rules

from ..models import Delegation


@dataclass(frozen=True)
class Rights:
    manage: bool
    participants: bool
    milestones: bool
    programme: bool
    pavilion: bool
    reception: bool
    outcomes: bool


def rights(user: Any, delegation: Delegation) -> Rights:
    return Rights(
        manage=rules.test_rule("delegations.manage", user, delegation),
        participants=rules.test_rule("delegations.view_participants", user, delegation),
        milestones=rules.test_rule("delegations.view_milestones", user, delegation),
        programme=rules.test_rule("delegations.view_programme", user, delegation),
        pavilion=rules.test_rule("pavilion.view", user, delegation),
        reception=rules.test_rule("reception.manage", user, delegation),
        outcomes=rules.test_rule("outcomes.view_delegation", user, delegation),
    )
