"""REST endpoints of the reception: the lead's figures and quotas, an exhibitor's guests,
and the door (a scanner app can check guests in), through the same access helpers, rules
and services as the pages.

Refusals are `{code, message}`: 400 for invalid input, 403 when the user may not, 404 when
the object does not exist, 409 for a check-in the door refuses (`unknown`, `already_in`,
`declined`, `other_reception`, `full`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from cityties.core.api.errors import responses
from cityties.delegations.models import Participant

from . import services as svc
from .access import access_invitation, access_quota, access_reception
from .models import CheckIn, Invitation, Language, Reception

router = Router(tags=["reception"])
REFUSALS: dict[int, Any] = responses({}, invalid=True, not_found=True)
DOOR_REFUSALS: dict[int, Any] = responses({}, invalid=True, not_found=True, conflict=True)
ID = Field(..., ge=1, le=2**31 - 1)


class QuotaOut(Schema):
    id: int
    participant_id: int
    name: str
    size: int
    named: int
    yes: int
    no: int
    pending: int
    arrived: int
    plus_ones_announced: int
    plus_ones_arrived: int


class ReceptionOut(Schema):
    id: int
    session_id: int
    title: str
    venue: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    allocated: int = Field(..., description="Invitations given out in quotas")
    present: int = Field(..., description="People in, plus-ones counted")
    plus_ones_allowed: int
    quotas: list[QuotaOut]


class HeadCountOut(Schema):
    present: int
    capacity: int
    guests_in: int
    expected: int


def _quota(line: svc.QuotaLine) -> dict[str, Any]:
    assert line.quota is not None
    return {
        "id": line.quota.pk,
        "participant_id": line.quota.participant_id,
        "name": line.name,
        **{
            name: getattr(line, name)
            for name in (
                "size",
                "named",
                "yes",
                "no",
                "pending",
                "arrived",
                "plus_ones_announced",
                "plus_ones_arrived",
            )
        },
    }


def _reception(reception: Reception) -> dict[str, Any]:
    reception.refresh_from_db(fields=["allocated", "present"])
    session = reception.session
    return {
        "id": reception.pk,
        "session_id": session.pk,
        "title": session.title,
        "venue": reception.venue,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "capacity": reception.capacity,
        "allocated": reception.allocated,
        "present": reception.present,
        "plus_ones_allowed": reception.plus_ones_allowed,
        "quotas": [_quota(line) for line in svc.overview(reception).lines],
    }


@router.get("/receptions/{reception_id}", response={200: ReceptionOut, **REFUSALS})
def get_reception(request: HttpRequest, reception_id: int) -> Any:
    return _reception(access_reception(request.user, reception_id))


@router.get("/receptions/{reception_id}/headcount", response={200: HeadCountOut, **REFUSALS})
def get_head_count(request: HttpRequest, reception_id: int) -> Any:
    reception = access_reception(request.user, reception_id, rule="reception.door")
    return svc.head_count(reception)


class QuotaIn(Schema):
    size: int = Field(..., ge=1, le=100_000)


@router.put(
    "/receptions/{reception_id}/quotas/{participant_id}", response={200: QuotaOut, **REFUSALS}
)
def set_quota(
    request: HttpRequest, reception_id: int, participant_id: int, payload: QuotaIn
) -> Any:
    reception = access_reception(request.user, reception_id)
    participant = get_object_or_404(
        Participant, pk=participant_id, delegation_id=reception.session.delegation_id
    )
    quota = svc.check_set_quota(
        reception, actor=request.user, participant=participant, size=payload.size
    )
    (line,) = svc.overview(reception, quotas=type(quota).objects.filter(pk=quota.pk)).lines
    return _quota(line)


class InvitationIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    organisation: str = Field("", max_length=200)
    function: str = Field("", max_length=200)
    email: str = Field("", max_length=254)
    language: Language = Language.EN


class InvitationOut(Schema):
    id: int
    quota_id: int
    name: str
    organisation: str
    function: str
    email: str
    language: str
    rsvp: str
    plus_ones: int
    sent_at: datetime | None
    checked_in: bool


def _invitation(invitation: Invitation) -> dict[str, Any]:
    return {
        **{
            name: getattr(invitation, name)
            for name in (
                "id",
                "quota_id",
                "name",
                "organisation",
                "function",
                "email",
                "language",
                "rsvp",
                "plus_ones",
                "sent_at",
            )
        },
        "checked_in": getattr(invitation, "check_in", None) is not None,
    }


@router.get("/quotas/{quota_id}/invitations", response={200: list[InvitationOut], **REFUSALS})
def list_invitations(request: HttpRequest, quota_id: int) -> Any:
    quota = access_quota(request.user, quota_id)
    return [
        _invitation(i)
        for i in Invitation.objects.filter(quota=quota, erased_at=None).select_related("check_in")
    ]


@router.post("/quotas/{quota_id}/invitations", response={201: InvitationOut, **REFUSALS})
def add_invitation(request: HttpRequest, quota_id: int, payload: InvitationIn) -> Any:
    quota = access_quota(request.user, quota_id)
    invitation = svc.check_add_guest(
        quota,
        actor=request.user,
        fields={
            "name": payload.name,
            "organisation": payload.organisation,
            "function": payload.function,
            "email": payload.email,
            "language": payload.language,
        },
    )
    return Status(201, _invitation(invitation))


class CheckInIn(Schema):
    code: str = Field(..., min_length=1, max_length=100, description="What the QR code holds")
    plus_ones: int | None = Field(None, ge=0, le=5)
    door: str = Field("", max_length=40)


class CheckInOut(Schema):
    invitation_id: int
    name: str
    plus_ones: int
    door: str
    at: datetime
    present: int


@router.post("/receptions/{reception_id}/checkins", response={201: CheckInOut, **DOOR_REFUSALS})
def check_in(request: HttpRequest, reception_id: int, payload: CheckInIn) -> Any:
    reception = access_reception(request.user, reception_id, rule="reception.door")
    invitation = svc.find_by_code(reception, payload.code)
    done: CheckIn = svc.check_check_in(
        invitation,
        actor=request.user,
        reception=reception,
        plus_ones=payload.plus_ones,
        door=payload.door,
    )
    reception.refresh_from_db(fields=["present"])
    return Status(
        201,
        {
            "invitation_id": invitation.pk,
            "name": invitation.name,
            "plus_ones": done.plus_ones,
            "door": done.door,
            "at": done.at,
            "present": reception.present,
        },
    )


@router.delete("/invitations/{invitation_id}/checkin", response={204: None, **DOOR_REFUSALS})
def undo_check_in(request: HttpRequest, invitation_id: int) -> Any:
    invitation = access_invitation(request.user, invitation_id, rule="reception.door")
    svc.check_undo_check_in(invitation, actor=request.user)
    return Status(204, None)
