"""Who may see and do what in the matchmaking of an event.

The attendee list is personal data: only the staff and the members of a delegation to the
event read it (the lead's officers, the officers of the participating governments, the
representatives of the travelling companies), never an anonymous user or a public page.
Staff and the lead's officers manage the event's matchmaking (import, slots, places, the
schedule). A person acting for a delegate (the delegate, their officer or company, the
lead) edits that delegate's profile, sends and answers their requests, reads their agenda;
a company representative acts for its own company's delegates only. Imported by `rules`'
autodiscovery at start-up.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q

from cityties.accounts.permissions import company_ids, is_network_staff, officer_org_ids
from cityties.delegations.models import Delegation, ParticipantKind
from cityties.delegations.rules import own_itinerary


def _event_id(obj: Any) -> int | None:
    if obj is None:
        return None
    return getattr(obj, "event_id", None) or getattr(obj, "pk", None)


def _cached(user: Any, key: str, event_id: int, compute: Any) -> bool:
    cache = user.__dict__.setdefault("_cityties_matchmaking", {})
    if (key, event_id) not in cache:
        cache[(key, event_id)] = bool(compute())
    return bool(cache[(key, event_id)])


@rules.predicate
def event_insider(user: Any, obj: Any) -> bool:
    """A member of a delegation to the event (`obj` is the event or anything of it)."""
    event_id = _event_id(obj)
    if event_id is None or not getattr(user, "is_authenticated", False):
        return False
    officer, companies = officer_org_ids(user), company_ids(user)
    if not officer and not companies:
        return False
    condition = (
        Q(lead_id__in=officer)
        | Q(
            participants__kind=ParticipantKind.GOVERNMENT,
            participants__organisation_id__in=officer,
        )
        | Q(participants__organisation_id__in=companies)
    )
    return _cached(
        user,
        "insider",
        event_id,
        lambda: Delegation.objects.filter(condition, event_id=event_id).exists(),
    )


@rules.predicate
def event_lead(user: Any, obj: Any) -> bool:
    """An officer of the lead of a delegation to the event."""
    event_id = _event_id(obj)
    if event_id is None or not getattr(user, "is_authenticated", False):
        return False
    officer = officer_org_ids(user)
    if not officer:
        return False
    return _cached(
        user,
        "lead",
        event_id,
        lambda: Delegation.objects.filter(event_id=event_id, lead_id__in=officer).exists(),
    )


can_manage = is_network_staff | event_lead


@rules.predicate
def acts_for_profile(user: Any, profile: Any) -> bool:
    """A delegate's profile: the delegate and whoever may read their itinerary. An
    attendee's (who has no account): the managers, answering on their behalf."""
    if profile is None:
        return False
    if profile.delegate_id is not None:
        return bool(own_itinerary(user, profile.delegate))
    return bool(can_manage(user, profile))


@rules.predicate
def party_of_meeting(user: Any, meeting: Any) -> bool:
    if meeting is None:
        return False
    request = meeting.request
    return bool(acts_for_profile(user, request.sender) or acts_for_profile(user, request.recipient))


@rules.predicate
def party_of_request(user: Any, request: Any) -> bool:
    if request is None:
        return False
    return bool(acts_for_profile(user, request.sender) or acts_for_profile(user, request.recipient))


rules.add_rule("matchmaking.view_event", is_network_staff | event_insider)
rules.add_rule("matchmaking.manage", can_manage)
rules.add_rule("matchmaking.act_for", is_network_staff | acts_for_profile)
rules.add_rule("matchmaking.view_request", can_manage | party_of_request)
rules.add_rule("matchmaking.view_meeting", can_manage | party_of_meeting)
