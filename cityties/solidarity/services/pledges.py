"""Pledges and payments: a member pledges with its legal basis, records its council
decision, then pays, once or several times; the database refuses more paid than pledged.

An Oudin-Santini pledge stays within 1 % of the budget it is charged to (water,
sanitation or waste) for its budget year; the member's budgets row is locked while the
pledge is checked, so two pledges at once cannot pass the ceiling together.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as
from cityties.core.templatetags.cityties import money
from cityties.network.models import Organisation

from .. import headroom as oudin
from ..models import (
    OUDIN_BASES,
    FundPurpose,
    LegalBasis,
    OudinBudget,
    Payment,
    PaymentChannel,
    Pledge,
)
from ..models.common import cents
from ..models.crises import Fund
from ..models.pledges import FIRST_YEAR, LAST_YEAR
from .crises import check_amount, not_in_future
from .errors import SolidarityError
from .uploads import DECISION_TYPES, check_upload
from .versions import touch_fund

# The purpose a fund must allow for an Oudin-Santini pledge of each basis.
_OUDIN_PURPOSE = {
    LegalBasis.OUDIN_WATER: FundPurpose.WATER,
    LegalBasis.OUDIN_SANITATION: FundPurpose.SANITATION,
    LegalBasis.OUDIN_WASTE: FundPurpose.WASTE,
}


def _check_year(year: int, field: str = "budget_year") -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise SolidarityError(_("Give a year from 2000 to 2100."), code="bad_year", field=field)


# --------------------------------------------------------------------------- headroom


def given_under_oudin(
    member: Organisation, year: int, *, exclude: int | None = None
) -> dict[str, Decimal]:
    """What the member pledged (not cancelled) under each Oudin-Santini basis for `year`."""
    pledges = Pledge.objects.filter(
        member=member,
        budget_year=year,
        legal_basis__in=list(OUDIN_BASES),
        cancelled_at__isnull=True,
    )
    if exclude is not None:
        pledges = pledges.exclude(pk=exclude)
    rows = pledges.values("legal_basis").annotate(total=Sum("amount"))
    return {OUDIN_BASES[row["legal_basis"]]: cents(row["total"]) for row in rows}


def oudin_headroom(
    member: Organisation, year: int, *, exclude: int | None = None
) -> oudin.Headroom:
    budget = OudinBudget.objects.filter(member=member, year=year).first()
    budgets = (
        {"water": budget.water, "sanitation": budget.sanitation, "waste": budget.waste}
        if budget
        else {}
    )
    return oudin.headroom(budgets, given_under_oudin(member, year, exclude=exclude))


def check_save_oudin_budget(
    member: Organisation,
    *,
    actor: Any,
    year: int,
    water: Decimal | None,
    sanitation: Decimal | None,
    waste: Decimal | None,
) -> OudinBudget:
    _check_year(year, "year")
    for value, field in ((water, "water"), (sanitation, "sanitation"), (waste, "waste")):
        check_amount(value, field)
    with transaction.atomic(), acting_as(actor):
        budget, _created = OudinBudget.objects.update_or_create(
            member=member,
            year=year,
            defaults={
                "water": water,
                "sanitation": sanitation,
                "waste": waste,
                "updated_by": actor,
            },
        )
    return budget


def _check_oudin(member: Organisation, basis: str, year: int, amount: Decimal, pledge: int | None):
    """Within the transaction: lock the budgets row, then compare with what is left."""
    locked = OudinBudget.objects.select_for_update().filter(member=member, year=year).first()
    name = OUDIN_BASES[basis]
    if locked is None or getattr(locked, name) is None:
        raise SolidarityError(
            _("Enter your %(budget)s budget for %(year)s first: the 1 %% is counted from it.")
            % {"budget": _budget_label(name), "year": year},
            code="oudin_budget_missing",
            field="legal_basis",
        )
    line = oudin_headroom(member, year, exclude=pledge).line(name)
    if not line.allows(amount):
        raise SolidarityError(
            _(
                "Above the Oudin-Santini ceiling: %(remaining)s is left of 1 %% of the %(budget)s "
                "budget for %(year)s."
            )
            % {"remaining": money(line.remaining), "budget": _budget_label(name), "year": year},
            code="above_oudin_ceiling",
            field="amount",
        )


def _budget_label(name: str) -> str:
    labels = {"water": _("water"), "sanitation": _("sanitation"), "waste": _("waste")}
    return str(labels[name])


# --------------------------------------------------------------------------- pledges


def check_create_pledge(
    fund: Fund,
    *,
    actor: Any,
    member: Organisation,
    amount: Decimal,
    legal_basis: str,
    budget_year: int | None = None,
    pledged_on: date | None = None,
    is_private: bool = False,
    notes: str = "",
) -> Pledge:
    if not fund.is_open:
        raise SolidarityError(_("This fund is closed."), code="fund_closed")
    if not (member.is_government and member.is_member) or member.archived_at is not None:
        raise SolidarityError(
            _("Only a member government may pledge."), code="not_a_member", field="member"
        )
    check_amount(amount, "amount", positive=True)
    if legal_basis not in LegalBasis.values:
        raise SolidarityError(
            _("Choose the legal basis."), code="unknown_basis", field="legal_basis"
        )
    pledged_on = pledged_on or timezone.localdate()
    not_in_future(pledged_on, "pledged_on")
    year = budget_year or pledged_on.year
    _check_year(year)
    purpose = _OUDIN_PURPOSE.get(LegalBasis(legal_basis))
    if purpose and purpose not in fund.purposes:
        raise SolidarityError(
            _("This fund does not pay for %(purpose)s: an Oudin-Santini pledge cannot go to it.")
            % {"purpose": str(FundPurpose(purpose).label).lower()},
            code="basis_not_allowed_by_fund",
            field="legal_basis",
        )
    if purpose and fund.currency != "EUR":
        raise SolidarityError(
            _(
                "The Oudin-Santini ceiling is counted from budgets in euros: such a pledge goes "
                "to a fund in euros."
            ),
            code="oudin_needs_euros",
            field="legal_basis",
        )
    with transaction.atomic(), acting_as(actor):
        if purpose:
            _check_oudin(member, legal_basis, year, amount, None)
        pledge = Pledge.objects.create(
            fund=fund,
            member=member,
            amount=amount,
            legal_basis=legal_basis,
            budget_year=year,
            pledged_on=pledged_on,
            is_private=is_private,
            notes=notes[:300],
            created_by=actor,
        )
        touch_fund(fund.pk)
    return pledge


def check_update_pledge(
    pledge: Pledge,
    *,
    actor: Any,
    amount: Decimal | None = None,
    is_private: bool | None = None,
    notes: str | None = None,
) -> Pledge:
    """Change the amount (never below what was paid), the privacy or the notes."""
    if amount is not None:
        check_amount(amount, "amount", positive=True)
    try:
        with transaction.atomic(), acting_as(actor):
            locked = Pledge.objects.select_for_update().select_related("fund").get(pk=pledge.pk)
            if locked.cancelled_at is not None:
                raise SolidarityError(_("This pledge was cancelled."), code="pledge_cancelled")
            if amount is not None and amount != locked.amount:
                if amount < locked.paid_total:
                    raise _below_paid(locked)
                if locked.is_oudin and amount > locked.amount:
                    _check_oudin(
                        locked.member, locked.legal_basis, locked.budget_year, amount, locked.pk
                    )
                locked.amount = amount
            if is_private is not None:
                locked.is_private = is_private
            if notes is not None:
                locked.notes = notes[:300]
            locked.save()
            touch_fund(locked.fund_id)
    except IntegrityError as exc:
        raise _below_paid(pledge) from exc
    return locked


def _below_paid(pledge: Pledge) -> SolidarityError:
    return SolidarityError(
        _("The pledge cannot be less than what was paid (%(paid)s).")
        % {"paid": money(pledge.paid_total, pledge.fund.currency)},
        code="amount_below_paid",
        field="amount",
    )


def check_record_decision(
    pledge: Pledge,
    *,
    actor: Any,
    decided_on: date,
    reference: str,
    upload: UploadedFile | None = None,
    shared: bool = False,
) -> Pledge:
    """The council decision (délibération) that commits the member: date, reference and,
    if given, the document; a new document replaces the previous one."""
    not_in_future(decided_on, "decided_on")
    if not reference.strip():
        raise SolidarityError(
            _("Give the decision's reference."), code="reference_missing", field="reference"
        )
    content_type = check_upload(upload, DECISION_TYPES) if upload is not None else None
    with transaction.atomic(), acting_as(actor):
        locked = Pledge.objects.select_for_update().get(pk=pledge.pk)
        if locked.cancelled_at is not None:
            raise SolidarityError(_("This pledge was cancelled."), code="pledge_cancelled")
        locked.decided_on = decided_on
        locked.decision_reference = reference.strip()[:100]
        locked.decision_shared = shared
        previous = locked.decision_file.name if upload is not None else ""
        storage = locked.decision_file.storage
        if upload is not None:
            locked.decision_file.save(upload.name or "decision", upload, save=False)
            locked.decision_content_type = content_type or ""
            stored = locked.decision_file.name or ""
            if previous:
                transaction.on_commit(lambda: storage.delete(previous))
        try:
            locked.save()
        except Exception:
            # No row, no file: a failed save leaves no orphan behind.
            if upload is not None:
                storage.delete(stored)
            raise
        touch_fund(locked.fund_id)
    return locked


def check_cancel_pledge(pledge: Pledge, *, actor: Any, reason: str = "") -> Pledge:
    with transaction.atomic(), acting_as(actor):
        locked = Pledge.objects.select_for_update().get(pk=pledge.pk)
        if locked.cancelled_at is not None:
            raise SolidarityError(_("This pledge was cancelled."), code="pledge_cancelled")
        if locked.paid_total > 0:
            raise SolidarityError(
                _("Payments were recorded: remove them or lower the pledge to what was paid."),
                code="pledge_has_payments",
            )
        locked.cancelled_at = timezone.now()
        locked.cancel_reason = reason.strip()[:300]
        locked.save()
        touch_fund(locked.fund_id)
    return locked


# --------------------------------------------------------------------------- payments


def _refused_above_pledge(pledge: Pledge) -> SolidarityError:
    return SolidarityError(
        _("This would pay more than was pledged: %(left)s is left to pay.")
        % {"left": money(pledge.amount - pledge.paid_total, pledge.fund.currency)},
        code="payment_above_pledge",
        field="amount",
    )


def check_add_payment(
    pledge: Pledge,
    *,
    actor: Any,
    paid_on: date,
    amount: Decimal,
    channel: str,
    reference: str = "",
) -> Payment:
    """One payment of the pledge; refused once the council decision is missing or when
    the payments would pass the pledge, even with several people recording at once."""
    check_amount(amount, "amount", positive=True)
    if channel not in PaymentChannel.values:
        raise SolidarityError(_("Choose the channel."), code="unknown_channel", field="channel")
    not_in_future(paid_on, "paid_on")
    try:
        with transaction.atomic(), acting_as(actor):
            # Lock the pledge first: the total read next then sees every committed payment.
            locked = Pledge.objects.select_for_update().get(pk=pledge.pk)
            if locked.cancelled_at is not None:
                raise SolidarityError(_("This pledge was cancelled."), code="pledge_cancelled")
            if locked.decided_on is None:
                raise SolidarityError(
                    _("Record the council decision before the first payment."),
                    code="decision_required",
                )
            if paid_on < locked.decided_on:
                raise SolidarityError(
                    _("A payment cannot come before the council decision."),
                    code="paid_before_decision",
                    field="paid_on",
                )
            if locked.paid_total + amount > locked.amount:
                raise _refused_above_pledge(locked)
            payment = Payment.objects.create(
                pledge=locked,
                paid_on=paid_on,
                amount=amount,
                channel=channel,
                reference=reference.strip()[:100],
                created_by=actor,
            )
            _recount(locked)
            touch_fund(locked.fund_id)
    except IntegrityError as exc:
        raise _refused_above_pledge(pledge) from exc
    return payment


def _recount(pledge: Pledge) -> None:
    total = pledge.payments.aggregate(total=Sum("amount"))["total"] or Decimal("0")
    Pledge.objects.filter(pk=pledge.pk).update(paid_total=total, updated_at=timezone.now())
    pledge.paid_total = total


def do_remove_payment(payment: Payment, *, actor: Any) -> None:
    with transaction.atomic(), acting_as(actor):
        locked = Pledge.objects.select_for_update().get(pk=payment.pledge_id)
        payment.delete()
        _recount(locked)
        touch_fund(locked.fund_id)
