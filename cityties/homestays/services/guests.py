"""Guests: the delegates who need a homestay, with what the assignment must respect.
Defaults come from the directory and the event (nights around it, the person's languages
and civility, a priority by role: an elected official first)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, TypedDict

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as
from cityties.delegations.models import Delegate, DelegateRole

from ..models import Gender, Guest, Plan
from .errors import HomestayError
from .families import clean_languages
from .plans import ensure_open

#: Default priority of a guest by the delegate's role: elected officials first.
ROLE_PRIORITY: dict[str, int] = {
    DelegateRole.ELECTED: 3,
    DelegateRole.SPEAKER: 2,
    DelegateRole.STAFF: 1,
    DelegateRole.COMPANY: 1,
}
MAX_PRIORITY = 9


class GuestFields(TypedDict):
    arrive: date
    leave: date
    gender: str
    languages: str
    pet_allergy: bool
    non_smoking: bool
    max_minutes: int | None
    colleague: Guest | None
    priority: int


def defaults_for(plan: Plan, delegate: Delegate) -> GuestFields:
    event = plan.delegation.event
    start, end = _local(event.starts_at, event.time_zone), _local(event.ends_at, event.time_zone)
    person = delegate.person
    gender = {"ms": Gender.FEMALE, "mr": Gender.MALE}.get(person.civility, "")
    return GuestFields(
        arrive=start - timedelta(days=1),
        leave=end + timedelta(days=1),
        gender=gender,
        languages=clean_languages(person.languages) or "fr",
        pet_allergy=False,
        non_smoking=True,
        max_minutes=None,
        colleague=None,
        priority=ROLE_PRIORITY.get(delegate.role, 1),
    )


def _local(moment: Any, zone_name: str) -> date:
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo(zone_name)).date()


def _check_fields(plan: Plan, fields: GuestFields, guest: Guest | None = None) -> GuestFields:
    cleaned = dict(fields)
    if fields["leave"] <= fields["arrive"]:
        raise HomestayError(
            _("The departure must come after the arrival."),
            code="dates_in_wrong_order",
            field="leave",
        )
    if (fields["leave"] - fields["arrive"]).days > 60:
        raise HomestayError(
            _("A homestay lasts 60 nights at most."), code="stay_too_long", field="leave"
        )
    if fields["gender"] not in ("", *Gender.values):
        raise HomestayError(_("Unknown gender."), code="invalid_gender", field="gender")
    cleaned["languages"] = clean_languages(fields["languages"])
    if not cleaned["languages"]:
        raise HomestayError(_("Give at least one language."), code="required", field="languages")
    if not 0 <= fields["priority"] <= MAX_PRIORITY:
        raise HomestayError(
            _("The priority goes from 0 to %(most)s.") % {"most": MAX_PRIORITY},
            code="invalid_priority",
            field="priority",
        )
    colleague = fields["colleague"]
    if colleague is not None:
        if colleague.plan_id != plan.pk:
            raise HomestayError(
                _("The colleague must be a guest of this delegation."),
                code="colleague_elsewhere",
                field="colleague",
            )
        if guest is not None and colleague.pk == guest.pk:
            raise HomestayError(
                _("A guest cannot stay with themselves."), code="colleague_self", field="colleague"
            )
    return GuestFields(**cleaned)  # type: ignore[typeddict-item]


def check_add_guest(
    plan: Plan, *, actor: Any, delegate: Delegate, fields: GuestFields | None = None
) -> Guest:
    ensure_open(plan)
    if delegate.participant.delegation_id != plan.delegation_id:
        raise HomestayError(
            _("This delegate belongs to another delegation."), code="delegate_elsewhere"
        )
    return do_add_guest(
        plan,
        actor=actor,
        delegate=delegate,
        fields=_check_fields(plan, fields or defaults_for(plan, delegate)),
    )


def do_add_guest(plan: Plan, *, actor: Any, delegate: Delegate, fields: GuestFields) -> Guest:
    try:
        with transaction.atomic(), acting_as(actor):
            return Guest.objects.create(plan=plan, delegate=delegate, **fields)
    except IntegrityError as exc:
        raise HomestayError(
            _("This delegate already needs a homestay."), code="already_a_guest"
        ) from exc


def check_update_guest(guest: Guest, *, actor: Any, fields: GuestFields) -> Guest:
    ensure_open(guest.plan)
    return do_update_guest(guest, actor=actor, fields=_check_fields(guest.plan, fields, guest))


def do_update_guest(guest: Guest, *, actor: Any, fields: GuestFields) -> Guest:
    with transaction.atomic(), acting_as(actor):
        current = Guest.objects.select_for_update().get(pk=guest.pk)
        for key, value in fields.items():
            setattr(current, key, value)
        current.save()
    guest.refresh_from_db()
    return guest


def check_remove_guest(guest: Guest, *, actor: Any) -> None:
    ensure_open(guest.plan)
    with transaction.atomic(), acting_as(actor):
        guest.delete()
