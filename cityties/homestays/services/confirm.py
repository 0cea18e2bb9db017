"""Confirming the assignment: every placement is checked once more against every rule,
the plan is frozen, and each family and guest gets one mail in their language with the
other's details and dates (the notice records make it once, whatever happens next); then,
after the retention period, the personal data is erased."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as
from cityties.solvers import homestays as engine

from ..models import Family, FamilyStatus, Guest, Notice, NoticeKind, Placement, Plan
from .assignment import _busy, engine_input, load
from .errors import HomestayError
from .plans import ensure_open, purge_due_on

ERASED = "[erased]"


def check_confirm_plan(plan: Plan, *, actor: Any, notify: bool = True) -> Plan:
    ensure_open(plan)
    if _busy(plan):
        raise HomestayError(_("Wait for the running assignment to finish."), code="run_in_progress")
    with transaction.atomic():
        Plan.objects.select_for_update().get(pk=plan.pk)
        ensure_open(plan)
        return do_confirm_plan(plan, actor=actor, notify=notify)


def do_confirm_plan(plan: Plan, *, actor: Any, notify: bool = True) -> Plan:
    """Check every placement once more, freeze the plan, record and queue the mails."""
    with transaction.atomic(), acting_as(actor):
        plan = Plan.objects.select_for_update().select_related("delegation__event").get(pk=plan.pk)
        rows = load(plan)
        if not rows.placements:
            raise HomestayError(_("No guest is placed yet."), code="nothing_placed")
        if any(p.family.status != FamilyStatus.CONFIRMED for p in rows.placements):
            raise HomestayError(
                _("A guest is placed with a family that is not confirmed."),
                code="family_not_confirmed",
            )
        host_of = {f"g{p.guest_id}": f"f{p.family_id}" for p in rows.placements}
        if engine.breaches(engine_input(rows), host_of):
            raise HomestayError(
                _("The assignment breaks a rule: run it again or move the guest."),
                code="assignment_breaks_a_rule",
            )
        plan.confirmed_at = timezone.now()
        plan.confirmed_by = actor if getattr(actor, "is_authenticated", False) else None
        plan.save(update_fields=["confirmed_at", "confirmed_by"])
        notices: list[Notice] = []
        for placement in rows.placements:
            email = placement.guest.delegate.person.email
            if email:
                notices.append(
                    Notice.objects.create(
                        plan=plan,
                        kind=NoticeKind.GUEST,
                        recipient_id=placement.guest_id,
                        email=email,
                    )
                )
        families = {p.family_id: p.family for p in rows.placements}
        for family_id, family in sorted(families.items()):
            notices.append(
                Notice.objects.create(
                    plan=plan, kind=NoticeKind.FAMILY, recipient_id=family_id, email=family.email
                )
            )
        if notify:
            for notice in notices:
                transaction.on_commit(partial(_send, notice.pk, notice.kind))
    return plan


def _send(notice_id: int, kind: str) -> None:
    from ..tasks import send_family_notice, send_guest_notice

    (send_guest_notice if kind == NoticeKind.GUEST else send_family_notice).enqueue(notice_id)


def confirmed_stay(guest: Guest) -> Placement | None:
    """The guest's placement once the plan is confirmed (before, nothing is shown)."""
    if not guest.plan.is_confirmed:
        return None
    return Placement.objects.filter(guest=guest).select_related("family").first()


def plans_to_purge(today: date) -> list[Plan]:
    plans = Plan.objects.filter(purged_at=None).select_related("delegation__event")
    return [plan for plan in plans if purge_due_on(plan) < today]


def do_purge_plan(plan: Plan) -> int:
    """Erase the families' contact data and the guests' needs; keep counts (beds, nights,
    how many were hosted). Returns the families erased."""
    now = timezone.now()
    with transaction.atomic():
        families = list(Family.objects.select_for_update().filter(plan=plan, erased_at=None))
        for family in families:
            family.household = ERASED
            family.contact_name = ERASED
            family.email = "erased@erased.invalid"
            family.phone = ""
            family.address = ERASED
            family.area = ERASED
            family.notes = ""
            family.visit_by = ERASED if family.visit_on else ""
            family.check_by = ERASED if family.check_on else ""
            family.erased_at = now
            family.save()
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Family),
            object_pk__in=[str(f.pk) for f in families],
        ).update(object_repr=ERASED)
        Guest.objects.filter(plan=plan).update(
            gender="", pet_allergy=False, non_smoking=False, max_minutes=None, languages=""
        )
        Notice.objects.filter(plan=plan).update(email="erased@erased.invalid")
        plan.links_sent.update(email="erased@erased.invalid")
        plan.purged_at = now
        plan.save(update_fields=["purged_at"])
    return len(families)
