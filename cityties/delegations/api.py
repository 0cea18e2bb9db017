"""REST endpoints of delegations: the same access helpers, rules and services as the pages.

Refusals are `{code, message}`: 400 for invalid input (the services' `DelegationError`),
403 when the user may not, 404 when the object does not exist."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status

from cityties.accounts.permissions import require
from cityties.core.api.errors import responses
from cityties.events.access import access_event
from cityties.network.models import Organisation, Person

from . import services as svc
from .access import access_delegation, access_milestone, visible_delegations
from .models import Delegation, Milestone, Participant, Session

router = Router(tags=["delegations"])

# Every refusal an operation can give, in the one error shape (see core.api.errors).
REFUSALS: dict[int, Any] = responses({}, invalid=True, not_found=True)
ID = Field(..., ge=1, le=2**31 - 1)


class DelegationOut(Schema):
    id: int
    title: str
    event_id: int
    lead_id: int
    status: str
    description: str
    next_statuses: list[str] = Field(..., description="The moves allowed from the status")


class SupporterOut(Schema):
    organisation_id: int
    organisation: str = Field(..., alias="organisation.name")
    role: str


class DelegationDetailOut(DelegationOut):
    supporters: list[SupporterOut]
    staff_contact_ids: list[int]

    @staticmethod
    def resolve_supporters(obj: Delegation) -> list[Any]:
        return list(obj.supporters.select_related("organisation"))

    @staticmethod
    def resolve_staff_contact_ids(obj: Delegation) -> list[int]:
        return list(obj.staff_contacts.values_list("pk", flat=True))


class DelegationIn(Schema):
    title: str
    event_id: int = ID
    lead_id: int = ID
    description: str = ""


class MoveIn(Schema):
    to_status: str = Field(..., description="idea, proposal, confirmed, on_site, debrief, closed")
    note: str = ""


class MilestoneOut(Schema):
    id: int
    title: str
    due_on: date
    owner_organisation_id: int
    owner_person_id: int | None
    status: str
    notes: str
    is_overdue: bool


class MilestoneIn(Schema):
    title: str
    due_on: date
    owner_organisation_id: int = ID
    owner_person_id: int | None = Field(None, ge=1, le=2**31 - 1)
    status: str = "open"
    notes: str = ""


class MilestonePatch(Schema):
    """Only the fields sent are changed."""

    title: str | None = None
    due_on: date | None = None
    owner_organisation_id: int | None = Field(None, ge=1, le=2**31 - 1)
    owner_person_id: int | None = Field(None, ge=1, le=2**31 - 1)
    status: str | None = None
    notes: str | None = None


class DelegateOut(Schema):
    id: int
    person_id: int
    name: str = Field(..., alias="person.full_name")
    role: str


class ParticipantOut(Schema):
    id: int
    organisation_id: int
    organisation: str = Field(..., alias="organisation.name")
    kind: str
    sponsor_id: int | None
    delegates: list[DelegateOut]

    @staticmethod
    def resolve_delegates(obj: Participant) -> list[Any]:
        return list(obj.delegates.all())


class SessionOut(Schema):
    id: int
    kind: str
    title: str
    title_fr: str
    title_en: str
    starts_at: datetime = Field(..., description="UTC")
    ends_at: datetime
    time_zone: str = Field(..., description="The event's zone, in which times are shown")
    place: str
    run_by_delegation: bool
    for_everyone: bool
    speaker_ids: list[int]

    @staticmethod
    def resolve_time_zone(obj: Session) -> str:
        return obj.delegation.event.time_zone

    @staticmethod
    def resolve_speaker_ids(obj: Session) -> list[int]:
        return [person.pk for person in obj.speakers.all()]


def _organisation(pk: int) -> Organisation:
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise svc.DelegationError(_("Unknown organisation."), code="unknown_organisation")
    return organisation


def _person(pk: int | None) -> Person | None:
    if pk is None:
        return None
    person = Person.objects.filter(pk=pk, erased_at=None).first()
    if person is None:
        raise svc.DelegationError(_("Unknown person."), code="unknown_person")
    return person


@router.get("", response=responses({200: list[DelegationOut]}))
def list_delegations(request: HttpRequest) -> list[Delegation]:
    return list(visible_delegations(request.user).order_by("-created_at", "id"))


@router.get("/{delegation_id}", response={200: DelegationDetailOut, **REFUSALS})
def get_delegation(request: HttpRequest, delegation_id: int) -> Delegation:
    return access_delegation(request.user, delegation_id)


@router.post("", response={201: DelegationDetailOut, **REFUSALS})
def create_delegation(request: HttpRequest, payload: DelegationIn) -> Any:
    require(request.user, "delegations.create")
    delegation = svc.check_create_delegation(
        actor=request.user,
        title=payload.title,
        event=access_event(request.user, payload.event_id),
        lead=_organisation(payload.lead_id),
        description=payload.description,
    )
    return Status(201, delegation)


@router.post("/{delegation_id}/moves", response={200: DelegationDetailOut, **REFUSALS})
def move_delegation(request: HttpRequest, delegation_id: int, payload: MoveIn) -> Delegation:
    delegation = access_delegation(request.user, delegation_id, rule="delegations.manage")
    svc.check_move_delegation(
        delegation, actor=request.user, to_status=payload.to_status, note=payload.note
    )
    return delegation


@router.get("/{delegation_id}/milestones", response={200: list[MilestoneOut], **REFUSALS})
def list_milestones(request: HttpRequest, delegation_id: int) -> list[Milestone]:
    delegation = access_delegation(request.user, delegation_id, rule="delegations.view_milestones")
    return list(delegation.milestones.all())


@router.post("/{delegation_id}/milestones", response={201: MilestoneOut, **REFUSALS})
def create_milestone(request: HttpRequest, delegation_id: int, payload: MilestoneIn) -> Any:
    delegation = access_delegation(request.user, delegation_id, rule="delegations.manage")
    milestone = svc.check_add_milestone(
        delegation,
        actor=request.user,
        title=payload.title,
        due_on=payload.due_on,
        owner_organisation=_organisation(payload.owner_organisation_id),
        owner_person=_person(payload.owner_person_id),
        status=payload.status,
        notes=payload.notes,
    )
    return Status(201, milestone)


@router.patch("/milestones/{milestone_id}", response={200: MilestoneOut, **REFUSALS})
def update_milestone(request: HttpRequest, milestone_id: int, payload: MilestonePatch) -> Any:
    milestone = access_milestone(request.user, milestone_id, edit=True)
    changes: dict[str, Any] = {}
    for name, value in payload.dict(exclude_unset=True).items():
        if name == "owner_organisation_id" and value is not None:
            changes["owner_organisation"] = _organisation(value)
        elif name == "owner_person_id":
            changes["owner_person"] = _person(value)
        elif value is not None:
            changes[name] = value
    return svc.check_update_milestone(milestone, actor=request.user, **changes)


@router.get("/{delegation_id}/participants", response={200: list[ParticipantOut], **REFUSALS})
def list_participants(request: HttpRequest, delegation_id: int) -> list[Participant]:
    delegation = access_delegation(
        request.user, delegation_id, rule="delegations.view_participants"
    )
    return svc.participants_with_delegates(delegation)


@router.get("/{delegation_id}/programme", response={200: list[SessionOut], **REFUSALS})
def list_programme(request: HttpRequest, delegation_id: int) -> list[Session]:
    delegation = access_delegation(request.user, delegation_id, rule="delegations.view_programme")
    return list(svc.programme(delegation).select_related("delegation__event"))
