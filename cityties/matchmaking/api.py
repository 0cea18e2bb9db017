"""REST endpoints of matchmaking, through the same access helpers, rules and services as
the pages: an event's attendee list (its delegations and the staff only), a delegate's
recommendations and agenda, sending and answering requests, the schedule's last run, and
moving a meeting (409 when the person or the table is taken). Schemas are named Match…:
the OpenAPI document has one namespace for every area's schemas."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from cityties.core.api.errors import responses
from cityties.core.text import fold

from . import services as svc
from .access import access_event, access_meeting, access_profile, access_request
from .models import Attendee, Meeting, MeetingRequest, Place, Profile, ProfileKind, Slot

router = Router(tags=["matchmaking"])
REFUSALS: dict[int, Any] = responses({}, invalid=True, not_found=True)
CONFLICTS: dict[int, Any] = responses({}, invalid=True, not_found=True, conflict=True)
ID = Field(..., ge=1, le=2**31 - 1)
MAX_PAGE = 500


class MatchAttendeeOut(Schema):
    id: int
    profile_id: int | None
    first_name: str
    last_name: str
    email: str
    organisation: str
    function: str
    country: str
    state: str
    city: str
    kind: ProfileKind


class MatchAttendeePage(Schema):
    count: int
    items: list[MatchAttendeeOut]


class MatchAttendeeFilters(Schema):
    q: str = Field("", max_length=100)
    offset: int = Field(0, ge=0, le=1_000_000)
    limit: int = Field(100, ge=1, le=MAX_PAGE)


@router.get("/events/{event_id}/attendees", response={200: MatchAttendeePage, **REFUSALS})
def list_attendees(
    request: HttpRequest, event_id: int, filters: Query[MatchAttendeeFilters]
) -> dict[str, Any]:
    event = access_event(request.user, event_id)
    qs = Attendee.objects.filter(event=event, erased_at=None).select_related("profile")
    if filters.q:
        key = fold(filters.q)
        qs = qs.filter(Q(name_key__contains=key) | Q(organisation_key__contains=key))
    qs = qs.order_by("last_name", "first_name", "pk")
    page = qs[filters.offset : filters.offset + filters.limit]
    return {
        "count": qs.count(),
        "items": [
            {
                **{
                    name: getattr(a, name)
                    for name in (
                        "id",
                        "first_name",
                        "last_name",
                        "email",
                        "organisation",
                        "function",
                        "country",
                        "state",
                        "city",
                    )
                },
                "profile_id": getattr(getattr(a, "profile", None), "pk", None),
                "kind": getattr(getattr(a, "profile", None), "kind", ProfileKind.OTHER),
            }
            for a in page
        ],
    }


class MatchRecommendationOut(Schema):
    profile_id: int
    name: str
    organisation: str
    kind: ProfileKind
    state: str
    is_attendee: bool
    rank: int
    score: float
    reasons: list[str] = Field(..., description="In the reader's language")
    request_status: str | None


class MatchRecommendationFilters(Schema):
    kind: ProfileKind | None = None
    state: str = Field("", max_length=120)
    sector: str = Field("", max_length=60, description="A sector code")
    page: int = Field(1, ge=1, le=1_000)


@router.get(
    "/profiles/{profile_id}/recommendations",
    response={200: list[MatchRecommendationOut], **REFUSALS},
)
def profile_recommendations(
    request: HttpRequest, profile_id: int, filters: Query[MatchRecommendationFilters]
) -> list[dict[str, Any]]:
    profile = access_profile(request.user, profile_id)
    chosen = svc.Filters(kind=filters.kind or "", state=filters.state, sector=filters.sector)
    _page, lines = svc.recommendation_page(profile, chosen, filters.page)
    return [
        {
            "profile_id": line.other.pk,
            "name": line.other.name,
            "organisation": line.other.organisation_name,
            "kind": line.other.kind,
            "state": line.other.state,
            "is_attendee": line.other.attendee_id is not None,
            "rank": line.recommendation.rank,
            "score": line.recommendation.score,
            "reasons": line.reasons,
            "request_status": line.request.status if line.request else None,
        }
        for line in lines
    ]


class MatchRequestIn(Schema):
    sender_id: int = ID
    recipient_id: int = ID
    message: str = Field("", max_length=1000)
    priority: int = Field(1, ge=1, le=3)


class MatchRequestOut(Schema):
    id: int
    sender_id: int
    recipient_id: int
    message: str
    priority: int
    status: str
    expires_at: datetime


@router.post("/requests", response={201: MatchRequestOut, **CONFLICTS})
def create_request(request: HttpRequest, payload: MatchRequestIn) -> Any:
    sender = access_profile(request.user, payload.sender_id)
    recipient = get_object_or_404(Profile, pk=payload.recipient_id, event_id=sender.event_id)
    created = svc.check_send_request(
        sender,
        recipient,
        actor=request.user,
        message=payload.message,
        priority=payload.priority,
    )
    return Status(201, created)


class MatchAnswerIn(Schema):
    accept: bool


@router.post("/requests/{request_id}/answer", response={200: MatchRequestOut, **REFUSALS})
def answer_request(request: HttpRequest, request_id: int, payload: MatchAnswerIn) -> MeetingRequest:
    meeting_request = access_request(request.user, request_id)
    return svc.check_answer_request(meeting_request, actor=request.user, accept=payload.accept)


class MatchAgendaEntryOut(Schema):
    starts_at: datetime
    ends_at: datetime
    title: str
    place: str
    detail: str
    meeting_id: int | None


@router.get("/profiles/{profile_id}/agenda", response={200: list[MatchAgendaEntryOut], **REFUSALS})
def profile_agenda(request: HttpRequest, profile_id: int) -> list[dict[str, Any]]:
    profile = access_profile(request.user, profile_id)
    return [
        {
            "starts_at": entry.starts_at,
            "ends_at": entry.ends_at,
            "title": entry.title,
            "place": entry.place,
            "detail": entry.detail,
            "meeting_id": entry.meeting.pk if entry.meeting else None,
        }
        for entry in svc.agenda(profile)
    ]


class MatchUnplacedOut(Schema):
    request_id: int
    reason: str = Field(..., description="no_common_slot, at_cap or no_table")


class MatchScheduleOut(Schema):
    id: int
    status: str
    progress: int
    requests: int
    kept: int
    placed: int
    weight: float
    upper_bound: float
    seconds: float
    unplaced: list[MatchUnplacedOut]


@router.get("/events/{event_id}/schedule", response={200: MatchScheduleOut, **REFUSALS})
def schedule_status(request: HttpRequest, event_id: int) -> dict[str, Any]:
    event = access_event(request.user, event_id, manage=True)
    run = svc.last_run(event)
    if run is None:
        from django.http import Http404

        raise Http404
    return {
        **{
            name: getattr(run, name)
            for name in (
                "id",
                "status",
                "progress",
                "requests",
                "kept",
                "placed",
                "weight",
                "upper_bound",
                "seconds",
            )
        },
        "unplaced": [
            {"request_id": entry["request"], "reason": entry["reason"]} for entry in run.unplaced
        ],
    }


class MatchMoveIn(Schema):
    slot_id: int = ID
    place_id: int = ID
    lock: bool = True


class MatchMeetingOut(Schema):
    id: int
    request_id: int
    slot_id: int
    place_id: int
    table: int
    locked: bool
    starts_at: datetime = Field(..., alias="slot.starts_at")


@router.post("/meetings/{meeting_id}/move", response={200: MatchMeetingOut, **CONFLICTS})
def move_meeting(request: HttpRequest, meeting_id: int, payload: MatchMoveIn) -> Meeting:
    meeting = access_meeting(request.user, meeting_id, manage=True)
    slot = get_object_or_404(Slot, pk=payload.slot_id, event_id=meeting.event_id)
    place = get_object_or_404(Place, pk=payload.place_id, event_id=meeting.event_id)
    return svc.check_move_meeting(
        meeting, actor=request.user, slot=slot, place=place, lock=payload.lock
    )
