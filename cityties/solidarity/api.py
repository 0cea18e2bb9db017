"""REST endpoints of the solidarity area: crises, funds and their progress, pledges and
payments, the Oudin-Santini headroom, projects, expertise offers, needs, their ranking and
matches; through the same access helpers, rules and services as the pages.

Refusals are `{code, message}`: 400 for invalid input (the services' SolidarityError),
403 when the user may not, 404 when the object does not exist."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

import rules
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Router, Schema, Status
from pydantic import AfterValidator

from cityties.accounts.permissions import require
from cityties.core.api.errors import responses
from cityties.core.fields import CountryCode, Id
from cityties.network.models import Organisation

from . import services as svc
from .access import (
    access_budgets,
    access_crisis,
    access_fund,
    access_match,
    access_need,
    access_pledge,
    access_project,
    visible_pledges,
)
from .models import (
    MAX_AMOUNT,
    MAX_STAFF_DAYS,
    Crisis,
    CrisisKind,
    CrisisStatus,
    Domain,
    FundChannel,
    FundPurpose,
    LegalBasis,
    Need,
    Offer,
    OfferStatus,
    PaymentChannel,
    Pledge,
)

router = Router(tags=["solidarity"])
REFUSALS: dict[int, Any] = responses({}, invalid=True, not_found=True)


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text cannot contain NUL characters")
    return value


def text(max_length: int) -> Any:
    """An optional text field of at most `max_length` characters."""
    return Field("", max_length=max_length)


Text = Annotated[str, AfterValidator(_no_nul)]
Amount = Annotated[Decimal, Field(ge=0, le=MAX_AMOUNT, max_digits=12, decimal_places=2)]
Positive = Annotated[Decimal, Field(ge=Decimal("0.01"), le=MAX_AMOUNT, decimal_places=2)]
Days = Annotated[int, Field(ge=1, le=MAX_STAFF_DAYS)]
Year = Annotated[int, Field(ge=2000, le=2100)]


def _organisation(pk: int) -> Organisation:
    organisation = Organisation.objects.filter(pk=pk, archived_at=None).first()
    if organisation is None:
        raise svc.SolidarityError(_("Unknown organisation."), code="unknown_organisation")
    return organisation


# --------------------------------------------------------------------------- crises, funds


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
        affected=[_organisation(pk) for pk in dict.fromkeys(payload.affected_ids)],
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
    fields["manager"] = _organisation(payload.manager_id) if payload.manager_id else None
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


# --------------------------------------------------------------------------- pledges


class PledgeOut(Schema):
    id: int
    fund_id: int
    member_id: int
    amount: Decimal
    legal_basis: str
    budget_year: int
    pledged_on: date
    is_private: bool
    state: str
    paid_total: Decimal
    decided_on: date | None
    decision_reference: str


class PledgeIn(Schema):
    member_id: Id
    amount: Positive
    legal_basis: LegalBasis
    budget_year: Year | None = None
    pledged_on: date | None = None
    is_private: bool = False
    notes: Text = text(300)


class PaymentOut(Schema):
    id: int
    pledge_id: int
    paid_on: date
    amount: Decimal
    channel: str
    reference: str


class PaymentIn(Schema):
    paid_on: date
    amount: Positive
    channel: PaymentChannel
    reference: Text = text(100)


def _pledge_out(pledge: Pledge, user: Any) -> Pledge:
    if not rules.test_rule("solidarity.view_decision", user, pledge):
        pledge.decision_reference = ""
    return pledge


@router.get("/funds/{fund_id}/pledges", response={200: list[PledgeOut], **REFUSALS})
def list_pledges(request: HttpRequest, fund_id: int) -> Any:
    """The pledges the user may read: its own, the public ones, all for the fund's managers."""
    fund = access_fund(request.user, fund_id)
    pledges = visible_pledges(request.user, fund).select_related("fund").order_by("pk")
    return [_pledge_out(p, request.user) for p in pledges]


@router.post("/funds/{fund_id}/pledges", response={201: PledgeOut, **REFUSALS})
def create_pledge(request: HttpRequest, fund_id: int, payload: PledgeIn) -> Any:
    from .forms import member_governments

    fund = access_fund(request.user, fund_id)
    require(request.user, "solidarity.pledge")
    member = member_governments(request.user).filter(pk=payload.member_id).first()
    if member is None:
        raise svc.SolidarityError(
            _("You may pledge only for your own government."), code="not_your_government"
        )
    pledge = svc.check_create_pledge(
        fund,
        actor=request.user,
        member=member,
        amount=payload.amount,
        legal_basis=payload.legal_basis,
        budget_year=payload.budget_year,
        pledged_on=payload.pledged_on,
        is_private=payload.is_private,
        notes=payload.notes,
    )
    return Status(201, pledge)


