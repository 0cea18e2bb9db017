"""Cost items (stands among them), the participants' shares of them and the parts an
organisation covers for everyone."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, TypedDict

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as
from cityties.delegations.models import Delegation, Participant

from ..models import (
    ACCOUNTING_CURRENCY,
    MAX_AMOUNT,
    MAX_AREA,
    CostItem,
    Cover,
    ItemKind,
    Share,
    Split,
)
from .errors import PavilionError

_CURRENCY = re.compile(r"^[A-Z]{3}$")


class ItemFields(TypedDict, total=False):
    kind: str
    label: str
    planned_amount: Decimal
    actual_amount: Decimal | None
    currency: str
    area_m2: Decimal | None
    days: int | None
    split: str
    notes: str


def _money(value: Decimal | None, field: str) -> None:
    if value is None:
        return
    if value < 0:
        raise PavilionError(_("An amount cannot be negative."), code="negative_amount", field=field)
    if value > MAX_AMOUNT:
        raise PavilionError(_("This amount is too large."), code="amount_too_large", field=field)


def _check_item(delegation: Delegation, fields: ItemFields) -> None:
    if fields.get("kind") not in ItemKind.values:
        raise PavilionError(_("Choose a kind of cost."), code="unknown_kind", field="kind")
    if fields.get("split", Split.EQUAL) not in Split.values:
        raise PavilionError(_("Choose how it is shared."), code="unknown_split", field="split")
    _money(fields.get("planned_amount"), "planned_amount")
    _money(fields.get("actual_amount"), "actual_amount")
    currency = fields.get("currency") or ACCOUNTING_CURRENCY
    if not _CURRENCY.match(currency):
        raise PavilionError(
            _("A currency is three capital letters, e.g. USD."),
            code="bad_currency",
            field="currency",
        )
    if (
        currency != ACCOUNTING_CURRENCY
        and not delegation.exchange_rates.filter(currency=currency).exists()
    ):
        raise PavilionError(
            _("Record the exchange rate of %(currency)s first.") % {"currency": currency},
            code="rate_missing",
            field="currency",
        )
    area = fields.get("area_m2")
    if area is not None and not (0 < area <= MAX_AREA):
        raise PavilionError(
            _("The area must be above 0 and at most 100,000 m²."), code="bad_area", field="area_m2"
        )
    split = fields.get("split", Split.EQUAL)
    if split == Split.AREA and area is None:
        raise PavilionError(
            _("A split by area needs the item's area."), code="split_needs_area", field="area_m2"
        )
    if split == Split.DAYS and not fields.get("days"):
        raise PavilionError(
            _("A split by days needs the item's number of days."),
            code="split_needs_days",
            field="days",
        )


def _refused_by_shares() -> PavilionError:
    return PavilionError(
        _("The shares would not fit: they would take more than the stand has."),
        code="shares_above_item",
    )


def check_create_item(delegation: Delegation, *, actor: Any, fields: ItemFields) -> CostItem:
    _check_item(delegation, fields)
    with transaction.atomic(), acting_as(actor):
        return CostItem.objects.create(delegation=delegation, **fields)


def check_update_item(item: CostItem, *, actor: Any, fields: ItemFields) -> CostItem:
    current: ItemFields = {
        "kind": item.kind,
        "label": item.label,
        "planned_amount": item.planned_amount,
        "actual_amount": item.actual_amount,
        "currency": item.currency,
        "area_m2": item.area_m2,
        "days": item.days,
        "split": item.split,
        "notes": item.notes,
    }
    merged: ItemFields = {**current, **fields}
    _check_item(item.delegation, merged)
    try:
        with transaction.atomic(), acting_as(actor):
            locked = CostItem.objects.select_for_update().get(pk=item.pk)
            for name, value in merged.items():
                setattr(locked, name, value)
            _check_shares_match_split(locked)
            locked.save()
    except IntegrityError as exc:
        # The area or days cut below what the shares already take.
        raise _refused_by_shares() from exc
    return locked


def do_delete_item(item: CostItem, *, actor: Any) -> None:
    with transaction.atomic(), acting_as(actor):
        item.delete()


def _check_shares_match_split(item: CostItem) -> None:
    """Changing the split to area or days needs every share to have one."""
    field = {Split.AREA: "area_m2", Split.DAYS: "days"}.get(Split(item.split))
    if field and item.shares.filter(**{f"{field}__isnull": True}).exists():
        raise PavilionError(
            _("Give every share its %(measure)s before changing the split.")
            % {"measure": _("area") if field == "area_m2" else _("days")},
            code="shares_lack_measure",
            field="split",
        )


def _recount(item: CostItem) -> None:
    """Store the shares' sums on the (locked) item; the check constraints refuse a sum
    above the stand."""
    sums = item.shares.aggregate(area=Sum("area_m2"), days=Sum("days"), percent=Sum("percent"))
    CostItem.objects.filter(pk=item.pk).update(
        allocated_area=sums["area"] or Decimal("0"),
        allocated_days=sums["days"] or 0,
        allocated_percent=sums["percent"] or Decimal("0"),
    )


def recount_items(item_ids: list[int]) -> None:
    """After participants are removed (their shares cascade), free what they took."""
    for item in CostItem.objects.select_for_update().filter(pk__in=item_ids).order_by("pk"):
        _recount(item)


def check_set_share(
    item: CostItem,
    *,
    actor: Any,
    participant: Participant,
    area_m2: Decimal | None = None,
    days: int | None = None,
    percent: Decimal | None = None,
) -> Share:
    """Add a participant to an item, or change its share; refused when the shares would
    pass the stand's area, days or 100 %, even with several people editing at once."""
    if participant.delegation_id != item.delegation_id:
        raise PavilionError(
            _("This participant is not in this delegation."), code="foreign_participant"
        )
    needs = {Split.AREA: ("area_m2", area_m2), Split.DAYS: ("days", days)}.get(Split(item.split))
    if needs and needs[1] is None:
        raise PavilionError(
            _("Give this share its area.") if needs[0] == "area_m2" else _("Give its days."),
            code="share_needs_measure",
            field=needs[0],
        )
    if item.split == Split.WEIGHTS and percent is None:
        raise PavilionError(
            _("Give this share its percentage."), code="share_needs_measure", field="percent"
        )
    for value, field in ((area_m2, "area_m2"), (percent, "percent")):
        if value is not None and value <= 0:
            raise PavilionError(
                _("A share must be above zero."), code="share_not_positive", field=field
            )
    if days is not None and days <= 0:
        raise PavilionError(
            _("A share must be above zero."), code="share_not_positive", field="days"
        )
    try:
        with transaction.atomic(), acting_as(actor):
            # Lock the item first: the sums read next then see every committed share.
            locked = CostItem.objects.select_for_update().get(pk=item.pk)
            share, _created = Share.objects.update_or_create(
                item=locked,
                participant=participant,
                defaults={"area_m2": area_m2, "days": days, "percent": percent},
            )
            _recount(locked)
    except IntegrityError as exc:
        raise _refused_by_shares() from exc
    return share


