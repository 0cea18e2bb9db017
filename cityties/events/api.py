"""REST endpoints of the calendar: the same access helpers and services as the pages.

Refusals are `{code, message}`: 400 for invalid input (the services' `EventError`), 403
when the user may not, 404 when the event does not exist or is not theirs to see."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from cityties.accounts.permissions import require
from cityties.core.api.errors import responses
from cityties.network.models import CountryGroup, Organisation

from . import services as svc
from .access import access_event, visible_events
from .models import Event

router = Router(tags=["calendar"])

MAX_LIMIT = 200
# Every refusal an operation can give, in the one error shape (see core.api.errors).
REFUSALS: dict[int, Any] = responses({}, invalid=True, not_found=True)


class EventOut(Schema):
    id: int
    kind: str
    title: str = Field(..., description="In the reader's language, the other as fallback")
    title_fr: str
    title_en: str
    description_fr: str
    description_en: str
    starts_at: datetime = Field(..., description="UTC")
    ends_at: datetime = Field(..., description="UTC")
    time_zone: str = Field(..., description="IANA zone in which the event's times are shown")
    local_start: datetime = Field(..., description="Start in the event's zone, with its offset")
    local_end: datetime
    venue: str
    city: str
    country: str
    organiser_id: int
    group_id: int | None
    link: str
    visibility: str
    interested_count: int = 0
    going_count: int = 0


class EventPage(Schema):
    count: int
    items: list[EventOut]


class EventFilters(Schema):
    kind: str = ""
    country: str = Field("", description="ISO 3166 code")
    group: int | None = Field(None, ge=1, le=2**31 - 1)
    organisation: int | None = Field(None, ge=1, le=2**31 - 1)
    mine: bool = False
    start: datetime | None = Field(None, description="Events ending after this instant")
    end: datetime | None = Field(None, description="Events starting before this instant")
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=10**7)


class EventIn(Schema):
    kind: str
    title_fr: str = ""
    title_en: str = ""
    description_fr: str = ""
    description_en: str = ""
    starts_at: datetime = Field(..., description="With an offset; stored in UTC")
    ends_at: datetime
    time_zone: str = "Europe/Paris"
    venue: str = ""
    city: str = ""
    country: str
    organiser_id: int = Field(..., ge=1, le=2**31 - 1)
    group_id: int | None = Field(None, ge=1, le=2**31 - 1)
    link: str = ""
    visibility: str = "network"


class EventPatch(Schema):
    """Only the fields sent are changed."""

    kind: str | None = None
    title_fr: str | None = None
    title_en: str | None = None
    description_fr: str | None = None
    description_en: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    time_zone: str | None = None
    venue: str | None = None
    city: str | None = None
    country: str | None = None
    organiser_id: int | None = Field(None, ge=1, le=2**31 - 1)
    group_id: int | None = Field(None, ge=1, le=2**31 - 1)
    link: str | None = None
    visibility: str | None = None


class MarkIn(Schema):
    status: str | None = Field(None, description="interested, going, or null to remove")


class MarkOut(Schema):
    event_id: int
    status: str | None
    interested_count: int
    going_count: int


def _resolve(values: dict[str, Any]) -> dict[str, Any]:
    if "organiser_id" in values:
        organiser = Organisation.objects.filter(pk=values.pop("organiser_id")).first()
        if organiser is None:
            raise svc.EventError(_("Unknown organisation."), code="unknown_organisation")
        values["organiser"] = organiser
    if "group_id" in values:
        group_id = values.pop("group_id")
        values["group"] = CountryGroup.objects.filter(pk=group_id).first() if group_id else None
        if group_id and values["group"] is None:
            raise svc.EventError(_("Unknown country group."), code="unknown_group")
    return values


def _counted(user: Any, event_id: int) -> Event:
    return svc.with_counts(visible_events(user).filter(pk=event_id)).get()


@router.get("/events", response=responses({200: EventPage}), auth=None)
def list_events(request: HttpRequest, filters: Query[EventFilters]) -> dict[str, Any]:
    """Public events for anyone; members see what their organisations may see."""
    qs = svc.filter_events(
        visible_events(request.user),
        user=request.user,
        **filters.dict(exclude={"limit", "offset"}),
    )
    page = svc.with_counts(qs).order_by("starts_at", "id")[
        filters.offset : filters.offset + filters.limit
    ]
    return {"count": qs.count(), "items": list(page)}


@router.get("/events/{event_id}", response={200: EventOut, **REFUSALS}, auth=None)
def get_event(request: HttpRequest, event_id: int) -> Event:
    access_event(request.user, event_id)
    return _counted(request.user, event_id)


@router.post("/events", response={201: EventOut, **REFUSALS})
def create_event(request: HttpRequest, payload: EventIn) -> Any:
    require(request.user, "events.create_event")
    event = svc.check_create_event(actor=request.user, **_resolve(payload.dict()))
    return Status(201, _counted(request.user, event.pk))


@router.patch("/events/{event_id}", response={200: EventOut, **REFUSALS})
def update_event(request: HttpRequest, event_id: int, payload: EventPatch) -> Any:
    event = access_event(request.user, event_id, edit=True)
    changes = {
        name: value
        for name, value in payload.dict(exclude_unset=True).items()
        if value is not None or name == "group_id"
    }
    svc.check_update_event(event, actor=request.user, **_resolve(changes))
    return _counted(request.user, event.pk)


@router.put("/events/{event_id}/mark", response={200: MarkOut, **REFUSALS})
def mark_event(request: HttpRequest, event_id: int, payload: MarkIn) -> dict[str, Any]:
    event = access_event(request.user, event_id)
    require(request.user, "events.mark_event", event)
    svc.check_mark_event(event, actor=request.user, status=payload.status)
    counted = _counted(request.user, event.pk)
    return {
        "event_id": event.pk,
        "status": payload.status,
        "interested_count": counted.interested_count,  # type: ignore[attr-defined]
        "going_count": counted.going_count,  # type: ignore[attr-defined]
    }