@router.get("/pledges/{pledge_id}", response={200: PledgeOut, **REFUSALS})
def get_pledge(request: HttpRequest, pledge_id: int) -> Any:
    return _pledge_out(access_pledge(request.user, pledge_id), request.user)


@router.get("/pledges/{pledge_id}/payments", response={200: list[PaymentOut], **REFUSALS})
def list_payments(request: HttpRequest, pledge_id: int) -> Any:
    return list(access_pledge(request.user, pledge_id).payments.all())


@router.post("/pledges/{pledge_id}/payments", response={201: PaymentOut, **REFUSALS})
def create_payment(request: HttpRequest, pledge_id: int, payload: PaymentIn) -> Any:
    pledge = access_pledge(request.user, pledge_id, edit=True)
    payment = svc.check_add_payment(
        pledge,
        actor=request.user,
        paid_on=payload.paid_on,
        amount=payload.amount,
        channel=payload.channel,
        reference=payload.reference,
    )
    return Status(201, payment)


class HeadroomLineOut(Schema):
    budget: str
    amount: Decimal | None
    ceiling: Decimal | None
    given: Decimal
    remaining: Decimal | None
    excess: Decimal


class HeadroomOut(Schema):
    organisation_id: int
    year: int
    lines: list[HeadroomLineOut]


@router.get("/members/{organisation_id}/headroom/{year}", response={200: HeadroomOut, **REFUSALS})
def oudin_headroom(
    request: HttpRequest, organisation_id: int, year: Annotated[int, Path(ge=2000, le=2100)]
) -> Any:
    """What 1 % of each of the water, sanitation and waste budgets still allows."""
    member = access_budgets(request.user, organisation_id)
    room = svc.oudin_headroom(member, year)
    return {
        "organisation_id": member.pk,
        "year": year,
        "lines": [_line(line) for line in room.lines],
    }


def _line(line: Any) -> dict[str, Any]:
    return {name: getattr(line, name) for name in HeadroomLineOut.model_fields}


# --------------------------------------------------------------------------- projects


class FundingOut(Schema):
    funder_id: int
    planned: Decimal
    spent: Decimal


class ReportOut(Schema):
    id: int
    kind: str
    reported_on: date
    progress: int
    summary_fr: str
    summary_en: str


class ProjectOut(Schema):
    id: int
    fund_id: int
    partner_id: int
    title: str
    status: str
    starts_on: date | None
    ends_on: date | None
    fundings: list[FundingOut]
    reports: list[ReportOut] | None = Field(
        ..., description="Only for those who funded the project; null for others"
    )


def _project(project: Any, user: Any) -> dict[str, Any]:
    reports = rules.test_rule("solidarity.view_reports", user, project)
    fields = ("id", "fund_id", "partner_id", "title", "status", "starts_on", "ends_on")
    return {
        **{name: getattr(project, name) for name in fields},
        "fundings": list(project.fundings.all()),
        "reports": list(project.reports.all()) if reports else None,
    }


@router.get("/funds/{fund_id}/projects", response={200: list[ProjectOut], **REFUSALS})
def list_projects(request: HttpRequest, fund_id: int) -> Any:
    fund = access_fund(request.user, fund_id)
    projects = fund.projects.prefetch_related("fundings", "reports")
    return [_project(p, request.user) for p in projects]


@router.get("/projects/{project_id}", response={200: ProjectOut, **REFUSALS})
def get_project(request: HttpRequest, project_id: int) -> Any:
    return _project(access_project(request.user, project_id), request.user)


# --------------------------------------------------------------------------- expertise


class ExpertiseOut(Schema):
    id: int
    crisis_id: int | None
    domain: str
    title: str
    description: str
    staff_days: int
    languages: str
    starts_on: date | None
    ends_on: date | None
    status: str


class OfferOut(ExpertiseOut):
    member_id: int


class NeedOut(ExpertiseOut):
    partner_id: int


