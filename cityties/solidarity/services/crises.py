"""Crises and their funds: recorded by staff (a member may run a fund of its own)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypedDict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as
from cityties.core.countries import is_country_code
from cityties.network.models import Organisation

from ..models import (
    MAX_AMOUNT,
    Crisis,
    CrisisKind,
    CrisisStatus,
    Fund,
    FundChannel,
    FundPurpose,
    FundStatus,
)
from .errors import SolidarityError
from .versions import touch_crisis_funds, touch_fund

_CURRENCY = re.compile(r"^[A-Z]{3}$")


class CrisisFields(TypedDict, total=False):
    title_fr: str
    title_en: str
    kind: str
    country: str
    region: str
    occurred_on: date
    description_fr: str
    description_en: str
    status: str


class FundFields(TypedDict, total=False):
    title_fr: str
    title_en: str
    channel: str
    manager: Organisation | None
    target_amount: Decimal | None
    currency: str
    opens_on: date
    closes_on: date | None
    purposes: list[str]
    purpose_fr: str
    purpose_en: str
    status: str
    is_public: bool


def today() -> date:
    return timezone.localdate()


def not_in_future(value: date | None, field: str) -> None:
    # A day of tolerance: members abroad may already be on tomorrow.
    if value is not None and value > today() + timedelta(days=1):
        raise SolidarityError(_("This date is in the future."), code="date_in_future", field=field)


def check_amount(value: Decimal | None, field: str, *, positive: bool = False) -> None:
    if value is None:
        return
    if value < 0 or (positive and value == 0):
        raise SolidarityError(
            _("The amount must be above zero.") if positive else _("An amount cannot be negative."),
            code="amount_not_positive" if positive else "negative_amount",
            field=field,
        )
    if value > MAX_AMOUNT:
        raise SolidarityError(_("This amount is too large."), code="amount_too_large", field=field)
    if value != value.quantize(Decimal("0.01")):
        raise SolidarityError(
            _("An amount has at most two decimals."), code="amount_too_precise", field=field
        )


def _titled(fields: CrisisFields | FundFields) -> None:
    if not (fields.get("title_fr", "").strip() or fields.get("title_en", "").strip()):
        raise SolidarityError(
            _("Give a title in French or in English."), code="title_missing", field="title_fr"
        )


def _check_crisis(fields: CrisisFields, affected: Iterable[Organisation]) -> None:
    _titled(fields)
    if fields.get("kind") not in CrisisKind.values:
        raise SolidarityError(_("Choose the kind of crisis."), code="unknown_kind", field="kind")
    if not is_country_code(fields.get("country", "")):
        raise SolidarityError(_("Choose a country."), code="unknown_country", field="country")
    if fields.get("status", CrisisStatus.EMERGENCY) not in CrisisStatus.values:
        raise SolidarityError(_("Choose a status."), code="unknown_status", field="status")
    if fields.get("occurred_on") is None:
        raise SolidarityError(_("Give the date."), code="date_missing", field="occurred_on")
    not_in_future(fields.get("occurred_on"), "occurred_on")
    for organisation in affected:
        if not organisation.is_government or organisation.archived_at is not None:
            raise SolidarityError(
                _("%(name)s is not a government of the directory.") % {"name": organisation},
                code="affected_not_government",
                field="affected",
            )


def check_create_crisis(
    *, actor: Any, fields: CrisisFields, affected: Iterable[Organisation] = ()
) -> Crisis:
    affected = list(affected)
    _check_crisis(fields, affected)
    with transaction.atomic(), acting_as(actor):
        crisis = Crisis.objects.create(created_by=actor, **fields)
        crisis.affected.set(affected)
    return crisis


def check_update_crisis(
    crisis: Crisis,
    *,
    actor: Any,
    fields: CrisisFields,
    affected: Iterable[Organisation] | None = None,
) -> Crisis:
    current = {name: getattr(crisis, name) for name in CrisisFields.__annotations__}
    merged: CrisisFields = {**current, **fields}  # type: ignore[typeddict-item]
    chosen = list(crisis.affected.all()) if affected is None else list(affected)
    _check_crisis(merged, chosen)
    with transaction.atomic(), acting_as(actor):
        for name, value in merged.items():
            setattr(crisis, name, value)
        crisis.save()
        crisis.affected.set(chosen)
        touch_crisis_funds(crisis.pk)
    return crisis


def _check_fund(fields: FundFields) -> None:
    _titled(fields)
    channel = fields.get("channel")
    if channel not in FundChannel.values:
        raise SolidarityError(
            _("Choose who runs the fund."), code="unknown_channel", field="channel"
        )
    manager = fields.get("manager")
    if channel == FundChannel.MEMBER and (
        manager is None or not (manager.is_government and manager.is_member)
    ):
        raise SolidarityError(
            _("A member's fund is run by a member government: choose it."),
            code="member_fund_needs_member",
            field="manager",
        )
    if not _CURRENCY.match(fields.get("currency") or ""):
        raise SolidarityError(
            _("A currency is three capital letters, e.g. EUR."),
            code="bad_currency",
            field="currency",
        )
    check_amount(fields.get("target_amount"), "target_amount")
    opens_on, closes_on = fields.get("opens_on"), fields.get("closes_on")
    if opens_on is None:
        raise SolidarityError(_("Give the opening date."), code="date_missing", field="opens_on")
    if closes_on is not None and closes_on < opens_on:
        raise SolidarityError(
            _("The fund cannot close before it opens."),
            code="closes_before_opening",
            field="closes_on",
        )
    purposes = fields.get("purposes") or []
    if not purposes or set(purposes) - set(FundPurpose.values):
        raise SolidarityError(
            _("Choose what the fund may pay for."), code="purposes_missing", field="purposes"
        )
    if fields.get("status", FundStatus.OPEN) not in FundStatus.values:
        raise SolidarityError(_("Choose a status."), code="unknown_status", field="status")


def check_create_fund(crisis: Crisis, *, actor: Any, fields: FundFields) -> Fund:
    fields = {"currency": "EUR", **fields}
    _check_fund(fields)
    with transaction.atomic(), acting_as(actor):
        return Fund.objects.create(crisis=crisis, created_by=actor, **fields)


def check_update_fund(fund: Fund, *, actor: Any, fields: FundFields) -> Fund:
    current = {name: getattr(fund, name) for name in FundFields.__annotations__}
    merged: FundFields = {**current, **fields}  # type: ignore[typeddict-item]
    _check_fund(merged)
    if merged.get("currency") != fund.currency and fund.pledges.exists():
        raise SolidarityError(
            _("Pledges are recorded in the fund's currency: it can no longer change."),
            code="currency_locked",
            field="currency",
        )
    with transaction.atomic(), acting_as(actor):
        for name, value in merged.items():
            setattr(fund, name, value)
        fund.save()
        touch_fund(fund.pk)
    fund.refresh_from_db(fields=["public_version"])
    return fund