def do_remove_share(share: Share, *, actor: Any) -> None:
    with transaction.atomic(), acting_as(actor):
        locked = CostItem.objects.select_for_update().get(pk=share.item_id)
        share.delete()
        _recount(locked)


def check_set_cover(
    item: CostItem, *, actor: Any, participant: Participant, amount: Decimal
) -> Cover:
    """A participant (the lead city, a region) pays part of the item for everyone."""
    if participant.delegation_id != item.delegation_id:
        raise PavilionError(
            _("This participant is not in this delegation."), code="foreign_participant"
        )
    _money(amount, "amount")
    with transaction.atomic(), acting_as(actor):
        locked = CostItem.objects.select_for_update().get(pk=item.pk)
        others = locked.covers.exclude(participant=participant).aggregate(s=Sum("amount"))["s"]
        cover, _created = Cover.objects.update_or_create(
            item=locked, participant=participant, defaults={"amount": amount}
        )
        total = (others or Decimal("0")) + amount
        if locked.currency == ACCOUNTING_CURRENCY and total > locked.planned_amount:
            raise PavilionError(
                _("The covered parts would be more than the item costs."),
                code="cover_above_item",
                field="amount",
            )
    return cover


def do_remove_cover(cover: Cover, *, actor: Any) -> None:
    with transaction.atomic(), acting_as(actor):
        cover.delete()
