"""Pledges, their payments and the Oudin-Santini headroom."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

import rules
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Path, Schema, Status

from cityties.accounts.permissions import require
from cityties.core.fields import Id

from .. import services as svc
from ..access import access_budgets, access_fund, access_pledge, visible_pledges
from ..forms import member_governments
from ..models import LegalBasis, PaymentChannel, Pledge
from .common import REFUSALS, Positive, Text, Year, router, text


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
