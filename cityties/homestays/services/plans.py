"""The homestay plan of a delegation and its registration link: signed, naming the plan
and the partner it was given to, expiring; families register through it without an
account until the assignment is confirmed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.accounts.guestlinks import GuestLinkError, make_token, read_token
from cityties.core.audit import acting_as
from cityties.delegations.models import Delegation, DelegationStatus
from cityties.network.models import Organisation

from ..models import LANGUAGE_CHOICES, LinkSent, Plan
from .errors import HomestayError

REGISTER_PURPOSE = "homestays.register"
#: Links stay valid this long after they were made (families answer within weeks).
LINK_DAYS = 60


def plan_of(delegation: Delegation) -> Plan:
    plan, _created = Plan.objects.get_or_create(delegation=delegation)
    return plan


def ensure_open(plan: Plan) -> None:
    """Refuse a change once the plan is confirmed (read afresh: the caller's copy may be
    older than a confirmation)."""
    plan = Plan.objects.select_related("delegation").get(pk=plan.pk)
    if plan.is_confirmed:
        raise HomestayError(
            _("The assignment is confirmed: nothing more can change."), code="plan_confirmed"
        )
    if plan.delegation.status == DelegationStatus.CLOSED:
        raise HomestayError(_("This delegation is closed."), code="delegation_closed")


def registration_token(plan: Plan, via: Organisation | None) -> str:
    return make_token(REGISTER_PURPOSE, plan.pk, via=via.pk if via else 0)


def read_registration_token(token: str) -> tuple[Plan, Organisation | None]:
    """The plan and partner a link was made for; a GuestLinkError if forged, expired or
    no longer taking families."""
    claim = read_token(token, REGISTER_PURPOSE, max_age=timedelta(days=LINK_DAYS))
    plan = (
        Plan.objects.select_related("delegation__event", "delegation__lead")
        .filter(pk=claim.object_id)
        .first()
    )
    if plan is None:
        raise GuestLinkError(_("This link is not valid."), code="guest_link_invalid")
    if plan.is_confirmed or plan.delegation.status == DelegationStatus.CLOSED:
        raise GuestLinkError(
            _("The families have been chosen: this link no longer takes registrations."),
            code="guest_link_closed",
        )
    via_id = claim.extra.get("via", 0)
    via = Organisation.objects.filter(pk=via_id).first() if via_id else None
    return plan, via


def partners_of(delegation: Delegation) -> list[Organisation]:
    """Who may pass the link on: the delegation's supporting bodies (the twin city, a
    host), the partners of the lead and of the co-organisers (a region's foreign state)."""
    from cityties.network.models import Partnership

    ids = set(delegation.supporters.values_list("organisation_id", flat=True))
    own = {delegation.lead_id, *delegation.supporters.values_list("organisation_id", flat=True)}
    for partnership in Partnership.objects.filter(members__in=own).prefetch_related("members"):
        ids.update(member.pk for member in partnership.members.all())
    ids.discard(delegation.lead_id)
    return list(Organisation.objects.filter(pk__in=ids).order_by("name_key"))


def check_send_link(
    plan: Plan,
    *,
    actor: Any,
    email: str,
    language: str,
    via: Organisation | None,
    link_for: Callable[[str], str],
) -> LinkSent:
    """Mail the registration link to a partner's contact (or a family); returns the
    record. The mail goes once the transaction commits."""
    from ..tasks import send_registration_link

    ensure_open(plan)
    try:
        validate_email(email)
    except ValidationError as exc:
        raise HomestayError(_("The e-mail address is not valid."), code="invalid_email") from exc
    if language not in dict(LANGUAGE_CHOICES):
        raise HomestayError(_("Unknown language."), code="invalid_language")
    url = link_for(registration_token(plan, via))
    with transaction.atomic(), acting_as(actor):
        sent = LinkSent.objects.create(
            plan=plan,
            via=via,
            email=email.strip(),
            language=language,
            sent_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        transaction.on_commit(lambda: send_registration_link.enqueue(sent.pk, url))
    return sent


def retention_days() -> int:
    return int(getattr(settings, "HOMESTAY_RETENTION_DAYS", 90))


def purge_due_on(plan: Plan) -> Any:
    """The day after which the plan's personal data is erased: the retention period after
    the event ends, or after the confirmation when that came later (a plan confirmed
    late keeps its families' details for the stay and the thanks that follow)."""
    last = plan.delegation.event.ends_at
    if plan.confirmed_at is not None and plan.confirmed_at > last:
        last = plan.confirmed_at
    return timezone.localtime(last).date() + timedelta(days=retention_days())
