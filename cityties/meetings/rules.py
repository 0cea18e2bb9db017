"""Who may see and change a country group's meetings.

See: the network staff, and the officers of the group's member organisations (a group
keeps its meetings among its members). Change: the staff, and the officers of the
chair's and of the secretary's organisations, who convene the meeting and keep its
minutes. An action item's owner (their organisation's officers, or the owner themselves)
may move its status along. Anyone else, a member of another group included, sees
nothing. Imported by `rules`' autodiscovery at start-up.
"""

from __future__ import annotations

from typing import Any

import rules

from cityties.accounts.permissions import is_network_staff, officer_org_ids


def group_ids_of(user: Any) -> frozenset[int]:
    """The groups in which the user is an officer of a member organisation (cached)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cache = user.__dict__.setdefault("_cityties_meeting_groups", {})
    if "ids" not in cache:
        from cityties.network.models import CountryGroup

        ids = officer_org_ids(user)
        cache["ids"] = frozenset(
            CountryGroup.members.through.objects.filter(organisation_id__in=ids).values_list(
                "countrygroup_id", flat=True
            )
            if ids
            else ()
        )
    return cache["ids"]


def convenor_org_ids(meeting: Any) -> set[int]:
    ids = set()
    for person in (meeting.chair, meeting.secretary):
        if person is not None:
            ids.add(person.organisation_id)
    return ids


@rules.predicate
def officer_in_group(user: Any, group: Any) -> bool:
    return group is not None and group.pk in group_ids_of(user)


@rules.predicate
def officer_in_meeting_group(user: Any, meeting: Any) -> bool:
    return meeting is not None and meeting.group_id in group_ids_of(user)


@rules.predicate
def convenor_officer(user: Any, meeting: Any) -> bool:
    if meeting is None:
        return False
    return bool(convenor_org_ids(meeting) & officer_org_ids(user))


@rules.predicate
def action_owner(user: Any, action: Any) -> bool:
    if action is None:
        return False
    if action.owner_organisation_id in officer_org_ids(user):
        return True
    person = action.owner_person
    return person is not None and person.user_id is not None and person.user_id == user.pk


@rules.predicate
def may_edit_action_meeting(user: Any, action: Any) -> bool:
    return action is not None and rules.test_rule("meetings.edit", user, action.meeting)


@rules.predicate
def may_view_action_meeting(user: Any, action: Any) -> bool:
    return action is not None and rules.test_rule("meetings.view", user, action.meeting)


can_edit = is_network_staff | convenor_officer
can_view = can_edit | officer_in_meeting_group

rules.add_rule("meetings.view_group", is_network_staff | officer_in_group)
rules.add_rule("meetings.create", is_network_staff | officer_in_group)
rules.add_rule("meetings.view", can_view)
rules.add_rule("meetings.edit", can_edit)
rules.add_rule("meetings.follow_up_action", may_edit_action_meeting | action_owner)
rules.add_rule("meetings.view_action", may_view_action_meeting | action_owner)
