"""Action items and their reminders.

A reminder is mailed to the owner a few days before the due date and once more when it
has passed. Each is recorded in `ActionReminder`, whose unique constraint on (action,
kind) makes sending it twice impossible, however many times the clock runs or however
many clocks run at once; the mail is queued in the same transaction.

After the minutes are approved an action item is no longer minutes but follow-up: its
status still moves (by the meeting's editors, or by its owner), nothing else does.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import rules
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.tasks import Task
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.accounts.permissions import is_network_staff, member_org_ids, officer_org_ids
from cityties.core.audit import acting_as
from cityties.network.models import Organisation, Person

from ..models import (
    OPEN_ACTION_STATUSES,
    ActionItem,
    ActionReminder,
    ActionStatus,
    AgendaItem,
    Meeting,
    ReminderKind,
)
from .errors import MeetingError, ensure_draft
from .meetings import carry_to_next_meeting

REMIND_DAYS_BEFORE = 3
LINKS = ("delegation", "milestone", "event", "partnership")
ACTION_FIELDS = ("text", "owner_organisation", "owner_person", "due_on", "status", "agenda_item")
ALL_FIELDS = (*ACTION_FIELDS, *LINKS)
# Who may see the thing an action item serves, by link.
LINK_RULES = {
    "delegation": "delegations.view",
    "milestone": "delegations.view_milestones",
    "event": "events.view_event",
    "partnership": "network.view_partnership",
}


def _validate(
    meeting: Meeting, actor: Any, values: dict[str, Any], *, new_links: frozenset[str]
) -> dict[str, Any]:
    values["text"] = " ".join((values.get("text") or "").split())
    if not values["text"]:
        raise MeetingError(_("An action item needs a text."), code="text_required", field="text")
    if len(values["text"]) > 2000:
        raise MeetingError(_("The text is too long."), code="text_too_long", field="text")
    if values["status"] not in ActionStatus.values:
        raise MeetingError(_("Unknown status."), code="invalid_status", field="status")
    owner_org, owner = values["owner_organisation"], values["owner_person"]
    if not isinstance(owner_org, Organisation):
        raise MeetingError(
            _("An action item needs an owner organisation."),
            code="owner_organisation_required",
            field="owner_organisation",
        )
    if owner is not None and (owner.erased_at is not None or owner.organisation_id != owner_org.pk):
        raise MeetingError(
            _("The owner must belong to the owner organisation."),
            code="owner_not_in_organisation",
            field="owner_person",
        )
    item = values.get("agenda_item")
    if item is not None and (not isinstance(item, AgendaItem) or item.meeting_id != meeting.pk):
        raise MeetingError(
            _("The agenda item is not of this meeting."),
            code="foreign_agenda_item",
            field="agenda_item",
        )
    linked = [name for name in LINKS if values.get(name) is not None]
    if len(linked) > 1:
        raise MeetingError(
            _("An action item serves one thing at most."), code="too_many_links", field=linked[1]
        )
    for name in set(linked) & new_links:
        if actor is not None and not rules.test_rule(LINK_RULES[name], actor, values[name]):
            raise MeetingError(_("Unknown %(what)s.") % {"what": name}, code=f"unknown_{name}")
    return values


def check_add_action(
    meeting: Meeting,
    *,
    actor: Any,
    text: str,
    owner_organisation: Organisation,
    owner_person: Person | None = None,
    due_on: date | None = None,
    status: str = ActionStatus.OPEN,
    agenda_item: AgendaItem | None = None,
    **links: Any,
) -> ActionItem:
    ensure_draft(meeting)
    if set(links) - set(LINKS):
        raise MeetingError(_("Unknown field."), code="unknown_field")
    values = _validate(
        meeting,
        actor,
        {
            "text": text,
            "owner_organisation": owner_organisation,
            "owner_person": owner_person,
            "due_on": due_on,
            "status": status,
            "agenda_item": agenda_item,
            **dict.fromkeys(LINKS),
            **links,
        },
        new_links=frozenset(LINKS),
    )
    return do_add_action(meeting, actor=actor, **values)


def do_add_action(meeting: Meeting, *, actor: Any, **values: Any) -> ActionItem:
    with transaction.atomic(), acting_as(actor):
        action = ActionItem.objects.create(
            meeting=meeting,
            completed_at=timezone.now() if values.get("status") == ActionStatus.DONE else None,
            **values,
        )
        carry_to_next_meeting(action)
    return action


def action_values(action: ActionItem) -> dict[str, Any]:
    return {name: getattr(action, name) for name in ALL_FIELDS}


def editable_action_fields(action: ActionItem, actor: Any) -> tuple[str, ...]:
    """What this actor may change: everything while the minutes are a draft and they may
    edit the meeting; only the status once approved, or for the action's owner."""
    if actor is None or rules.test_rule("meetings.edit", actor, action.meeting):
        return ALL_FIELDS if not action.meeting.is_approved else ("status",)
    if rules.test_rule("meetings.follow_up_action", actor, action):
        return ("status",)
    return ()


