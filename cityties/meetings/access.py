"""Fetch-and-check helpers and visibility querysets of meetings: 404 when the object does
not exist, 403 when the user may not see or change it."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from cityties.accounts.permissions import is_network_staff, officer_org_ids, require
from cityties.network.models import CountryGroup

from .models import ActionItem, AgendaItem, Attendance, Decision, Meeting, MinutesImport
from .rules import group_ids_of

MEETING_RELATED = ("group", "chair__organisation", "secretary__organisation", "event")


def visible_meetings(user: Any) -> QuerySet[Meeting]:
    qs = Meeting.objects.all()
    if is_network_staff(user):
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    ids = officer_org_ids(user)
    return qs.filter(
        Q(group_id__in=group_ids_of(user))
        | Q(chair__organisation_id__in=ids)
        | Q(secretary__organisation_id__in=ids)
    )


def visible_groups(user: Any) -> QuerySet[CountryGroup]:
    qs = CountryGroup.objects.all()
    if is_network_staff(user):
        return qs
    return qs.filter(pk__in=group_ids_of(user))


def access_group(user: Any, pk: int, *, rule: str = "meetings.view_group") -> CountryGroup:
    group = get_object_or_404(CountryGroup.objects.select_related("president", "federation"), pk=pk)
    require(user, rule, group)
    return group


def access_meeting(user: Any, pk: int, *, edit: bool = False) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related(*MEETING_RELATED), pk=pk)
    require(user, "meetings.edit" if edit else "meetings.view", meeting)
    return meeting


def _with_meeting(obj: Any, user: Any, edit: bool) -> Any:
    obj.meeting = access_meeting(user, obj.meeting_id, edit=edit)
    return obj


def access_agenda_item(user: Any, pk: int, *, edit: bool = False) -> AgendaItem:
    item = get_object_or_404(AgendaItem.objects.select_related("presenter"), pk=pk)
    return _with_meeting(item, user, edit)


def access_attendance(user: Any, pk: int, *, edit: bool = False) -> Attendance:
    row = get_object_or_404(Attendance, pk=pk)
    return _with_meeting(row, user, edit)


def access_decision(user: Any, pk: int, *, edit: bool = False) -> Decision:
    decision = get_object_or_404(Decision, pk=pk)
    return _with_meeting(decision, user, edit)


def access_action(user: Any, pk: int, *, edit: bool = False, follow_up: bool = False) -> ActionItem:
    """`edit`: the meeting's editors; `follow_up`: they or the action's owner (status)."""
    action = get_object_or_404(
        ActionItem.objects.select_related(
            "owner_person", "owner_organisation", *(f"meeting__{name}" for name in MEETING_RELATED)
        ),
        pk=pk,
    )
    if edit:
        require(user, "meetings.edit", action.meeting)
    elif follow_up:
        require(user, "meetings.follow_up_action", action)
    else:
        require(user, "meetings.view_action", action)
    return action


def access_import(user: Any, pk: int) -> MinutesImport:
    """A pending import is its uploader's (and the staff's), within a group they may use."""
    pending = get_object_or_404(MinutesImport.objects.select_related("group"), pk=pk)
    require(user, "meetings.create", pending.group)
    if pending.created_by_id != user.pk and not is_network_staff(user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return pending
