"""Who may see, mark and change events, and read or reset calendar feeds.

Imported by `rules`' autodiscovery at start-up; `access.py` and the services test these
rules by name.
"""

from __future__ import annotations

from typing import Any

import rules

from cityties.accounts.permissions import (
    is_in_network,
    is_member_officer,
    is_network_staff,
    member_org_ids,
    officer_org_ids,
)

from .models import Event, Visibility


def _in_group(user: Any, group_id: int | None) -> bool:
    from cityties.network.models import CountryGroup

    ids = member_org_ids(user)
    if group_id is None or not ids:
        return False
    return CountryGroup.members.through.objects.filter(
        countrygroup_id=group_id, organisation_id__in=ids
    ).exists()


@rules.predicate
def event_visible(user: Any, event: Event | None) -> bool:
    if event is None:
        return False
    if event.visibility == Visibility.PUBLIC:
        return True
    if not is_in_network(user):
        return False
    if is_network_staff(user) or event.organiser_id in member_org_ids(user):
        return True
    if event.visibility == Visibility.NETWORK:
        return True
    if event.visibility == Visibility.GROUP:
        return _in_group(user, event.group_id)
    return False


@rules.predicate
def officer_of_organiser(user: Any, event: Event | None) -> bool:
    return event is not None and event.organiser_id in officer_org_ids(user)


@rules.predicate
def in_group(user: Any, group: Any) -> bool:
    return group is not None and _in_group(user, group.pk)


@rules.predicate
def belongs_to(user: Any, organisation: Any) -> bool:
    return organisation is not None and organisation.pk in member_org_ids(user)


@rules.predicate
def officer_of(user: Any, organisation: Any) -> bool:
    return organisation is not None and organisation.pk in officer_org_ids(user)


rules.add_rule("events.view_event", is_network_staff | event_visible)
rules.add_rule("events.create_event", is_network_staff | is_member_officer)
rules.add_rule("events.edit_event", is_network_staff | officer_of_organiser)
rules.add_rule("events.mark_event", is_in_network & event_visible)
rules.add_rule("events.view_attendees", is_in_network & event_visible)

rules.add_rule("events.view_group_feed", is_network_staff | in_group)
rules.add_rule("events.reset_group_feed", is_network_staff)
rules.add_rule("events.view_organisation_feed", is_network_staff | belongs_to)
rules.add_rule("events.reset_organisation_feed", is_network_staff | officer_of)
