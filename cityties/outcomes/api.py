"""REST endpoints of the outcomes: the records (listed on what the reader may see, a
private value and the notes only for the record's own side), and the aggregates of the
dashboards, through the same access helpers, rules and services as the pages."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from cityties.accounts.permissions import require
from cityties.core.api.errors import responses
from cityties.network.models import Organisation

from . import dashboards
from . import services as svc
from .access import (
    access_city_report,
    access_delegation_report,
    access_participant_report,
    access_partnership_report,
    access_record,
)
from .models import MAX_VALUE, OutcomeKind, OutcomeRecord, TenderStatus

router = Router(tags=["outcomes"])
REFUSALS: dict[int, Any] = responses({}, invalid=True, not_found=True)
ID = Field(None, ge=1, le=2**31 - 1)
VALUE = Field(None, ge=0, le=MAX_VALUE, max_digits=14, decimal_places=2)
MAX_LISTED = 1000


class RecordOut(Schema):
    id: int
    kind: OutcomeKind
    title: str
    organisation_id: int
    organisation: str
    city_id: int
    delegation_id: int | None
    participant_id: int | None
    event_id: int | None
    partnership_id: int | None
    meeting: str | None = Field(None, description="The meeting's key, type id:meeting id")
    meeting_label: str
    counterpart: str
    value: Decimal | None = Field(None, description="Null when kept private from you")
    currency: str
    value_eur: Decimal | None
    value_private: bool = Field(..., description="A value exists but is not shown to you")
    confidential: bool
    status: str
    occurred_on: date
    decided_on: date | None
    duration_months: int | None
    jobs: int | None
    year: int
    source: str
    notes: str | None = Field(None, description="Only for the record's own side")
    updated_at: datetime


def _out(record: OutcomeRecord, reader: svc.Reader) -> dict[str, Any]:
    own = reader.sees_private(record)
    hidden = record.confidential and not own and record.value is not None
    return {
        "id": record.pk,
        "kind": record.kind,
        "title": record.title,
        "organisation_id": record.organisation_id,
        "organisation": record.organisation.name,
        "city_id": record.city_id,
        "delegation_id": record.delegation_id,
        "participant_id": record.participant_id,
        "event_id": record.event_id,
        "partnership_id": record.partnership_id,
        "meeting": f"{record.meeting_type_id}:{record.meeting_id}" if record.meeting_id else None,
        "meeting_label": record.meeting_label,
        "counterpart": record.counterpart,
        "value": None if hidden else record.value,
        "currency": record.currency,
        "value_eur": None if hidden else record.value_eur,
        "value_private": hidden,
        "confidential": record.confidential,
        "status": record.status,
        "occurred_on": record.occurred_on,
        "decided_on": record.decided_on,
        "duration_months": record.duration_months,
        "jobs": record.jobs,
        "year": record.year,
        "source": record.source,
        "notes": record.notes if own else None,
        "updated_at": record.updated_at,
    }


class RecordFilters(Schema):
    delegation_id: int | None = ID
    participant_id: int | None = ID
    partnership_id: int | None = ID
    kind: OutcomeKind | None = None
    year: int | None = Field(None, ge=1990, le=2100)


@router.get("/records", response=responses({200: list[RecordOut]}))
def list_records(request: HttpRequest, filters: Query[RecordFilters]) -> list[dict[str, Any]]:
    """The records the reader may see (at most 1000, latest first)."""
    require(request.user, "outcomes.view_reports")
    reader = svc.Reader.of(request.user)
    condition = Q()
    for name in ("delegation_id", "participant_id", "partnership_id", "kind", "year"):
        value = getattr(filters, name)
        if value is not None:
            condition &= Q(**{name: value})
    records = (
        OutcomeRecord.objects.filter(reader.records() & condition)
        .select_related("organisation")
        .order_by("-occurred_on", "-pk")[:MAX_LISTED]
    )
    return [_out(record, reader) for record in records]


class RecordIn(Schema):
    participant_id: int | None = Field(None, ge=1, le=2**31 - 1, description="For a delegation")
    partnership_id: int | None = Field(None, ge=1, le=2**31 - 1)
    organisation_id: int | None = Field(
        None, ge=1, le=2**31 - 1, description="Whose outcome, for a partnership"
    )
    kind: OutcomeKind
    title: str = Field(..., max_length=200)
    counterpart: str = Field("", max_length=200)
    value: Decimal | None = VALUE
    currency: str = Field("EUR", min_length=3, max_length=3)
    value_eur: Decimal | None = VALUE
    status: TenderStatus | None = None
    occurred_on: date
    decided_on: date | None = None
    duration_months: int | None = Field(None, ge=1, le=600)
    jobs: int | None = Field(None, ge=0, le=1_000_000)
    notes: str = Field("", max_length=10000)
    confidential: bool = False
    meeting: str = Field("", max_length=40)
    meeting_label: str = Field("", max_length=200)


_CONTEXT = {"participant_id", "partnership_id", "organisation_id"}


def _fields(payload: Schema, *, unset: bool = False) -> svc.RecordFields:
    data = payload.dict(exclude_unset=unset)
    fields = {k: v for k, v in data.items() if k not in _CONTEXT}
    if "status" in fields:
        fields["status"] = fields["status"] or ""
    return fields  # type: ignore[return-value]


@router.post("/records", response={201: RecordOut, **REFUSALS})
def create_record(request: HttpRequest, payload: RecordIn) -> Any:
    if payload.participant_id is not None:
        participant = access_participant_report(request.user, payload.participant_id, add=True)
        record = svc.check_create_record(
            actor=request.user, participant=participant, fields=_fields(payload)
        )
    elif payload.partnership_id is not None and payload.organisation_id is not None:
        partnership = access_partnership_report(request.user, payload.partnership_id, add=True)
        organisation = get_object_or_404(Organisation, pk=payload.organisation_id)
        if not _may_record_for(request, organisation):
            raise PermissionDenied
        record = svc.check_create_record(
            actor=request.user,
            partnership=partnership,
            organisation=organisation,
            fields=_fields(payload),
        )
    else:
        raise svc.OutcomeError(
            _("Give a participant, or a partnership and an organisation."),
            code="context_required",
        )
    return Status(201, _out(record, svc.Reader.of(request.user)))


def _may_record_for(request: HttpRequest, organisation: Organisation) -> bool:
    """An officer records outcomes of its own government only; the staff of anyone."""
    reader = svc.Reader.of(request.user)
    return reader.staff or organisation.pk in reader.cities


@router.get("/records/{record_id}", response={200: RecordOut, **REFUSALS})
def get_record(request: HttpRequest, record_id: int) -> Any:
    reader = svc.Reader.of(request.user)
    record = get_object_or_404(OutcomeRecord.objects.select_related("organisation"), pk=record_id)
    if not OutcomeRecord.objects.filter(reader.records(), pk=record.pk).exists():
        raise PermissionDenied
    return _out(record, reader)


class RecordPatch(Schema):
    """Only the fields sent are changed."""

    kind: OutcomeKind | None = None
    title: str | None = Field(None, max_length=200)
    counterpart: str | None = Field(None, max_length=200)
    value: Decimal | None = VALUE
    currency: str | None = Field(None, min_length=3, max_length=3)
    value_eur: Decimal | None = VALUE
    status: TenderStatus | None = None
    occurred_on: date | None = None
    decided_on: date | None = None
    duration_months: int | None = Field(None, ge=1, le=600)
    jobs: int | None = Field(None, ge=0, le=1_000_000)
    notes: str | None = Field(None, max_length=10000)
    confidential: bool | None = None
    meeting: str | None = Field(None, max_length=40)
    meeting_label: str | None = Field(None, max_length=200)


@router.patch("/records/{record_id}", response={200: RecordOut, **REFUSALS})
def update_record(request: HttpRequest, record_id: int, payload: RecordPatch) -> Any:
    record = access_record(request.user, record_id)
    fields: dict[str, Any] = dict(_fields(payload, unset=True))
    for required in ("kind", "title", "occurred_on", "confidential", "currency"):
        if fields.get(required, "") is None:  # a null for a field that cannot be empty
            del fields[required]
    for text_field in ("counterpart", "notes", "meeting", "meeting_label"):
        if text_field in fields and fields[text_field] is None:
            fields[text_field] = ""
    record = svc.check_update_record(record, actor=request.user, fields=fields)  # type: ignore[arg-type]
    return _out(record, svc.Reader.of(request.user))


@router.delete("/records/{record_id}", response={204: None, **REFUSALS})
def delete_record(request: HttpRequest, record_id: int) -> Any:
    record = access_record(request.user, record_id)
    svc.do_delete_record(record, actor=request.user)
    return Status(204, None)


# --- Aggregates ----------------------------------------------------------------------


class StageOut(Schema):
    stage: str
    count: int


class TotalsOut(Schema):
    currency: str = "EUR"
    participants: int
    companies: int
    gross: Decimal
    subsidies: Decimal
    net: Decimal
    public: Decimal = Field(..., description="Net public cost")
    companies_net: Decimal = Field(..., description="Paid by the companies themselves")
    requests: int
    meetings: int
    records: int
    leads: int
    followups: int
    tenders: int
    tenders_won: int
    tender_value: Decimal
    contracts: int
    contract_value: Decimal
    agreements: int
    press: int
    jobs: int
    investment: Decimal
    hidden: int = Field(..., description="Private values counted but not added in for you")
    cost_per_meeting: Decimal | None
    cost_per_lead: Decimal | None
    cost_per_contract: Decimal | None
    return_per_euro: Decimal | None
    funnel: list[StageOut]


def _totals(totals: svc.Totals) -> dict[str, Any]:
    from dataclasses import asdict

    return {
        **asdict(totals),
        "cost_per_meeting": totals.cost_per_meeting,
        "cost_per_lead": totals.cost_per_lead,
        "cost_per_contract": totals.cost_per_contract,
        "return_per_euro": totals.return_per_euro,
        "funnel": [{"stage": label, "count": n} for label, n in totals.funnel()],
    }


class YearOut(TotalsOut):
    year: int


class DelegationRoiOut(TotalsOut):
    delegation_id: int
    edition: str
    previous_id: int | None


@router.get("/years", response=responses({200: list[YearOut]}))
def year_totals(request: HttpRequest) -> list[dict[str, Any]]:
    require(request.user, "outcomes.view_reports")
    found = svc.totals(svc.Reader.of(request.user), "year")
    return [{"year": year, **_totals(found[year])} for year in sorted(k for k in found if k)]


@router.get("/delegations/{delegation_id}/roi", response={200: DelegationRoiOut, **REFUSALS})
def delegation_roi(request: HttpRequest, delegation_id: int) -> dict[str, Any]:
    delegation = access_delegation_report(request.user, delegation_id)
    condition = Q(delegation_id=delegation.pk)
    totals = svc.total(
        svc.Reader.of(request.user),
        records=condition,
        participants=condition,
        delegations=Q(pk=delegation.pk),
    )
    previous = dashboards.previous_edition(delegation)
    return {
        "delegation_id": delegation.pk,
        "edition": dashboards.edition_label(delegation),
        "previous_id": previous.pk if previous else None,
        **_totals(totals),
    }


@router.get("/participants/{participant_id}/roi", response={200: TotalsOut, **REFUSALS})
def participant_roi(request: HttpRequest, participant_id: int) -> dict[str, Any]:
    participant = access_participant_report(request.user, participant_id)
    condition = Q(participant_id=participant.pk)
    return _totals(
        svc.total(
            svc.Reader.of(request.user),
            records=condition,
            participants=condition,
            delegations=Q(pk=participant.delegation_id),
        )
    )


@router.get("/cities/{organisation_id}/roi", response={200: TotalsOut, **REFUSALS})
def city_roi(request: HttpRequest, organisation_id: int) -> dict[str, Any]:
    city = access_city_report(request.user, organisation_id)
    condition = Q(city_id=city.pk)
    return _totals(
        svc.total(svc.Reader.of(request.user), records=condition, participants=condition)
    )


@router.get("/partnerships/{partnership_id}/roi", response={200: TotalsOut, **REFUSALS})
def partnership_roi(request: HttpRequest, partnership_id: int) -> dict[str, Any]:
    partnership = access_partnership_report(request.user, partnership_id)
    report = dashboards.partnership_report(svc.Reader.of(request.user), partnership)
    return _totals(report.headline)


class StepRateOut(Schema):
    step: int
    label: str
    due: datetime
    sent: int
    answered: int
    reminded: int
    rate: int | None = Field(..., description="Answered, in per cent of those sent")


@router.get("/delegations/{delegation_id}/survey", response={200: list[StepRateOut], **REFUSALS})
def survey_rates(request: HttpRequest, delegation_id: int) -> list[dict[str, Any]]:
    delegation = access_delegation_report(request.user, delegation_id)
    return [
        {
            "step": rate.step,
            "label": rate.label,
            "due": rate.due,
            "sent": rate.sent,
            "answered": rate.answered,
            "reminded": rate.reminded,
            "rate": rate.rate,
        }
        for rate in svc.response_rates(delegation)
    ]
