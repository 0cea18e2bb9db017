"""The call for participation: opened by the lead with a deadline; member officers propose
companies of their territory, or send them a signed link to apply themselves; the lead
accepts, declines with a reason, or wait-lists; each decision is mailed to the applicant
in their language."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.accounts.guestlinks import make_token, read_token
from cityties.accounts.permissions import is_network_staff, officer_org_ids
from cityties.core.audit import acting_as
from cityties.network.models import Organisation, OrganisationKind

from ..models import Application, ApplicationStatus, Call, Delegation, DelegationStatus
from .errors import DelegationError
from .participants import check_add_company

APPLY_PURPOSE = "delegations.apply"
LANGUAGES = ("fr", "en")


def check_open_call(
    delegation: Delegation,
    *,
    actor: Any,
    deadline: datetime,
    intro_fr: str = "",
    intro_en: str = "",
) -> Call:
    if delegation.status == DelegationStatus.CLOSED:
        raise DelegationError(_("This delegation is closed."), code="delegation_closed")
    if timezone.is_naive(deadline):
        raise DelegationError(_("Times must carry their time zone."), code="naive_time")
    if deadline <= timezone.now():
        raise DelegationError(_("The deadline must be in the future."), code="deadline_past")
    if Call.objects.filter(delegation=delegation).exists():
        raise DelegationError(
            _("This delegation already has a call for participation."), code="call_exists"
        )
    return do_open_call(
        delegation, actor=actor, deadline=deadline, intro_fr=intro_fr, intro_en=intro_en
    )


def do_open_call(
    delegation: Delegation,
    *,
    actor: Any,
    deadline: datetime,
    intro_fr: str = "",
    intro_en: str = "",
) -> Call:
    with transaction.atomic(), acting_as(actor):
        return Call.objects.create(
            delegation=delegation,
            deadline=deadline,
            intro_fr=intro_fr,
            intro_en=intro_en,
            opened_by=actor if getattr(actor, "is_authenticated", False) else None,
        )


def check_close_call(call: Call, *, actor: Any) -> Call:
    if call.closed_at is not None:
        raise DelegationError(_("The call is already closed."), code="call_closed")
    with transaction.atomic(), acting_as(actor):
        call.closed_at = timezone.now()
        call.save(update_fields=["closed_at"])
    return call


def _ensure_open(call: Call, now: datetime | None = None) -> None:
    if not call.is_open_at(now or timezone.now()):
        raise DelegationError(_("The call for participation is closed."), code="call_closed")


def _check_applicant(contact_name: str, contact_email: str, language: str) -> None:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    if not contact_name.strip():
        raise DelegationError(_("Give a contact name."), code="contact_required")
    try:
        validate_email(contact_email)
    except ValidationError as exc:
        raise DelegationError(_("The e-mail address is not valid."), code="invalid_email") from exc
    if language not in LANGUAGES:
        raise DelegationError(_("Unknown language."), code="invalid_language")


def _check_company(company: Organisation) -> Organisation:
    if company.kind != OrganisationKind.COMPANY or company.archived_at is not None:
        raise DelegationError(
            _("This organisation is not an active company."), code="not_a_company"
        )
    if company.sponsor is None:
        raise DelegationError(
            _("The company has no sponsoring member."), code="company_without_sponsor"
        )
    return company.sponsor


def check_propose_company(
    call: Call,
    *,
    actor: Any,
    company: Organisation,
    contact_name: str,
    contact_email: str,
    language: str = "fr",
    motivation: str = "",
    now: datetime | None = None,
) -> Application:
    """A member officer proposes a company of its territory (one it sponsors)."""
    _ensure_open(call, now)
    sponsor = _check_company(company)
    if not is_network_staff(actor) and sponsor.pk not in officer_org_ids(actor):
        raise DelegationError(
            _("You may only propose companies your organisation sponsors."),
            code="not_your_company",
        )
    _check_applicant(contact_name, contact_email, language)
    return _create_application(
        call,
        actor=actor,
        company=company,
        sponsor=sponsor,
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip(),
        language=language,
        motivation=motivation.strip(),
    )


def _create_application(call: Call, *, actor: Any, **values: Any) -> Application:
    try:
        with transaction.atomic(), acting_as(actor):
            return Application.objects.create(
                call=call,
                proposed_by=actor if getattr(actor, "is_authenticated", False) else None,
                **values,
            )
    except IntegrityError as exc:
        raise DelegationError(
            _("This company has already applied to this call."), code="already_applied"
        ) from exc


# --- Applying through a signed link ---------------------------------------------------


def application_token(call: Call, company: Organisation) -> str:
    return make_token(APPLY_PURPOSE, call.pk, company=company.pk)


def read_application_token(token: str) -> tuple[Call, Organisation]:
    """The call and company a link was made for; a GuestLinkError if forged or expired."""
    claim = read_token(token, APPLY_PURPOSE)
    call = (
        Call.objects.select_related("delegation__event", "delegation__lead")
        .filter(pk=claim.object_id)
        .first()
    )
    company = (
        Organisation.objects.select_related("sponsor")
        .filter(pk=claim.extra.get("company", 0), kind=OrganisationKind.COMPANY)
        .first()
    )
    if call is None or company is None:
        from cityties.accounts.guestlinks import GuestLinkError

        raise GuestLinkError(_("This link is not valid."), code="guest_link_invalid")
    return call, company


def check_send_application_link(
    call: Call,
    *,
    actor: Any,
    company: Organisation,
    email: str,
    language: str,
    link_for: Callable[[str], str],
) -> str:
    """Mail the company a link to apply by itself; return the link."""
    from ..tasks import send_application_link

    _ensure_open(call)
    sponsor = _check_company(company)
    if not is_network_staff(actor) and sponsor.pk not in officer_org_ids(actor):
        raise DelegationError(
            _("You may only invite companies your organisation sponsors."),
            code="not_your_company",
        )
    _check_applicant("-", email, language)
    url = link_for(application_token(call, company))
    transaction.on_commit(
        lambda: send_application_link.enqueue(call.pk, company.pk, email, language, url)
    )
    return url


def check_apply_by_link(
    call: Call,
    company: Organisation,
    *,
    contact_name: str,
    contact_email: str,
    language: str,
    motivation: str = "",
    now: datetime | None = None,
) -> Application:
    """The company applies itself; no account, the signed link was the proof."""
    _ensure_open(call, now)
    sponsor = _check_company(company)
    _check_applicant(contact_name, contact_email, language)
    return _create_application(
        call,
        actor=None,
        company=company,
        sponsor=sponsor,
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip(),
        language=language,
        motivation=motivation.strip(),
    )


# --- Review --------------------------------------------------------------------------

DECISIONS = (ApplicationStatus.ACCEPTED, ApplicationStatus.DECLINED, ApplicationStatus.WAITLISTED)


def check_decide(
    application: Application,
    *,
    actor: Any,
    decision: str,
    reason: str = "",
    notify: bool = True,
) -> Application:
    """Accept (the company joins the delegation with its sponsor), decline with a reason,
    or wait-list; the applicant is told by mail, in their language."""
    from ..tasks import send_application_decision

    if decision not in DECISIONS:
        raise DelegationError(_("Unknown decision."), code="invalid_decision")
    reason = reason.strip()
    if decision == ApplicationStatus.DECLINED and not reason:
        raise DelegationError(_("Give the reason for declining."), code="reason_required")
    with transaction.atomic(), acting_as(actor):
        current = Application.objects.select_for_update().get(pk=application.pk)
        if current.status == ApplicationStatus.ACCEPTED:
            raise DelegationError(
                _("This application is already accepted."), code="already_accepted"
            )
        if current.status == decision:
            raise DelegationError(_("This decision is already recorded."), code="same_decision")
        current.status = decision
        current.decision_reason = reason
        current.decided_by = actor if getattr(actor, "is_authenticated", False) else None
        current.decided_at = timezone.now()
        current.save()
        if decision == ApplicationStatus.ACCEPTED:
            check_add_company(
                application.call.delegation,
                actor=actor,
                company=current.company,
                sponsor=current.sponsor,
            )
        if notify:
            transaction.on_commit(lambda: send_application_decision.enqueue(current.pk))
    application.refresh_from_db()
    return application


def call_counts(call: Call) -> dict[str, int]:
    rows = call.applications.order_by().values("status").annotate(n=Count("id"))
    counts = dict.fromkeys(ApplicationStatus.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    counts["total"] = sum(counts[status] for status in ApplicationStatus.values)
    return counts
