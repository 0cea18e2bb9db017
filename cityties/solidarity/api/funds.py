"""Crises, their funds and a fund's progress."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema, Status

from cityties.accounts.permissions import require
from cityties.core.api.errors import responses
from cityties.core.fields import CountryCode, Id

from .. import services as svc
from ..access import access_crisis, access_fund
from ..models import Crisis, CrisisKind, CrisisStatus, FundChannel, FundPurpose
from .common import REFUSALS, Amount, Text, organisation_or_error, router, text


class CrisisOut(Schema):
    id: int
    title: str
    title_fr: str
    title_en: str
    kind: str
    country: str
    region: str
    occurred_on: date
    description_fr: str
    description_en: str
    status: str
    affected_ids: list[int]

    @staticmethod
    def resolve_affected_ids(obj: Crisis) -> list[int]:
        return sorted(o.pk for o in obj.affected.all())


class CrisisIn(Schema):
    title_fr: Text = text(200)
    title_en: Text = text(200)
    kind: CrisisKind
    country: CountryCode
    region: Text = text(120)
    occurred_on: date
    description_fr: Text = text(10_000)
    description_en: Text = text(10_000)
    status: CrisisStatus = CrisisStatus.EMERGENCY
    affected_ids: list[Id] = Field(default_factory=list, max_length=100)


@router.get("/crises", response=responses({200: list[CrisisOut]}))
def list_crises(request: HttpRequest) -> list[Crisis]:
    require(request.user, "solidarity.view")
    return list(Crisis.objects.prefetch_related("affected"))


@router.post("/crises", response={201: CrisisOut, **REFUSALS})
def create_crisis(request: HttpRequest, payload: CrisisIn) -> Any:
    require(request.user, "solidarity.manage_crises")
    fields = payload.dict(exclude={"affected_ids"})
    crisis = svc.check_create_crisis(
        actor=request.user,
        fields=fields,  # type: ignore[arg-type]
        affected=[organisation_or_error(pk) for pk in dict.fromkeys(payload.affected_ids)],
    )
    return Status(201, crisis)


@router.get("/crises/{crisis_id}", response={200: CrisisOut, **REFUSALS})
def get_crisis(request: HttpRequest, crisis_id: int) -> Crisis:
    return access_crisis(request.user, crisis_id)


class FundOut(Schema):
    id: int
    crisis_id: int
    title: str
    channel: str
    manager_id: int | None
    target_amount: Decimal | None
    currency: str
    opens_on: date
    closes_on: date | None
    purposes: list[str]
    status: str
    is_public: bool


class FundIn(Schema):
    title_fr: Text = text(200)
    title_en: Text = text(200)
    channel: FundChannel
    manager_id: Id | None = None
    target_amount: Amount | None = None
    currency: str = Field("EUR", pattern=r"^[A-Z]{3}$")
    opens_on: date
    closes_on: date | None = None
    purposes: list[FundPurpose] = Field(..., min_length=1, max_length=8)
    purpose_fr: Text = text(10_000)
    purpose_en: Text = text(10_000)
    is_public: bool = True


class ContributorOut(Schema):
    member_id: int
    name: str
    pledged: Decimal
    paid: Decimal


class ProjectProgressOut(Schema):
    project_id: int
    title: str
    partner_id: int
    status: str
    progress: int | None
    planned: Decimal
    spent: Decimal


class ProgressOut(Schema):
    currency: str
    contributors: int
    other_contributors: int = Field(..., description="Counted, not named: private pledges")
    pledged: Decimal
    paid: Decimal
    target: Decimal | None
    named: list[ContributorOut]
    projects: list[ProjectProgressOut]


@router.get("/crises/{crisis_id}/funds", response={200: list[FundOut], **REFUSALS})
def list_funds(request: HttpRequest, crisis_id: int) -> Any:
    return list(access_crisis(request.user, crisis_id).funds.all())


@router.post("/crises/{crisis_id}/funds", response={201: FundOut, **REFUSALS})
def create_fund(request: HttpRequest, crisis_id: int, payload: FundIn) -> Any:
    crisis = access_crisis(request.user, crisis_id, edit=True)
    fields = payload.dict(exclude={"manager_id"})
    fields["purposes"] = [str(p) for p in dict.fromkeys(payload.purposes)]
    fields["manager"] = organisation_or_error(payload.manager_id) if payload.manager_id else None
    return Status(201, svc.check_create_fund(crisis, actor=request.user, fields=fields))  # type: ignore[arg-type]


@router.get("/funds/{fund_id}", response={200: FundOut, **REFUSALS})
def get_fund(request: HttpRequest, fund_id: int) -> Any:
    return access_fund(request.user, fund_id)


@router.get("/funds/{fund_id}/progress", response={200: ProgressOut, **REFUSALS})
def fund_progress(request: HttpRequest, fund_id: int) -> Any:
    """The public page's figures: private pledges counted, their members not named."""
    fund = access_fund(request.user, fund_id)
    progress = svc.progress(fund)
    return {
        "currency": fund.currency,
        "contributors": progress.contributors,
        "other_contributors": progress.others,
        "pledged": progress.pledged,
        "paid": progress.paid,
        "target": progress.target,
        "named": [c.__dict__ for c in progress.named],
        "projects": [
            {
                "project_id": p.project.pk,
                "title": p.project.title,
                "partner_id": p.project.partner_id,
                "status": p.project.status,
                "progress": p.progress,
                "planned": p.planned,
                "spent": p.spent,
            }
            for p in progress.projects
        ],
    }
