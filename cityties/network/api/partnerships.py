"""REST endpoints of partnerships and their activities: the same access helpers and
services as the pages. Session-authenticated, so unsafe methods need the CSRF token."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Field, Query, Router, Schema, Status

from cityties.core.api.errors import responses
from cityties.core.fields import Count, Id, Offset, max_length
from cityties.core.http import AuthenticatedHttpRequest, DuplicateOut

from .. import services as svc
from ..access import access_activity, access_partnership, visible_partnerships
from ..models import (
    Activity,
    ActivityKind,
    CostSharing,
    OrganisationKind,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
)

router = Router(tags=["partnerships"])

MAX_LIMIT = 200


_P = Partnership
_A = Activity

PartnerIds = Annotated[list[Id], Field(max_length=100)]
ThemeCodes = Annotated[list[Annotated[str, Field(max_length=60)]], Field(max_length=100)]
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
Budget = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]


class PartnerOut(Schema):
    id: int
    name: str
    short_name: str
    kind: OrganisationKind
    country: str


class ThemeOut(Schema):
    code: str
    label_fr: str
    label_en: str


class PartnershipOut(Schema):
    id: int
    title: str
    kind: PartnershipKind
    status: PartnershipStatus
    signed_on: date | None
    renewed_on: date | None
    partners: list[PartnerOut]
    themes: list[ThemeOut]
    cost_sharing: CostSharing
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
    q: str = Field("", max_length=200)
    country: str = Field("", max_length=2, description="ISO 3166 code of a partner's country")
    theme: str = Field("", max_length=60, description="Theme code")
    kind: PartnershipKind | Literal[""] = ""
    status: PartnershipStatus | Literal[""] = ""
    member: Id | None = Field(None, description="Id of a partner organisation")
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: Offset = 0


class PartnershipIn(Schema):
    partner_ids: PartnerIds = Field(..., description="Two or more governments")
    kind: PartnershipKind
    title: str = Field("", max_length=max_length(_P, "title"))
    status: PartnershipStatus = PartnershipStatus.ACTIVE
    signed_on: date | None = None
    renewed_on: date | None = None
    theme_codes: ThemeCodes = []
    cost_sharing: CostSharing = CostSharing.UNDEFINED
    cost_sharing_notes: str = ""
    description: str = ""
    is_public: bool = False
    is_shared: bool = True


class PartnershipPatch(Schema):
    """Only the fields sent are changed: the fields of the partnership's page."""

    partner_ids: PartnerIds | None = None
    kind: PartnershipKind | None = None
    title: str | None = Field(None, max_length=max_length(_P, "title"))
    status: PartnershipStatus | None = None
    signed_on: date | None = None
    renewed_on: date | None = None
    theme_codes: ThemeCodes | None = None
    cost_sharing: CostSharing | None = None
    cost_sharing_notes: str | None = None
    description: str | None = None
    is_public: bool | None = None
    is_shared: bool | None = None


class ActivityOut(Schema):
    id: int
    partnership_id: Id
    kind: ActivityKind
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
    kind: ActivityKind
    title: str = Field(..., max_length=max_length(_A, "title"))
    start_date: date
    end_date: date | None = None
    place: str = Field("", max_length=max_length(_A, "place"))
    description: str = ""
    people_involved: Count = 0
    students: Count = 0
    companies: Count = 0
    contracts: Count = 0
    budget: Budget = Decimal("0")
    budget_currency: Currency = "EUR"


class ActivityPatch(Schema):
    """Only the fields sent are changed: the fields of the activity's page."""

    kind: ActivityKind | None = None
    title: str | None = Field(None, max_length=max_length(_A, "title"))
    start_date: date | None = None
    end_date: date | None = None
    place: str | None = Field(None, max_length=max_length(_A, "place"))
    description: str | None = None
    people_involved: Count | None = None
    students: Count | None = None
    companies: Count | None = None
    contracts: Count | None = None
    budget: Budget | None = None
    budget_currency: Currency | None = None


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


@router.get("/partnerships", response=responses({200: PartnershipPage}))
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


@router.get(
    "/partnerships/{partnership_id}", response=responses({200: PartnershipOut}, not_found=True)
)
def get_partnership(request: AuthenticatedHttpRequest, partnership_id: Id) -> Partnership:
    access_partnership(request.user, partnership_id)
    return _detail(partnership_id)


@router.post(
    "/partnerships",
    response=responses({201: PartnershipOut}, invalid=True, not_found=True, conflict=DuplicateOut),
)
def create_partnership(request: AuthenticatedHttpRequest, payload: PartnershipIn) -> Any:
    svc.require_create_partnership(request.user)
    partnership = svc.check_create_partnership(
        actor=request.user,
        members=svc.resolve_organisations(payload.partner_ids),
        themes=svc.resolve_themes(payload.theme_codes),
        **payload.dict(exclude={"partner_ids", "theme_codes"}),
    )
    return Status(201, _detail(partnership.pk))


@router.patch(
    "/partnerships/{partnership_id}",
    response=responses({200: PartnershipOut}, invalid=True, not_found=True, conflict=DuplicateOut),
)
def update_partnership(
    request: AuthenticatedHttpRequest, partnership_id: Id, payload: PartnershipPatch
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


@router.post(
    "/partnerships/{partnership_id}/archive",
    response=responses({200: PartnershipOut}, invalid=True, not_found=True),
)
def archive_partnership(request: AuthenticatedHttpRequest, partnership_id: Id) -> Any:
    partnership = access_partnership(request.user, partnership_id, edit=True)
    svc.check_archive_partnership(partnership, actor=request.user)
    return Status(200, _detail(partnership.pk))


@router.get(
    "/partnerships/{partnership_id}/indicators",
    response=responses({200: list[YearIndicatorsOut]}, not_found=True),
)
def partnership_indicators(request: AuthenticatedHttpRequest, partnership_id: Id) -> list[Any]:
    partnership = access_partnership(request.user, partnership_id)
    return list(svc.yearly_indicators(partnership))


@router.get(
    "/partnerships/{partnership_id}/activities",
    response=responses({200: list[ActivityOut]}, not_found=True),
)
def list_activities(request: AuthenticatedHttpRequest, partnership_id: Id) -> list[Activity]:
    partnership = access_partnership(request.user, partnership_id)
    return list(partnership.activities.all())


@router.post(
    "/partnerships/{partnership_id}/activities",
    response=responses({201: ActivityOut}, invalid=True, not_found=True),
)
def create_activity(
    request: AuthenticatedHttpRequest, partnership_id: Id, payload: ActivityIn
) -> Any:
    partnership = access_partnership(request.user, partnership_id, edit=True)
    activity = svc.check_add_activity(partnership, actor=request.user, **payload.dict())
    return Status(201, activity)


@router.patch(
    "/activities/{activity_id}",
    response=responses({200: ActivityOut}, invalid=True, not_found=True),
)
def update_activity(
    request: AuthenticatedHttpRequest, activity_id: Id, payload: ActivityPatch
) -> Any:
    activity = access_activity(request.user, activity_id, edit=True)
    svc.check_update_activity(activity, actor=request.user, **_changes(payload))
    return Status(200, activity)


@router.delete(
    "/activities/{activity_id}", response=responses({204: None}, invalid=True, not_found=True)
)
def delete_activity(request: AuthenticatedHttpRequest, activity_id: Id) -> Any:
    activity = access_activity(request.user, activity_id, edit=True)
    svc.check_delete_activity(activity, actor=request.user)
    return Status(204, None)
