"""Minutes: the chair's opening and what was said on each item, decisions with their
vote, and approval. Approving freezes the minutes as a numbered version; reopening lets
them change again, and the next approval adds the next version, earlier ones kept."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as
from cityties.network.models import Person

from .. import richtext
from ..models import (
    ActionItem,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    Meeting,
    MinutesStatus,
    MinutesVersion,
)
from .errors import MeetingError, ensure_draft

MAX_VOTES = 100_000


def check_save_minutes(
    meeting: Meeting, *, actor: Any, opening: str | None = None, items: dict[int, str] | None = None
) -> Meeting:
    """Save the opening and the minutes of the items given (item id -> text)."""
    ensure_draft(meeting)
    items = items or {}
    rows = {item.pk: item for item in meeting.agenda_items.filter(pk__in=list(items))}
    if set(items) - set(rows):
        raise MeetingError(_("Unknown agenda item."), code="unknown_agenda_item")
    with transaction.atomic(), acting_as(actor):
        if opening is not None:
            clean = richtext.sanitise(opening)
            if clean != meeting.opening:
                meeting.opening = clean
                meeting.save(update_fields=["opening", "updated_at"])
        for pk, text in items.items():
            clean = richtext.sanitise(text)
            if clean != rows[pk].minutes:
                rows[pk].minutes = clean
                rows[pk].save(update_fields=["minutes"])
    return meeting


# --- Decisions ------------------------------------------------------------------------

DECISION_FIELDS = ("text", "agenda_item", "votes_for", "votes_against", "votes_abstain")


def _decision_values(meeting: Meeting, values: dict[str, Any]) -> dict[str, Any]:
    values["text"] = (values.get("text") or "").strip()
    if not values["text"]:
        raise MeetingError(_("A decision needs a text."), code="text_required", field="text")
    if len(values["text"]) > 5000:
        raise MeetingError(_("The text is too long."), code="text_too_long", field="text")
    item = values.get("agenda_item")
    if item is not None and (not isinstance(item, AgendaItem) or item.meeting_id != meeting.pk):
        raise MeetingError(
            _("The agenda item is not of this meeting."),
            code="foreign_agenda_item",
            field="agenda_item",
        )
    given = [values.get(name) for name in ("votes_for", "votes_against", "votes_abstain")]
    if any(vote is not None for vote in given):
        votes: list[int] = [int(vote or 0) for vote in given]
        if any(not (0 <= vote <= MAX_VOTES) for vote in votes):
            raise MeetingError(_("Impossible vote count."), code="invalid_votes")
        values["votes_for"], values["votes_against"], values["votes_abstain"] = votes
    return values


def check_add_decision(
    meeting: Meeting,
    *,
    actor: Any,
    text: str,
    agenda_item: AgendaItem | None = None,
    votes_for: int | None = None,
    votes_against: int | None = None,
    votes_abstain: int | None = None,
) -> Decision:
    ensure_draft(meeting)
    values = _decision_values(
        meeting,
        {
            "text": text,
            "agenda_item": agenda_item,
            "votes_for": votes_for,
            "votes_against": votes_against,
            "votes_abstain": votes_abstain,
        },
    )
    with transaction.atomic(), acting_as(actor):
        return Decision.objects.create(meeting=meeting, **values)


def decision_values(decision: Decision) -> dict[str, Any]:
    return {name: getattr(decision, name) for name in DECISION_FIELDS}


def check_update_decision(decision: Decision, *, actor: Any, **changes: Any) -> Decision:
    ensure_draft(decision.meeting)
    if set(changes) - set(DECISION_FIELDS):
        raise MeetingError(_("Unknown field."), code="unknown_field")
    values = _decision_values(decision.meeting, decision_values(decision) | changes)
    with transaction.atomic(), acting_as(actor):
        for name, value in values.items():
            setattr(decision, name, value)
        decision.save()
    return decision


def check_delete_decision(decision: Decision, *, actor: Any) -> None:
    ensure_draft(decision.meeting)
    with transaction.atomic(), acting_as(actor):
        decision.delete()


# --- Approval and versions ------------------------------------------------------------


def check_approve_minutes(
    meeting: Meeting, *, actor: Any, at: datetime | None = None
) -> MinutesVersion:
    """Freeze the minutes as the next version. The meeting must have taken place and its
    attendance be taken (nobody left merely "invited"). `at` records an approval made
    earlier, on paper (imports and the demo)."""
    ensure_draft(meeting)
    now = at or timezone.now()
    if meeting.starts_at > now:
        raise MeetingError(
            _("Minutes are approved after the meeting has taken place."), code="not_held_yet"
        )
    waiting = meeting.attendances.filter(status=AttendanceStatus.INVITED).count()
    if waiting:
        raise MeetingError(
            _("Take the attendance first: %(count)s people are still only invited.")
            % {"count": waiting},
            code="attendance_not_taken",
        )
    with transaction.atomic(), acting_as(actor):
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        last = meeting.versions.aggregate(last=Max("number"))["last"] or 0
        meeting.minutes_status = MinutesStatus.APPROVED
        meeting.approved_by = actor if getattr(actor, "is_authenticated", False) else None
        meeting.approved_at = now
        meeting.save(update_fields=["minutes_status", "approved_by", "approved_at", "updated_at"])
        content = snapshot(meeting)
        content["version"] = last + 1
        return MinutesVersion.objects.create(
            meeting=meeting,
            number=last + 1,
            content=content,
            approved_by=meeting.approved_by,
            approved_at=now,
        )


def check_reopen_minutes(meeting: Meeting, *, actor: Any) -> Meeting:
    if not meeting.is_approved:
        raise MeetingError(_("The minutes are a draft already."), code="minutes_draft")
    now = timezone.now()
    with transaction.atomic(), acting_as(actor):
        meeting.versions.filter(reopened_at=None).update(reopened_at=now)
        meeting.minutes_status = MinutesStatus.DRAFT
        meeting.approved_by = None
        meeting.approved_at = None
        meeting.save(update_fields=["minutes_status", "approved_by", "approved_at", "updated_at"])
    return meeting


def latest_version(meeting: Meeting) -> MinutesVersion | None:
    return meeting.versions.order_by("-number").first()


def _person_parts(person: Person | None, row: Attendance | None) -> dict[str, str] | None:
    """A chair or secretary as the attendance copied them, else as the directory says."""
    if row is not None:
        return {
            "civility": row.civility,
            "first_name": row.first_name,
            "last_name": row.last_name,
            "function": row.function,
            "organisation": row.organisation_name,
        }
    if person is None:
        return None
    return {
        "civility": person.civility,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "function": person.function,
        "organisation": person.organisation.name,
    }


def snapshot(meeting: Meeting) -> dict[str, Any]:
    """Everything the minutes show, as plain data: what a version freezes, what the
    exports and the version pages render."""
    rows = list(
        meeting.attendances.select_related("proxy").order_by("last_name", "first_name", "id")
    )
    by_person = {row.person_id: row for row in rows if row.person_id}
    items = list(meeting.agenda_items.select_related("presenter").order_by("position", "id"))
    titles = {item.pk: item.title for item in items}
    actions = ActionItem.objects.filter(meeting=meeting).select_related(
        "owner_person", "owner_organisation"
    )
    chair, secretary = meeting.chair, meeting.secretary
    local_start, local_end = meeting.local_start, meeting.local_end
    return {
        "version": None,
        "title": meeting.title,
        "group": meeting.group.name,
        "starts_at": local_start.isoformat(),
        "ends_at": local_end.isoformat(),
        "time_zone": meeting.time_zone,
        "place": meeting.place,
        "video_link": meeting.video_link,
        "chair": _person_parts(chair, by_person.get(chair.pk) if chair else None),
        "secretary": _person_parts(secretary, by_person.get(secretary.pk) if secretary else None),
        "opening": meeting.opening,
        "approved_at": meeting.approved_at.isoformat() if meeting.approved_at else None,
        "approved_by": str(meeting.approved_by) if meeting.approved_by else None,
        "items": [
            {
                "title": item.title,
                "presenter": item.presenter.full_name if item.presenter else "",
                "duration_minutes": item.duration_minutes,
                "minutes": item.minutes,
                "carried": item.carried_action_id is not None,
            }
            for item in items
        ],
        "decisions": [
            {
                "text": decision.text,
                "agenda_item": titles.get(decision.agenda_item_id or 0, ""),
                "votes": None
                if not decision.has_vote
                else {
                    "for": decision.votes_for,
                    "against": decision.votes_against,
                    "abstain": decision.votes_abstain,
                },
            }
            for decision in meeting.decisions.order_by("created_at", "id")
        ],
        "actions": [
            {
                "text": action.text,
                "owner": action.owner_person.full_name if action.owner_person else "",
                "organisation": action.owner_organisation.name,
                "due_on": action.due_on.isoformat() if action.due_on else None,
                "status": action.status,
            }
            for action in actions.order_by("created_at", "id")
        ],
        "attendance": [
            {
                "civility": row.civility,
                "first_name": row.first_name,
                "last_name": row.last_name,
                "function": row.function,
                "organisation": row.organisation_name,
                "status": row.status,
                "proxy": row.proxy_name,
                "is_guest": row.is_guest,
            }
            for row in rows
        ],
    }
