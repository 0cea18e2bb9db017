"""Outcome records: entered by the participant's side (or the staff), or made from a
survey answer; checked here whatever the front end."""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypedDict

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as
from cityties.delegations.models import Delegation, Participant
from cityties.events.models import Event
from cityties.network.models import Organisation, OrganisationKind, Partnership

from ..models import (
    BUYER_KINDS,
    MAX_VALUE,
    VALUE_KINDS,
    OutcomeKind,
    OutcomeRecord,
    Source,
    SurveyInvitation,
    TenderStatus,
)
from . import meetings
from .costs import edition_year
from .errors import OutcomeError

_CURRENCY = re.compile(r"^[A-Z]{3}$")
CENT = Decimal("0.01")


class RecordFields(TypedDict, total=False):
    kind: str
    title: str
    counterpart: str
    value: Decimal | None
    currency: str
    value_eur: Decimal | None  # only when no rate of the delegation converts the currency
    status: str
    occurred_on: date
    decided_on: date | None
    duration_months: int | None
    jobs: int | None
    notes: str
    confidential: bool
    meeting: str  # a key of `meetings.meetings_of(participant)`, or ""
    meeting_label: str


EDITABLE = (
    "kind",
    "title",
    "counterpart",
    "value",
    "currency",
    "status",
    "occurred_on",
    "decided_on",
    "duration_months",
    "jobs",
    "notes",
    "confidential",
    "meeting_label",
)


def _error(message: Any, code: str, field: str | None = None) -> OutcomeError:
    return OutcomeError(message, code=code, field=field)


def _in_euros(
    value: Decimal, currency: str, delegation: Delegation | None, given: Decimal | None
) -> Decimal:
    if currency == "EUR":
        return value
    if delegation is not None:
        from cityties.pavilion.models import ExchangeRate

        rate = ExchangeRate.objects.filter(delegation=delegation, currency=currency).first()
        if rate is not None:
            return (value * rate.rate).quantize(CENT, rounding=ROUND_HALF_UP)
    if given is None:
        raise _error(
            _("No exchange rate of the delegation converts %(currency)s: give the value in euros.")
            % {"currency": currency},
            "no_rate",
            "value_eur",
        )
    if given < 0 or given > MAX_VALUE:
        raise _error(_("This value is not possible."), "invalid_value", "value_eur")
    return given


def _clean(fields: RecordFields, delegation: Delegation | None) -> dict[str, Any]:
    kind = fields.get("kind", "")
    if kind not in OutcomeKind.values:
        raise _error(_("Choose a kind of outcome."), "unknown_kind", "kind")
    title = (fields.get("title") or "").strip()
    if not title:
        raise _error(_("Give the outcome a title."), "title_required", "title")
    if len(title) > 200:
        raise _error(_("The title is too long."), "title_too_long", "title")
    counterpart = (fields.get("counterpart") or "").strip()[:200]
    if kind in BUYER_KINDS and not counterpart:
        raise _error(_("Name the buyer."), "buyer_required", "counterpart")
    status = fields.get("status") or ""
    if kind == OutcomeKind.TENDER:
        status = status or TenderStatus.SUBMITTED
        if status not in TenderStatus.values:
            raise _error(_("Unknown status."), "unknown_status", "status")
    elif status:
        raise _error(_("Only a tender has a status."), "status_not_for_kind", "status")
    occurred_on = fields.get("occurred_on")
    if not isinstance(occurred_on, date):
        raise _error(_("Give the date."), "date_required", "occurred_on")
    decided_on = fields.get("decided_on")
    if decided_on is not None and decided_on < occurred_on:
        raise _error(_("The decision comes after the date."), "decided_before", "decided_on")
    value = fields.get("value")
    currency = (fields.get("currency") or "EUR").strip().upper()
    if not _CURRENCY.match(currency):
        raise _error(_("A currency is three letters, e.g. EUR."), "invalid_currency", "currency")
    value_eur = None
    if value is not None:
        if kind not in VALUE_KINDS:
            raise _error(_("This kind of outcome has no value."), "value_not_for_kind", "value")
        if value < 0 or value > MAX_VALUE:
            raise _error(_("This value is not possible."), "invalid_value", "value")
        value_eur = _in_euros(value, currency, delegation, fields.get("value_eur"))
    duration = fields.get("duration_months")
    if duration is not None and (kind != OutcomeKind.CONTRACT or not 0 < duration <= 600):
        raise _error(_("Only a contract has a duration."), "duration_not_for_kind", "duration")
    jobs = fields.get("jobs")
    if jobs is not None and (kind != OutcomeKind.INVESTMENT or jobs < 0):
        raise _error(_("Jobs go with an investment."), "jobs_not_for_kind", "jobs")
    return {
        "kind": kind,
        "title": title,
        "counterpart": counterpart,
        "value": value,
        "currency": currency,
        "value_eur": value_eur,
        "status": status,
        "occurred_on": occurred_on,
        "decided_on": decided_on,
        "duration_months": duration,
        "jobs": jobs,
        "notes": fields.get("notes") or "",
        "confidential": bool(fields.get("confidential")),
        "meeting_label": (fields.get("meeting_label") or "").strip()[:200],
    }


