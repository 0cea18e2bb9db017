"""Families and guests set up through the services (tests, the permission matrix)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from cityties.delegations.models import Delegate, Delegation

from .. import services as svc
from ..models import Family, Guest, Plan

FIRST_NIGHT = date(2016, 11, 15)


def family_fields(**values: Any) -> svc.FamilyFields:
    fields: dict[str, Any] = {
        "household": "The Miller family",
        "contact_name": "Ann Miller",
        "email": "ann.miller@example.com",
        "phone": "+1 412 555 0101",
        "language": "en",
        "address": "12 Walnut Street, Pittsburgh PA 15232",
        "area": "Shadyside",
        "beds": 2,
        "available_from": FIRST_NIGHT - timedelta(days=1),
        "available_to": FIRST_NIGHT + timedelta(days=6),
        "languages": "en,fr",
        "pets": False,
        "smoking": False,
        "takes_women": True,
        "takes_men": True,
        "same_gender_only": False,
        "minutes_to_venue": 20,
        "notes": "",
    }
    fields.update(values)
    return svc.FamilyFields(**fields)  # type: ignore[typeddict-item]


def vetted_family(plan: Plan, *, actor: Any, **values: Any) -> Family:
    """A family registered, its two checks done, and confirmed."""
    family = svc.check_register_family(plan, via=None, fields=family_fields(**values))
    today = timezone.localdate()
    svc.check_record_safeguarding(
        family,
        actor=actor,
        visit_on=today,
        visit_by="Claire Vautier",
        check_on=today,
        check_by="Allegheny County",
    )
    return svc.check_confirm_family(family, actor=actor)


def guest_for(plan: Plan, delegate: Delegate, *, actor: Any, **values: Any) -> Guest:
    fields: dict[str, Any] = dict(svc.defaults_for(plan, delegate))
    fields.update({"arrive": FIRST_NIGHT, "leave": FIRST_NIGHT + timedelta(days=4), **values})
    return svc.check_add_guest(
        plan,
        actor=actor,
        delegate=delegate,
        fields=svc.GuestFields(**fields),  # type: ignore[typeddict-item]
    )


def make_homestays(delegation: Delegation, *, actor: Any) -> dict[str, Any]:
    """A plan with one confirmed family, one waiting for its checks, and every delegate as
    a guest, assigned (the engine run inline)."""
    plan = svc.plan_of(delegation)
    family = vetted_family(plan, actor=actor)
    waiting = svc.check_register_family(
        plan,
        via=None,
        fields=family_fields(household="The Novak family", email="novak@example.com"),
    )
    guests = [
        guest_for(plan, delegate, actor=actor)
        for delegate in Delegate.objects.filter(participant__delegation=delegation).order_by("pk")
    ]
    run = svc.check_start_run(plan, actor=actor)
    svc.do_run(run.pk, seconds=5)
    return {
        "plan": plan.pk,
        "family": family.pk,
        "waiting": waiting.pk,
        "guest": guests[0].pk,
        "run": run.pk,
        "token": svc.registration_token(plan, None),
    }
