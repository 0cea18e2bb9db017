"""REST endpoints of meetings: the same access helpers, rules and services as the pages,
so the API changes nothing a page would not let the same user change (an action item's
owner moves its status, nothing else; approved minutes are read-only).

Refusals are `{code, message}`: 400 for invalid input (the services' `MeetingError`),
403 when the user may not, 404 when the object does not exist."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from cityties.accounts.permissions import require
from cityties.core.api.errors import responses
from cityties.core.fields import Count
from cityties.network.models import Organisation, Person

from . import services as svc
from .access import (
    access_action,
    access_attendance,
    access_decision,
    access_group,
    access_meeting,
    visible_meetings,
)
from .models import ActionItem, AgendaItem, Attendance, Decision, Meeting

router = Router(tags=["meetings"])

REFUSALS: dict[int, Any] = responses({}, invalid=True, not_found=True)
ID = Field(..., ge=1, le=2**31 - 1)
OPTIONAL_ID = Field(None, ge=1, le=2**31 - 1)


class AgendaItemOut(Schema):
    id: int
    position: int
    title: str
    presenter_id: int | None
    duration_minutes: int | None
    minutes: str = Field(..., description="Sanitised HTML")
    carried_action_id: int | None = Field(
        ..., description="The open action item of an earlier meeting this item follows up"
    )


class MeetingOut(Schema):
    id: int
    group_id: int
    title: str
    starts_at: datetime = Field(..., description="UTC")
    ends_at: datetime = Field(..., description="UTC")
    time_zone: str = Field(..., description="IANA zone in which the meeting's times are shown")
    local_start: datetime = Field(..., description="Start in the meeting's zone, with its offset")
    place: str
    video_link: str
    chair_id: int | None
    secretary_id: int | None
    event_id: int | None = Field(..., description="The meeting in the calendar")
    minutes_status: str = Field(..., description="draft or approved")
    approved_at: datetime | None

    @staticmethod
    def resolve_starts_at(obj: Meeting) -> datetime:
        return obj.starts_at.astimezone(UTC)

    @staticmethod
    def resolve_ends_at(obj: Meeting) -> datetime:
        return obj.ends_at.astimezone(UTC)


class MeetingDetailOut(MeetingOut):
    opening: str = Field(..., description="The chair's opening, sanitised HTML")
    agenda: list[AgendaItemOut]
    versions: list[int] = Field(..., description="Numbers of the approved versions")

    @staticmethod
    def resolve_agenda(obj: Meeting) -> list[AgendaItem]:
        return list(obj.agenda_items.order_by("position", "id"))

    @staticmethod
    def resolve_versions(obj: Meeting) -> list[int]:
        return list(obj.versions.order_by("number").values_list("number", flat=True))


class MeetingFilters(Schema):
    group: int | None = Field(None, ge=1, le=2**31 - 1)


class MeetingIn(Schema):
    group_id: int = ID
    title: str = Field(..., max_length=200)
    starts_at: datetime = Field(..., description="With an offset; stored in UTC")
    ends_at: datetime
    time_zone: str = Field("Europe/Paris", max_length=64)
    place: str = Field("", max_length=200)
    video_link: str = Field("", max_length=200)
    chair_id: int | None = OPTIONAL_ID
    secretary_id: int | None = OPTIONAL_ID


class MeetingPatch(Schema):
    """Only the fields sent are changed."""

    title: str | None = Field(None, max_length=200)
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    time_zone: str | None = Field(None, max_length=64)
    place: str | None = Field(None, max_length=200)
    video_link: str | None = Field(None, max_length=200)
    chair_id: int | None = OPTIONAL_ID
    secretary_id: int | None = OPTIONAL_ID


class AttendanceOut(Schema):
    id: int
    person_id: int | None
    civility: str
    first_name: str
    last_name: str
    function: str = Field(..., description="As held on the day of the meeting")
    organisation_id: int | None
    organisation_name: str
    status: str = Field(..., description="invited, present, remote, represented, excused, absent")
    proxy_name: str
    proxy_id: int | None
    is_guest: bool
    invited_at: datetime | None


class AttendanceIn(Schema):
    person_id: int = ID
    status: str = Field("invited", max_length=12)


class AttendancePatch(Schema):
    status: str | None = Field(None, max_length=12)
    proxy_id: int | None = OPTIONAL_ID
    proxy_name: str | None = Field(None, max_length=200)
    function: str | None = Field(None, max_length=200)
    organisation_name: str | None = Field(None, max_length=200)
    language: str | None = Field(None, max_length=2)


class DecisionOut(Schema):
    id: int
    text: str
    agenda_item_id: int | None
    votes_for: int | None
    votes_against: int | None
    votes_abstain: int | None


class DecisionIn(Schema):
    text: str = Field(..., max_length=5000)
    agenda_item_id: int | None = OPTIONAL_ID
    votes_for: Count | None = None
    votes_against: Count | None = None
    votes_abstain: Count | None = None


class DecisionPatch(Schema):
    text: str | None = Field(None, max_length=5000)
    agenda_item_id: int | None = OPTIONAL_ID
    votes_for: Count | None = None
    votes_against: Count | None = None
    votes_abstain: Count | None = None


class ActionOut(Schema):
    id: int
    meeting_id: int
    text: str
    owner_organisation_id: int
    owner_person_id: int | None
    due_on: date | None
    status: str = Field(..., description="open, in_progress, done, dropped")
    agenda_item_id: int | None
    delegation_id: int | None
    milestone_id: int | None
    event_id: int | None
    partnership_id: int | None
    is_overdue: bool


class ActionIn(Schema):
    text: str = Field(..., max_length=2000)
    owner_organisation_id: int = ID
    owner_person_id: int | None = OPTIONAL_ID
    due_on: date | None = None
    status: str = Field("open", max_length=12)
    agenda_item_id: int | None = OPTIONAL_ID
    delegation_id: int | None = OPTIONAL_ID
    milestone_id: int | None = OPTIONAL_ID
    event_id: int | None = OPTIONAL_ID
    partnership_id: int | None = OPTIONAL_ID


class ActionPatch(Schema):
    """Only the fields sent are changed; an action item's owner may send its status only."""

    text: str | None = Field(None, max_length=2000)
    owner_organisation_id: int | None = OPTIONAL_ID
    owner_person_id: int | None = OPTIONAL_ID
    due_on: date | None = None
    status: str | None = Field(None, max_length=12)
    agenda_item_id: int | None = OPTIONAL_ID


