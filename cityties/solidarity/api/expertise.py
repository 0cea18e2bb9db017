"""Expertise offers and needs, the ranking of offers for a need, and matches."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema, Status

from cityties.accounts.permissions import require
from cityties.core.api.errors import responses
from cityties.core.fields import Id

from .. import services as svc
from ..access import access_match, access_need
from ..forms import member_governments
from ..models import Crisis, Domain, Need, Offer, OfferStatus
from .common import REFUSALS, Days, Text, organisation_or_error, router, text


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
        partner=organisation_or_error(payload.partner_id),
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