class ExpertiseIn(Schema):
    crisis_id: Id | None = None
    domain: Domain
    title: Text = Field(..., min_length=1, max_length=200)
    description: Text = text(10_000)
    staff_days: Days
    languages: Text = Field(..., max_length=60, description="ISO codes separated by commas")
    starts_on: date | None = None
    ends_on: date | None = None


class OfferIn(ExpertiseIn):
    member_id: Id


class NeedIn(ExpertiseIn):
    partner_id: Id


def _expertise(payload: ExpertiseIn) -> tuple[dict[str, Any], Crisis | None]:
    crisis = Crisis.objects.filter(pk=payload.crisis_id).first() if payload.crisis_id else None
    if payload.crisis_id and crisis is None:
        raise svc.SolidarityError(_("Unknown crisis."), code="unknown_crisis")
    fields = payload.dict(include={"domain", "title", "description", "staff_days", "languages"})
    return {**fields, "starts_on": payload.starts_on, "ends_on": payload.ends_on}, crisis


@router.get("/offers", response=responses({200: list[OfferOut]}))
def list_offers(request: HttpRequest) -> list[Offer]:
    require(request.user, "solidarity.view")
    return list(Offer.objects.filter(status=OfferStatus.OPEN).order_by("pk"))


@router.post("/offers", response={201: OfferOut, **REFUSALS})
def create_offer(request: HttpRequest, payload: OfferIn) -> Any:
    from .forms import member_governments

    require(request.user, "solidarity.offer")
    member = member_governments(request.user).filter(pk=payload.member_id).first()
    if member is None:
        raise svc.SolidarityError(
            _("You may offer only your own government's expertise."), code="not_your_government"
        )
    fields, crisis = _expertise(payload)
    offer = svc.check_create_offer(actor=request.user, member=member, crisis=crisis, fields=fields)  # type: ignore[arg-type]
    return Status(201, offer)


@router.get("/needs", response=responses({200: list[NeedOut]}))
def list_needs(request: HttpRequest) -> list[Need]:
    require(request.user, "solidarity.view")
    return list(Need.objects.order_by("pk"))


@router.post("/needs", response={201: NeedOut, **REFUSALS})
def create_need(request: HttpRequest, payload: NeedIn) -> Any:
    require(request.user, "solidarity.manage_needs")
    fields, crisis = _expertise(payload)
    need = svc.check_create_need(
        actor=request.user,
        partner=_organisation(payload.partner_id),
        crisis=crisis,
        fields=fields,  # type: ignore[arg-type]
    )
    return Status(201, need)


class RankedOut(Schema):
    offer_id: int
    member_id: int
    score: float = Field(..., ge=0, le=1)
    reasons_fr: list[str]
    reasons_en: list[str]


@router.get("/needs/{need_id}/ranking", response={200: list[RankedOut], **REFUSALS})
def rank_offers(request: HttpRequest, need_id: int) -> Any:
    """The open offers ranked for the need by the relevance engine, with its reasons."""
    from django.utils import translation

    need = access_need(request.user, need_id)
    out = []
    for entry in svc.rank_need(need):
        reasons = {}
        for language in ("fr", "en"):
            with translation.override(language):
                reasons[language] = svc.explain(entry.ranked, need, entry.offer)
        out.append(
            {
                "offer_id": entry.offer.pk,
                "member_id": entry.offer.member_id,
                "score": entry.ranked.score,
                "reasons_fr": reasons["fr"],
                "reasons_en": reasons["en"],
            }
        )
    return out


class MatchOut(Schema):
    id: int
    need_id: int
    offer_id: int
    status: str
    score: Decimal
    reasons_fr: str
    reasons_en: str


class MatchIn(Schema):
    offer_id: Id


class AnswerIn(Schema):
    accept: bool


@router.post("/needs/{need_id}/matches", response={201: MatchOut, **REFUSALS})
def propose_match(request: HttpRequest, need_id: int, payload: MatchIn) -> Any:
    need = access_need(request.user, need_id, edit=True)
    offer = Offer.objects.filter(pk=payload.offer_id).first()
    if offer is None:
        raise svc.SolidarityError(_("Unknown offer."), code="unknown_offer")
    return Status(201, svc.check_propose_match(need, offer, actor=request.user))


@router.post("/matches/{match_id}/answer", response={200: MatchOut, **REFUSALS})
def answer_match(request: HttpRequest, match_id: int, payload: AnswerIn) -> Any:
    match = access_match(request.user, match_id)
    return svc.check_answer_match(match, actor=request.user, accept=payload.accept)
