"""REST endpoints of the pavilion: the figures (the lead, staff, funders), a participant's
costs (also its own officer or company), and the lead's changes to shares and rates,
through the same access helpers, rules and services as the pages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from cityties.core.api.errors import responses
from cityties.delegations.models import Participant

from . import services as svc
from .access import access_item, access_participant_costs, access_pavilion
from .services.figures import Basis, Figures, ParticipantLine

router = Router(tags=["pavilion"])
REFUSALS: dict[int, Any] = responses({}, invalid=True, not_found=True)
ID = Field(..., ge=1, le=2**31 - 1)
AMOUNT = Field(..., ge=0, le=Decimal("999999999.99"), max_digits=12, decimal_places=2)


class SubsidyOut(Schema):
    rule_id: int
    rule: str
    funder_id: int
    amount: Decimal


class ParticipantCostOut(Schema):
    participant_id: int
    organisation_id: int
    organisation: str
    gross: Decimal
    subsidies: list[SubsidyOut]
    net: Decimal


class ItemOut(Schema):
    id: int
    kind: str
    label: str
    amount_eur: Decimal
    covered: dict[str, Decimal] = Field(..., description="Organisation id -> covered part")
    shares: dict[str, Decimal] = Field(..., description="Participant id -> share")


class FunderOut(Schema):
    organisation_id: int
    organisation: str
    subsidies: Decimal
    covers: Decimal
    own: Decimal
    total: Decimal


class FiguresOut(Schema):
    basis: str
    currency: str = "EUR"
    error: str | None
    total: Decimal
    items: list[ItemOut]
    participants: list[ParticipantCostOut]
    funders: list[FunderOut]


def _participant(line: ParticipantLine) -> dict[str, Any]:
    return {
        "participant_id": line.participant.pk,
        "organisation_id": line.participant.organisation_id,
        "organisation": line.participant.organisation.name,
        "gross": line.gross,
        "net": line.net,
        "subsidies": [
            {
                "rule_id": sub.rule.pk,
                "rule": sub.rule.label,
                "funder_id": sub.rule.funder_id,
                "amount": sub.amount,
            }
            for sub in line.subsidies
        ],
    }


def _figures(figures: Figures) -> dict[str, Any]:
    return {
        "basis": figures.basis,
        "error": figures.error,
        "total": figures.total,
        "items": [
            {
                "id": line.item.pk,
                "kind": line.item.kind,
                "label": line.item.label,
                "amount_eur": line.amount,
                "covered": {str(org.pk): amount for org, amount in line.covered},
                "shares": {str(pk): amount for pk, amount in line.shares.items()},
            }
            for line in figures.items
        ],
        "participants": [_participant(line) for line in figures.participants],
        "funders": [
            {
                "organisation_id": f.organisation.pk,
                "organisation": f.organisation.name,
                "subsidies": f.subsidies,
                "covers": f.covers,
                "own": f.own,
                "total": f.total,
            }
            for f in figures.funders
        ],
    }


@router.get("/delegations/{delegation_id}/figures", response={200: FiguresOut, **REFUSALS})
def delegation_figures(request: HttpRequest, delegation_id: int, basis: str = "planned") -> Any:
    delegation = access_pavilion(request.user, delegation_id)
    chosen: Basis = "actual" if basis == "actual" else "planned"
    return _figures(svc.compute(svc.load(delegation), chosen))


@router.get("/participants/{participant_id}/costs", response={200: ParticipantCostOut, **REFUSALS})
def participant_costs(request: HttpRequest, participant_id: int) -> Any:
    participant = access_participant_costs(request.user, participant_id)
    figures = svc.compute(svc.load(participant.delegation))
    line = figures.participant(participant.pk)
    if line is None:
        raise svc.PavilionError(figures.error or "", code="figures_unavailable")
    return _participant(line)


class ShareIn(Schema):
    participant_id: int = ID
    area_m2: Decimal | None = Field(None, gt=0, le=100000, max_digits=8, decimal_places=2)
    days: int | None = Field(None, ge=1, le=366)
    percent: Decimal | None = Field(None, gt=0, le=100, max_digits=6, decimal_places=2)


class ShareOut(Schema):
    id: int
    item_id: int
    participant_id: int
    area_m2: Decimal | None
    days: int | None
    percent: Decimal | None


@router.put("/items/{item_id}/shares", response={200: ShareOut, **REFUSALS})
def set_share(request: HttpRequest, item_id: int, payload: ShareIn) -> Any:
    item = access_item(request.user, item_id)
    participant = get_object_or_404(
        Participant, pk=payload.participant_id, delegation_id=item.delegation_id
    )
    return svc.check_set_share(
        item,
        actor=request.user,
        participant=participant,
        area_m2=payload.area_m2,
        days=payload.days,
        percent=payload.percent,
    )


class RateIn(Schema):
    rate: Decimal = Field(..., gt=0, le=100000, max_digits=14, decimal_places=6)
    source: str = Field(..., min_length=1, max_length=200)
    on_date: date


class RateOut(Schema):
    currency: str
    rate: Decimal
    source: str
    on_date: date


@router.put("/delegations/{delegation_id}/rates/{currency}", response={200: RateOut, **REFUSALS})
def set_rate(request: HttpRequest, delegation_id: int, currency: str, payload: RateIn) -> Any:
    delegation = access_pavilion(request.user, delegation_id, edit=True)
    return svc.check_set_rate(
        delegation,
        actor=request.user,
        currency=currency,
        rate=payload.rate,
        source=payload.source,
        on_date=payload.on_date,
    )
