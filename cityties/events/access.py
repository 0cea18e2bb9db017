"""Fetch-and-check helpers and the visibility queryset of the calendar."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from cityties.accounts.permissions import is_in_network, is_network_staff, member_org_ids, require
from cityties.network.models import CountryGroup

from .models import Event, Visibility


def visible_events(user: Any) -> QuerySet[Event]:
    """The events a user may see: public ones for anyone, more for the network's members."""
    qs = Event.objects.all()
    if is_network_staff(user):
        return qs
    if not is_in_network(user):
        return qs.filter(visibility=Visibility.PUBLIC)
    ids = member_org_ids(user)
    # A subquery rather than a join, so that no row is repeated and no DISTINCT is needed.
    groups = CountryGroup.members.through.objects.filter(organisation_id__in=ids)
    return qs.filter(
        Q(visibility__in=[Visibility.PUBLIC, Visibility.NETWORK])
        | Q(organiser_id__in=ids)
        | Q(visibility=Visibility.GROUP, group_id__in=groups.values("countrygroup_id"))
    )


def access_event(user: Any, event_id: int, *, edit: bool = False) -> Event:
    event = get_object_or_404(Event.objects.select_related("organiser", "group"), pk=event_id)
    require(user, "events.view_event", event)
    if edit:
        require(user, "events.edit_event", event)
    return event