# --- Resolving ids --------------------------------------------------------------------


def _person(pk: int | None, field: str) -> Person | None:
    if pk is None:
        return None
    person = Person.objects.select_related("organisation").filter(pk=pk, erased_at=None).first()
    if person is None:
        raise svc.MeetingError(_("Unknown person."), code="unknown_person", field=field)
    return person


def _organisation(pk: int) -> Organisation:
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise svc.MeetingError(_("Unknown organisation."), code="unknown_organisation")
    return organisation


def _item(meeting: Meeting, pk: int | None) -> AgendaItem | None:
    if pk is None:
        return None
    item = meeting.agenda_items.filter(pk=pk).first()
    if item is None:
        raise svc.MeetingError(_("Unknown agenda item."), code="unknown_agenda_item")
    return item


def _links(values: dict[str, Any]) -> dict[str, Any]:
    """Linked rows by id; the service checks the actor may see them."""
    from cityties.delegations.models import Delegation, Milestone
    from cityties.events.models import Event
    from cityties.network.models import Partnership

    models = {
        "delegation": Delegation,
        "milestone": Milestone,
        "event": Event,
        "partnership": Partnership,
    }
    links: dict[str, Any] = {}
    for name, model in models.items():
        pk = values.get(f"{name}_id")
        if pk is not None:
            row = model.objects.filter(pk=pk).first()  # type: ignore[attr-defined]
            if row is None:
                raise svc.MeetingError(
                    _("Unknown %(what)s.") % {"what": name}, code=f"unknown_{name}"
                )
            links[name] = row
    return links


# --- Meetings -------------------------------------------------------------------------


@router.get("", response=responses({200: list[MeetingOut]}, invalid=True))
def list_meetings(request: HttpRequest, filters: Query[MeetingFilters]) -> list[Meeting]:
    qs = visible_meetings(request.user)
    if filters.group:
        qs = qs.filter(group_id=filters.group)
    return list(qs.order_by("-starts_at", "id")[:500])


@router.get("/{meeting_id}", response={200: MeetingDetailOut, **REFUSALS})
def get_meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    return access_meeting(request.user, meeting_id)


@router.post("", response={201: MeetingDetailOut, **REFUSALS})
def create_meeting(request: HttpRequest, payload: MeetingIn) -> Any:
    group = access_group(request.user, payload.group_id, rule="meetings.create")
    meeting = svc.check_create_meeting(
        group,
        actor=request.user,
        title=payload.title,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        time_zone=payload.time_zone,
        place=payload.place,
        video_link=payload.video_link,
        chair=_person(payload.chair_id, "chair"),
        secretary=_person(payload.secretary_id, "secretary"),
    )
    return Status(201, meeting)


@router.patch("/{meeting_id}", response={200: MeetingDetailOut, **REFUSALS})
def update_meeting(request: HttpRequest, meeting_id: int, payload: MeetingPatch) -> Meeting:
    meeting = access_meeting(request.user, meeting_id, edit=True)
    changes: dict[str, Any] = {}
    for name, value in payload.dict(exclude_unset=True).items():
        if name in ("chair_id", "secretary_id"):
            changes[name[:-3]] = _person(value, name[:-3])
        elif value is not None:
            changes[name] = value
    return svc.check_update_meeting(meeting, actor=request.user, **changes)


@router.post("/{meeting_id}/approval", response={200: MeetingDetailOut, **REFUSALS})
def approve_minutes(request: HttpRequest, meeting_id: int) -> Meeting:
    meeting = access_meeting(request.user, meeting_id, edit=True)
    svc.check_approve_minutes(meeting, actor=request.user)
    return meeting


# --- Attendance -----------------------------------------------------------------------


