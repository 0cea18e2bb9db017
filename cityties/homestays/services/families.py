"""Host families: registered through the signed link (no account), edited by the
delegation's staff, their safeguarding record, and their confirmation, which needs both
checks done."""

from __future__ import annotations

from datetime import date
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as
from cityties.network.models import Organisation

from ..models import LANGUAGE_CHOICES, MAX_BEDS, Family, FamilyStatus, Plan
from .errors import HomestayError
from .plans import ensure_open


class FamilyFields(TypedDict):
    household: str
    contact_name: str
    email: str
    phone: str
    language: str
    address: str
    area: str
    beds: int
    available_from: date
    available_to: date
    languages: str
    pets: bool
    smoking: bool
    takes_women: bool
    takes_men: bool
    same_gender_only: bool
    minutes_to_venue: int | None
    notes: str


def clean_languages(text: str) -> str:
    """ "FR, en ; es" -> "fr,en,es" (ISO codes, each once)."""
    codes = [part.strip().lower() for part in text.replace(";", ",").split(",")]
    return ",".join(dict.fromkeys(code for code in codes if code))


def _check_fields(fields: FamilyFields) -> FamilyFields:
    cleaned = dict(fields)
    for key in ("household", "contact_name", "address", "area"):
        cleaned[key] = str(fields[key]).strip()
        if not cleaned[key]:
            raise HomestayError(_("This field is required."), code="required", field=key)
    try:
        validate_email(fields["email"])
    except ValidationError as exc:
        raise HomestayError(
            _("The e-mail address is not valid."), code="invalid_email", field="email"
        ) from exc
    if fields["language"] not in dict(LANGUAGE_CHOICES):
        raise HomestayError(_("Unknown language."), code="invalid_language", field="language")
    if not 1 <= fields["beds"] <= MAX_BEDS:
        raise HomestayError(
            _("Offer between 1 and %(most)s beds.") % {"most": MAX_BEDS},
            code="invalid_beds",
            field="beds",
        )
    if fields["available_to"] <= fields["available_from"]:
        raise HomestayError(
            _("The last day must come after the first night."),
            code="dates_in_wrong_order",
            field="available_to",
        )
    cleaned["languages"] = clean_languages(fields["languages"])
    if not cleaned["languages"]:
        raise HomestayError(
            _("Give at least one language spoken at home."), code="required", field="languages"
        )
    if not (fields["takes_women"] or fields["takes_men"]):
        raise HomestayError(_("Take women, men or both."), code="no_gender", field="takes_women")
    return FamilyFields(**cleaned)  # type: ignore[typeddict-item]


def check_register_family(plan: Plan, *, via: Organisation | None, fields: FamilyFields) -> Family:
    """A family registers itself through the link: no account, the link was the proof."""
    ensure_open(plan)
    return do_register_family(plan, via=via, fields=_check_fields(fields))


def do_register_family(plan: Plan, *, via: Organisation | None, fields: FamilyFields) -> Family:
    with transaction.atomic():
        return Family.objects.create(plan=plan, via=via, **fields)


def check_update_family(family: Family, *, actor: Any, fields: FamilyFields) -> Family:
    ensure_open(family.plan)
    fields = _check_fields(fields)
    with transaction.atomic(), acting_as(actor):
        current = Family.objects.select_for_update().get(pk=family.pk)
        for key, value in fields.items():
            setattr(current, key, value)
        current.save()
    family.refresh_from_db()
    return family


def check_record_safeguarding(
    family: Family,
    *,
    actor: Any,
    visit_on: date | None,
    visit_by: str,
    check_on: date | None,
    check_by: str,
) -> Family:
    """Record the home visit and the background check (each: when and by whom)."""
    ensure_open(family.plan)
    today = timezone.localdate()
    for day, who, field in ((visit_on, visit_by, "visit_by"), (check_on, check_by, "check_by")):
        if day is not None and not who.strip():
            raise HomestayError(_("Say who did it."), code="author_required", field=field)
        if day is not None and day > today:
            raise HomestayError(
                _("A check cannot be done in the future."),
                code="future_check",
                field=field.replace("_by", "_on"),
            )
    if family.status == FamilyStatus.CONFIRMED and (visit_on is None or check_on is None):
        raise HomestayError(
            _("A confirmed family keeps both checks; withdraw it first."),
            code="confirmed_family",
        )
    return do_record_safeguarding(
        family,
        actor=actor,
        visit_on=visit_on,
        visit_by=visit_by,
        check_on=check_on,
        check_by=check_by,
    )


def do_record_safeguarding(
    family: Family,
    *,
    actor: Any,
    visit_on: date | None,
    visit_by: str,
    check_on: date | None,
    check_by: str,
) -> Family:
    with transaction.atomic(), acting_as(actor):
        current = Family.objects.select_for_update().get(pk=family.pk)
        current.visit_on, current.visit_by = visit_on, visit_by.strip() if visit_on else ""
        current.check_on, current.check_by = check_on, check_by.strip() if check_on else ""
        current.safeguarding_recorded_by = (
            actor if getattr(actor, "is_authenticated", False) else None
        )
        current.save()
    family.refresh_from_db()
    return family


def check_confirm_family(family: Family, *, actor: Any) -> Family:
    """The family may host: only once the home visit and the background check are done."""
    ensure_open(family.plan)
    return do_confirm_family(family, actor=actor)


def do_confirm_family(family: Family, *, actor: Any) -> Family:
    with transaction.atomic(), acting_as(actor):
        current = Family.objects.select_for_update().get(pk=family.pk)
        if current.status == FamilyStatus.CONFIRMED:
            raise HomestayError(_("This family is already confirmed."), code="already_confirmed")
        if not current.safeguarding_done:
            raise HomestayError(
                _("Record the home visit and the background check before confirming."),
                code="safeguarding_incomplete",
            )
        current.status = FamilyStatus.CONFIRMED
        current.confirmed_at = timezone.now()
        current.save()
    family.refresh_from_db()
    return family


def check_withdraw_family(family: Family, *, actor: Any) -> Family:
    """The family no longer hosts: its guests lose their place (locks too)."""
    ensure_open(family.plan)
    with transaction.atomic(), acting_as(actor):
        current = Family.objects.select_for_update().get(pk=family.pk)
        if current.status == FamilyStatus.WITHDRAWN:
            raise HomestayError(_("This family has already withdrawn."), code="withdrawn")
        current.status = FamilyStatus.WITHDRAWN
        current.confirmed_at = None
        current.save()
        for placement in current.placements.all():
            placement.delete()
    family.refresh_from_db()
    return family
