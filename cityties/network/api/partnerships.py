"""REST endpoints of partnerships and their activities: the same access helpers and
services as the pages. Session-authenticated, so unsafe methods need the CSRF token."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Query, Router, Schema, Status

from cityties.core.http import AuthenticatedHttpRequest, DuplicateOut, ErrorOut

from .. import services as svc
from ..access import access_activity, access_partnership, visible_partnerships
from ..models import Activity, Partnership

router = Router(tags=["partnerships"])

# Refusals of the services, turned into these answers by the API's one handler.
ERRORS: dict[int, Any] = {400: ErrorOut, 403: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {**ERRORS, 409: DuplicateOut}

MAX_LIMIT = 200


class PartnerOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    country: str


class ThemeOut(Schema):
    code: str
    label_fr: str
    label_en: str


class PartnershipOut(Schema):
    id: int
    title: str
    kind: str
    status: str
    signed_on: date | None
    renewed_on: date | None
    partners: list[PartnerOut]
    themes: list[ThemeOut]
    cost_sharing: str
    cost_sharing_notes: str
    description: str
    is_public: bool
    is_shared: bool
    archived_at: datetime | None

    @staticmethod
    def resolve_partners(obj: Partnership) -> list[Any]:
        return [m.organisation for m in obj.memberships.all()]

    @staticmethod
    def resolve_themes(obj: Partnership) -> list[Any]:
        return list(obj.themes.all())


class PartnershipPage(Schema):
    count: int
    items: list[PartnershipOut]


class PartnershipFilters(Schema):
    q: str = ""
    country: str = Field("", description="ISO 3166 code of a partner's country")
    theme: str = Field("", description="Theme code")
    kind: str = ""
    status: str = ""
    member: int | None = Field(None, description="Id of a partner organisation")
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0)


class PartnershipIn(Schema):
    partner_ids: list[int] = Field(..., description="Two or more governments")
    kind: str
    title: str = ""
    status: str = "active"
    signed_on: date | None = None
    renewed_on: date | None = None
    theme_codes: list[str] = []
    cost_sharing: str = ""
    cost_sharing_notes: str = ""
    description: str = ""
    is_public: bool = False
    is_shared: bool = True


class PartnershipPatch(Schema):
    """Only the fields sent are changed."""

    partner_ids: list[int] | None = None
    kind: str | None = None
    title: str | None = None
    status: str | None = None
    signed_on: date | None = None
    renewed_on: date | None = None
    theme_codes: list[str] | None = None
    cost_sharing: str | None = None
    cost_sharing_notes: str | None = None
    description: str | None = None
    is_public: bool | None = None
    is_shared: bool | None = None


class ActivityOut(Schema):
    id: int
    partnership_id: int
    kind: str
    title: str
    start_date: date
    end_date: date | None
    place: str
    description: str
    people_involved: int
    students: int
    companies: int
    contracts: int
    budget: Decimal
    budget_currency: str


class ActivityIn(Schema):
    kind: str
    title: str
    start_date: date
    end_date: date | None = None
    place: str = ""
    description: str = ""
    people_involved: int = Field(0, ge=0)
    students: int = Field(0, ge=0)
    companies: int = Field(0, ge=0)
    contracts: int = Field(0, ge=0)
    budget: Decimal = Field(Decimal("0"), ge=0, max_digits=12, decimal_places=2)
    budget_currency: str = "EUR"


class ActivityPatch(Schema):
    """Only the fields sent are changed."""

    kind: str | None = None
    title: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    place: str | None = None
    description: str | None = None
    people_involved: int | None = Field(None, ge=0)
    students: int | None = Field(None, ge=0)
    companies: int | None = Field(None, ge=0)
    contracts: int | None = Field(None, ge=0)
    budget: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    budget_currency: str | None = None


class YearIndicatorsOut(Schema):
    year: int
    activities: int
    people_involved: int
    students: int
    companies: int
    contracts: int
    budgets: dict[str, Decimal] = Field(..., description="Sum per currency, never converted")


# Fields a PATCH may set to null; a null elsewhere means "leave unchanged".
NULLABLE = frozenset({"signed_on", "renewed_on", "end_date"})


def _changes(payload: Schema) -> dict[str, Any]:
    sent = payload.dict(exclude_unset=True)
    return {name: value for name, value in sent.items() if value is not None or name in NULLABLE}


def _detail(partnership_id: int) -> Partnership:
    return svc.with_listing_relations(Partnership.objects.filter(pk=partnership_id)).get()


@router.get("/partnerships", response=PartnershipPage)
def list_partnerships(
    request: AuthenticatedHttpRequest, filters: Query[PartnershipFilters]
) -> dict:
    visible = visible_partnerships(request.user)
    qs = svc.filter_partnerships(
        visible,
        q=filters.q.strip(),
        country=filters.country.strip(),
        theme=filters.theme,
        kind=filters.kind,
        status=filters.status,
        member=filters.member,
    )
    page = svc.with_listing_relations(qs)[filters.offset : filters.offset + filters.limit]
    return {"count": qs.count(), "items": list(page)}


@router.get("/partnerships/{partnership_id}", response=PartnershipOut)
def get_partnership(request: AuthenticatedHttpRequest, partnership_id: int) -> Partnership:
    access_partnership(request.user, partnership_id)
    return _detail(partnership_id)


@router.post("/partnerships", response={201: PartnershipOut, **WRITE_ERRORS})
def create_partnership(request: AuthenticatedHttpRequest, payload: PartnershipIn) -> Any:
    svc.require_create_partnership(request.user)
    partnership = svc.check_create_partnership(
        actor=request.user,
        members=svc.resolve_organisations(payload.partner_ids),
        themes=svc.resolve_themes(payload.theme_codes),
        **payload.dict(exclude={"partner_ids", "theme_codes"}),
    )
    return Status(201, _detail(partnership.pk))


@router.patch("/partnerships/{partnership_id}", response={200: PartnershipOut, **WRITE_ERRORS})
def update_partnership(
    request: AuthenticatedHttpRequest, partnership_id: int, payload: PartnershipPatch
) -> Any:
    partnership = access_partnership(request.user, partnership_id, edit=True)
    changes = _changes(payload)
    if "partner_ids" in changes:
        changes["members"] = svc.resolve_organisations(changes.pop("partner_ids"))
    if "theme_codes" in changes:
        changes["themes"] = svc.resolve_themes(changes.pop("theme_codes"))
    values = svc.partnership_values(partnership) | changes
    svc.check_update_partnership(partnership, actor=request.user, **values)
    return Status(200, _detail(partnership.pk))


@router.post("/partnerships/{partnership_id}/archive", response={200: PartnershipOut, **ERRORS})
def archive_partnership(request: AuthenticatedHttpRequest, partnership_id: int) -> Any:
    partnership = access_partnership(request.user, partnership_id, edit=True)
    svc.check_archive_partnership(partnership, actor=request.user)
    return Status(200, _detail(partnership.pk))


@router.get("/partnerships/{partnership_id}/indicators", response=list[YearIndicatorsOut])
def partnership_indicators(request: AuthenticatedHttpRequest, partnership_id: int) -> list[Any]:
    partnership = access_partnership(request.user, partnership_id)
    return list(svc.yearly_indicators(partnership))


@router.get("/partnerships/{partnership_id}/activities", response=list[ActivityOut])
def list_activities(request: AuthenticatedHttpRequest, partnership_id: int) -> list[Activity]:
    partnership = access_partnership(request.user, partnership_id)
    return list(partnership.activities.all())


@router.post("/partnerships/{partnership_id}/activities", response={201: ActivityOut, **ERRORS})
def create_activity(
    request: AuthenticatedHttpRequest, partnership_id: int, payload: ActivityIn
) -> Any:
    partnership = access_partnership(request.user, partnership_id, edit=True)
    activity = svc.check_add_activity(partnership, actor=request.user, **payload.dict())
    return Status(201, activity)


@router.patch("/activities/{activity_id}", response={200: ActivityOut, **ERRORS})
def update_activity(
    request: AuthenticatedHttpRequest, activity_id: int, payload: ActivityPatch
) -> Any:
    activity = access_activity(request.user, activity_id, edit=True)
    svc.check_update_activity(activity, actor=request.user, **_changes(payload))
    return Status(200, activity)


@router.delete("/activities/{activity_id}", response={204: None, **ERRORS})
def delete_activity(request: AuthenticatedHttpRequest, activity_id: int) -> Any:
    activity = access_activity(request.user, activity_id, edit=True)
    svc.check_delete_activity(activity, actor=request.user)
    return Status(204, None)