@router.get("/{meeting_id}/attendance", response={200: list[AttendanceOut], **REFUSALS})
def list_attendance(request: HttpRequest, meeting_id: int) -> list[Attendance]:
    meeting = access_meeting(request.user, meeting_id)
    return list(svc.attendance_rows(meeting))


@router.post("/{meeting_id}/attendance", response={201: AttendanceOut, **REFUSALS})
def add_attendance(request: HttpRequest, meeting_id: int, payload: AttendanceIn) -> Any:
    meeting = access_meeting(request.user, meeting_id, edit=True)
    person = _person(payload.person_id, "person_id")
    assert person is not None
    if meeting.attendances.filter(person=person).exists():
        raise svc.MeetingError(_("Already on the list."), code="already_listed")
    (row,) = svc.check_add_attendees(
        meeting, actor=request.user, people=[person], status=payload.status
    )
    return Status(201, row)


@router.patch("/attendance/{attendance_id}", response={200: AttendanceOut, **REFUSALS})
def update_attendance(
    request: HttpRequest, attendance_id: int, payload: AttendancePatch
) -> Attendance:
    row = access_attendance(request.user, attendance_id, edit=True)
    changes: dict[str, Any] = {}
    for name, value in payload.dict(exclude_unset=True).items():
        if name == "proxy_id":
            changes["proxy"] = _person(value, "proxy_id")
        elif value is not None:
            changes[name] = value
    return svc.check_update_attendance(row, actor=request.user, **changes)


# --- Decisions ------------------------------------------------------------------------


@router.get("/{meeting_id}/decisions", response={200: list[DecisionOut], **REFUSALS})
def list_decisions(request: HttpRequest, meeting_id: int) -> list[Decision]:
    meeting = access_meeting(request.user, meeting_id)
    return list(meeting.decisions.order_by("created_at", "id"))


@router.post("/{meeting_id}/decisions", response={201: DecisionOut, **REFUSALS})
def create_decision(request: HttpRequest, meeting_id: int, payload: DecisionIn) -> Any:
    meeting = access_meeting(request.user, meeting_id, edit=True)
    decision = svc.check_add_decision(
        meeting,
        actor=request.user,
        text=payload.text,
        agenda_item=_item(meeting, payload.agenda_item_id),
        votes_for=payload.votes_for,
        votes_against=payload.votes_against,
        votes_abstain=payload.votes_abstain,
    )
    return Status(201, decision)


@router.patch("/decisions/{decision_id}", response={200: DecisionOut, **REFUSALS})
def update_decision(request: HttpRequest, decision_id: int, payload: DecisionPatch) -> Decision:
    decision = access_decision(request.user, decision_id, edit=True)
    changes: dict[str, Any] = {}
    for name, value in payload.dict(exclude_unset=True).items():
        if name == "agenda_item_id":
            changes["agenda_item"] = _item(decision.meeting, value)
        elif value is not None or name.startswith("votes_"):
            changes[name] = value
    return svc.check_update_decision(decision, actor=request.user, **changes)


# --- Action items ---------------------------------------------------------------------


@router.get("/actions/mine", response=responses({200: list[ActionOut]}))
def my_actions(request: HttpRequest) -> list[ActionItem]:
    """The open action items the user answers for (their own and their organisation's)."""
    return list(svc.open_actions_for(request.user)[:500])


@router.get("/{meeting_id}/actions", response={200: list[ActionOut], **REFUSALS})
def list_actions(request: HttpRequest, meeting_id: int) -> list[ActionItem]:
    meeting = access_meeting(request.user, meeting_id)
    return list(svc.meeting_actions(meeting))


@router.post("/{meeting_id}/actions", response={201: ActionOut, **REFUSALS})
def create_action(request: HttpRequest, meeting_id: int, payload: ActionIn) -> Any:
    meeting = access_meeting(request.user, meeting_id, edit=True)
    values = payload.dict()
    action = svc.check_add_action(
        meeting,
        actor=request.user,
        text=payload.text,
        owner_organisation=_organisation(payload.owner_organisation_id),
        owner_person=_person(payload.owner_person_id, "owner_person_id"),
        due_on=payload.due_on,
        status=payload.status,
        agenda_item=_item(meeting, payload.agenda_item_id),
        **_links(values),
    )
    return Status(201, action)


@router.patch("/actions/{action_id}", response={200: ActionOut, **REFUSALS})
def update_action(request: HttpRequest, action_id: int, payload: ActionPatch) -> ActionItem:
    action = access_action(request.user, action_id, follow_up=True)
    changes: dict[str, Any] = {}
    for name, value in payload.dict(exclude_unset=True).items():
        if name == "owner_organisation_id":
            if value is not None:
                changes["owner_organisation"] = _organisation(value)
        elif name == "owner_person_id":
            changes["owner_person"] = _person(value, name)
        elif name == "agenda_item_id":
            changes["agenda_item"] = _item(action.meeting, value)
        elif name == "due_on" or value is not None:
            changes[name] = value
    require(request.user, "meetings.follow_up_action", action)
    return svc.check_update_action(action, actor=request.user, **changes)
