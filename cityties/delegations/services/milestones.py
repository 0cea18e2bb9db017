"""Milestones of a delegation and their reminders.

A reminder is mailed to the owner a few days before the deadline and once more when the
deadline has passed. Each is recorded in `MilestoneReminder`, whose unique constraint on
(milestone, kind) makes sending it twice impossible, however many times the clock runs
or however many clocks run at once; the mail is queued in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.tasks import Task
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as
from cityties.network.models import Organisation, Person

from ..models import (
    OPEN_MILESTONE_STATUSES,
    Delegation,
    Milestone,
    MilestoneReminder,
    MilestoneStatus,
    ReminderKind,
)
from .errors import DelegationError

REMIND_DAYS_BEFORE = 3


def _validate(
    *, title: str, owner_organisation: Organisation, owner_person: Person | None, status: str
) -> str:
    title = title.strip()
    if not title:
        raise DelegationError(_("A milestone needs a title."), code="title_required")
    if len(title) > 200:
        raise DelegationError(_("The title is too long."), code="title_too_long")
    if status not in MilestoneStatus.values:
        raise DelegationError(_("Unknown status."), code="invalid_status")
    if owner_person is not None and owner_person.organisation_id != owner_organisation.pk:
        raise DelegationError(
            _("The owner must belong to the owner organisation."), code="owner_not_in_organisation"
        )
    return title


def check_add_milestone(
    delegation: Delegation,
    *,
    actor: Any,
    title: str,
    due_on: date,
    owner_organisation: Organisation,
    owner_person: Person | None = None,
    status: str = MilestoneStatus.OPEN,
    notes: str = "",
) -> Milestone:
    title = _validate(
        title=title, owner_organisation=owner_organisation, owner_person=owner_person, status=status
    )
    with transaction.atomic(), acting_as(actor):
        return Milestone.objects.create(
            delegation=delegation,
            title=title,
            due_on=due_on,
            owner_organisation=owner_organisation,
            owner_person=owner_person,
            status=status,
            notes=notes,
            completed_at=timezone.now() if status == MilestoneStatus.DONE else None,
        )


def milestone_values(milestone: Milestone) -> dict[str, Any]:
    return {
        "title": milestone.title,
        "due_on": milestone.due_on,
        "owner_organisation": milestone.owner_organisation,
        "owner_person": milestone.owner_person,
        "status": milestone.status,
        "notes": milestone.notes,
    }


def check_update_milestone(milestone: Milestone, *, actor: Any, **changes: Any) -> Milestone:
    """Change only the fields given. Moving the deadline later re-arms the reminders."""
    unknown = set(changes) - set(milestone_values(milestone))
    if unknown:
        raise DelegationError(_("Unknown field."), code="unknown_field")
    values = milestone_values(milestone) | changes
    values["title"] = _validate(
        title=values["title"],
        owner_organisation=values["owner_organisation"],
        owner_person=values["owner_person"],
        status=values["status"],
    )
    with transaction.atomic(), acting_as(actor):
        if values["due_on"] > milestone.due_on:
            milestone.reminders.all().delete()
        was_done = milestone.status == MilestoneStatus.DONE
        for name, value in values.items():
            setattr(milestone, name, value)
        if milestone.status == MilestoneStatus.DONE and not was_done:
            milestone.completed_at = timezone.now()
        elif milestone.status != MilestoneStatus.DONE:
            milestone.completed_at = None
        milestone.save()
    return milestone


def do_delete_milestone(milestone: Milestone, *, actor: Any) -> None:
    with transaction.atomic(), acting_as(actor):
        milestone.delete()


def next_milestones(delegation: Delegation, limit: int = 5) -> QuerySet[Milestone]:
    return (
        delegation.milestones.filter(status__in=OPEN_MILESTONE_STATUSES)
        .select_related("owner_person", "owner_organisation")
        .order_by("due_on", "id")[:limit]
    )


# --- Reminders -----------------------------------------------------------------------


def reminder_recipient(milestone: Milestone) -> str:
    person = milestone.owner_person
    if person is not None and person.erased_at is None and person.email:
        return person.email
    return milestone.owner_organisation.email


def reminder_kind(milestone: Milestone, today: date) -> str | None:
    if milestone.due_on < today:
        return ReminderKind.OVERDUE
    if milestone.due_on <= today + timedelta(days=REMIND_DAYS_BEFORE):
        return ReminderKind.BEFORE
    return None


def _enqueue_on_commit(task: Task, *args: Any) -> None:
    transaction.on_commit(lambda: task.enqueue(*args))


def send_due_milestone_reminders(
    now: datetime, *, enqueue: Callable[..., None] | None = None
) -> int:
    """Queue the reminders due at `now`; return how many. Idempotent by itself."""
    from ..tasks import send_milestone_reminder

    enqueue = enqueue or _enqueue_on_commit
    today = timezone.localdate(now)
    due = (
        Milestone.objects.filter(
            status__in=OPEN_MILESTONE_STATUSES,
            due_on__lte=today + timedelta(days=REMIND_DAYS_BEFORE),
        )
        .exclude(delegation__status="closed")
        .select_related("owner_person", "owner_organisation")
        .order_by("due_on", "id")
    )
    sent = 0
    for milestone in due:
        kind = reminder_kind(milestone, today)
        recipient = reminder_recipient(milestone)
        if kind is None or not recipient:
            continue
        try:
            with transaction.atomic():
                reminder = MilestoneReminder.objects.create(
                    milestone=milestone, kind=kind, sent_to=recipient, sent_at=now
                )
                enqueue(send_milestone_reminder, reminder.pk)
        except IntegrityError:
            continue  # already sent
        sent += 1
    return sent