def _link_meeting(values: dict[str, Any], key: str, participant: Participant | None) -> None:
    if not key:
        return
    found = meetings.resolve(key, participant) if participant is not None else None
    if found is None:
        raise _error(_("This meeting is not one of yours."), "unknown_meeting", "meeting")
    values["meeting_type"], values["meeting_id"], label = found
    values["meeting_label"] = values["meeting_label"] or label


def check_create_record(
    *,
    actor: Any,
    fields: RecordFields,
    participant: Participant | None = None,
    partnership: Partnership | None = None,
    organisation: Organisation | None = None,
    event: Event | None = None,
    source: str = Source.MANUAL,
    survey: SurveyInvitation | None = None,
) -> OutcomeRecord:
    """A record for a participant of a delegation, or for an organisation against a
    partnership or an event."""
    delegation = participant.delegation if participant is not None else None
    if participant is not None:
        organisation = participant.organisation
        city_id = participant.city_id
        event = delegation.event if delegation is not None else event
    elif organisation is None:
        raise _error(_("Say whose outcome it is."), "organisation_required", "organisation")
    else:
        if organisation.kind == OrganisationKind.COMPANY:
            if organisation.sponsor_id is None:
                raise _error(_("The company has no sponsoring member."), "company_without_sponsor")
            city_id = organisation.sponsor_id
        else:
            city_id = organisation.pk
        if partnership is None and event is None:
            raise _error(
                _("An outcome belongs to a delegation, an event or a partnership."),
                "context_required",
            )
        if (
            partnership is not None
            and not partnership.memberships.filter(organisation_id=city_id).exists()
        ):
            raise _error(
                _("This organisation is not a partner of this partnership."),
                "not_a_partner",
                "organisation",
            )
    values = _clean(fields, delegation)
    _link_meeting(values, fields.get("meeting") or "", participant)
    if delegation is not None:
        year = edition_year(delegation)
    elif event is not None:
        year = event.local_start.year
    else:
        year = values["occurred_on"].year
    with transaction.atomic(), acting_as(actor):
        return OutcomeRecord.objects.create(
            organisation=organisation,
            city_id=city_id,
            delegation=delegation,
            participant=participant,
            event=event,
            partnership=partnership,
            source=source,
            survey=survey,
            year=year,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            **values,
        )


def record_fields(record: OutcomeRecord) -> RecordFields:
    fields: dict[str, Any] = {name: getattr(record, name) for name in EDITABLE}
    fields["meeting"] = (
        f"{record.meeting_type_id}:{record.meeting_id}" if record.meeting_id is not None else ""
    )
    if record.value is not None and record.currency != "EUR":
        fields["value_eur"] = record.value_eur
    return fields  # type: ignore[return-value]


def check_update_record(
    record: OutcomeRecord, *, actor: Any, fields: RecordFields
) -> OutcomeRecord:
    """Change the fields given; the others keep their values."""
    unknown = set(fields) - {*EDITABLE, "meeting", "value_eur"}
    if unknown:
        raise _error(_("Unknown field."), "unknown_field")
    merged: RecordFields = {**record_fields(record), **fields}
    money_changed = ("value" in fields and fields["value"] != record.value) or (
        "currency" in fields and (fields["currency"] or "EUR").upper() != record.currency
    )
    if money_changed and "value_eur" not in fields:
        merged["value_eur"] = None  # an old value in euros no longer says this value
    values = _clean(merged, record.delegation)
    meeting = merged.get("meeting") or ""
    if meeting != record_fields(record)["meeting"]:
        values["meeting_type"] = values["meeting_id"] = None
        _link_meeting(values, meeting, record.participant)
    with transaction.atomic(), acting_as(actor):
        for name, value in values.items():
            setattr(record, name, value)
        record.save()
    return record


def do_delete_record(record: OutcomeRecord, *, actor: Any) -> None:
    with transaction.atomic(), acting_as(actor):
        record.delete()