def check_update_action(action: ActionItem, *, actor: Any, **changes: Any) -> ActionItem:
    """Change only the fields given, and only those the actor may change. Moving the due
    date later re-arms the reminders."""
    if set(changes) - set(ALL_FIELDS):
        raise MeetingError(_("Unknown field."), code="unknown_field")
    allowed = editable_action_fields(action, actor)
    current = action_values(action)
    refused = [
        name for name, value in changes.items() if name not in allowed and value != current[name]
    ]
    if refused:
        if action.meeting.is_approved:
            ensure_draft(action.meeting)
        raise MeetingError(
            _("You may only change the status of this action item."),
            code="only_status",
            field=refused[0],
        )
    values = _validate(
        action.meeting,
        actor,
        current | changes,
        new_links=frozenset(
            name for name in LINKS if changes.get(name, current[name]) != current[name]
        ),
    )
    return do_update_action(action, actor=actor, **values)


def do_update_action(action: ActionItem, *, actor: Any, **values: Any) -> ActionItem:
    with transaction.atomic(), acting_as(actor):
        due = values.get("due_on")
        if due is not None and (action.due_on is None or due > action.due_on):
            action.reminders.all().delete()
        was_done = action.status == ActionStatus.DONE
        was_open = action.is_open
        for name, value in values.items():
            setattr(action, name, value)
        if action.status == ActionStatus.DONE and not was_done:
            action.completed_at = timezone.now()
        elif action.status != ActionStatus.DONE:
            action.completed_at = None
        action.save()
        if action.is_open and not was_open:
            carry_to_next_meeting(action)
    return action


def check_delete_action(action: ActionItem, *, actor: Any) -> None:
    ensure_draft(action.meeting)
    with transaction.atomic(), acting_as(actor):
        action.delete()


def meeting_actions(meeting: Meeting) -> QuerySet[ActionItem]:
    return meeting.action_items.select_related(
        "owner_person",
        "owner_organisation",
        "agenda_item",
        "delegation",
        "milestone",
        "event",
        "partnership",
    ).order_by("created_at", "id")


def open_actions_for(user: Any) -> QuerySet[ActionItem]:
    """The open action items a member answers for: their own, and their organisation's
    when they are its officer (or its staff)."""
    if not getattr(user, "is_authenticated", False):
        return ActionItem.objects.none()
    orgs = set(officer_org_ids(user))
    if is_network_staff(user):
        orgs |= member_org_ids(user)
    return (
        ActionItem.objects.filter(status__in=OPEN_ACTION_STATUSES)
        .filter(Q(owner_person__user_id=user.pk) | Q(owner_organisation_id__in=orgs))
        .select_related("meeting__group", "owner_person", "owner_organisation")
        .order_by("due_on", "id")
    )


def open_actions_of_group(group_id: int) -> QuerySet[ActionItem]:
    return (
        ActionItem.objects.filter(meeting__group_id=group_id, status__in=OPEN_ACTION_STATUSES)
        .select_related("meeting", "owner_person", "owner_organisation")
        .order_by("due_on", "id")
    )


# --- Reminders -----------------------------------------------------------------------


def reminder_recipient(action: ActionItem) -> str:
    person = action.owner_person
    if person is not None and person.erased_at is None and person.email:
        return person.email
    return action.owner_organisation.email


def reminder_kind(action: ActionItem, today: date) -> str | None:
    if action.due_on is None:
        return None
    if action.due_on < today:
        return ReminderKind.OVERDUE
    if action.due_on <= today + timedelta(days=REMIND_DAYS_BEFORE):
        return ReminderKind.BEFORE
    return None


def _enqueue_on_commit(task: Task, *args: Any) -> None:
    transaction.on_commit(lambda: task.enqueue(*args))


def send_due_action_reminders(now: datetime, *, enqueue: Callable[..., None] | None = None) -> int:
    """Queue the reminders due at `now`; return how many. Idempotent by itself."""
    from ..tasks import send_action_reminder

    enqueue = enqueue or _enqueue_on_commit
    today = timezone.localdate(now)
    due = (
        ActionItem.objects.filter(
            status__in=OPEN_ACTION_STATUSES,
            due_on__lte=today + timedelta(days=REMIND_DAYS_BEFORE),
        )
        .select_related("owner_person", "owner_organisation")
        .order_by("due_on", "id")
    )
    sent = 0
    for action in due:
        kind = reminder_kind(action, today)
        recipient = reminder_recipient(action)
        if kind is None or not recipient:
            continue
        try:
            with transaction.atomic():
                reminder = ActionReminder.objects.create(
                    action=action, kind=kind, sent_to=recipient, sent_at=now
                )
                enqueue(send_action_reminder, reminder.pk)
        except IntegrityError:
            continue  # already sent
        sent += 1
    return sent
