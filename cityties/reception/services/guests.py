"""Named invitations within a quota, the cards mailed with their RSVP link, the guests'
answers and the reminders to those who have not answered.

The RSVP link is signed and names one invitation and its current `link_key`: a new guest
on the invitation gets a new key, so the link mailed to the previous one stops working;
it expires when the reception ends. What the link lets one do is answer for the guest
named on it, never change that name: a forwarded mail cannot give the seat away.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.accounts.guestlinks import GuestLinkError, make_token, read_token
from cityties.core.audit import acting_as

from ..models import Invitation, Language, Quota, Reception, Rsvp, new_code, new_link_key
from .errors import ReceptionError

RSVP_PURPOSE = "reception.rsvp"
# The signature's own limit; the reception's end is the real one.
LINK_MAX_AGE = timedelta(days=800)


class GuestFields(TypedDict, total=False):
    name: str
    organisation: str
    function: str
    email: str
    language: str


def clean_guest(fields: GuestFields) -> GuestFields:
    """The guest's fields trimmed and checked; a ReceptionError names the wrong one."""
    clean: GuestFields = {
        "name": " ".join((fields.get("name") or "").split()),
        "organisation": (fields.get("organisation") or "").strip(),
        "function": (fields.get("function") or "").strip(),
        "email": (fields.get("email") or "").strip().lower(),
        "language": fields.get("language") or Language.EN,
    }
    if not clean["name"]:
        raise ReceptionError(_("Give the guest's name."), code="name_required", field="name")
    for name in ("name", "organisation", "function"):
        if len(clean[name]) > 200:
            raise ReceptionError(
                _("Too long: at most 200 characters."), code="too_long", field=name
            )
    if clean["email"]:
        try:
            validate_email(clean["email"])
        except ValidationError as exc:
            raise ReceptionError(
                _("The e-mail address is not valid."), code="invalid_email", field="email"
            ) from exc
    if clean["language"] not in Language.values:
        raise ReceptionError(_("Unknown language."), code="invalid_language", field="language")
    return clean


def _open_for_names(reception: Reception) -> None:
    if reception.is_over:
        raise ReceptionError(_("This reception is over."), code="reception_over")


def _already_invited() -> ReceptionError:
    return ReceptionError(
        _("A guest with this e-mail address is already invited to this reception."),
        code="already_invited",
        field="email",
    )


def do_add_guests(quota: Quota, guests: Iterable[GuestFields], *, actor: Any) -> list[Invitation]:
    """Name clean guests on a quota in one go; refused whole when they would pass it.

    Called inside the caller's transaction by the import; on its own otherwise."""
    guests = list(guests)
    try:
        with transaction.atomic(), acting_as(actor):
            locked = Quota.objects.select_for_update().get(pk=quota.pk)
            if locked.named + len(guests) > locked.size:
                raise ReceptionError(
                    _("The quota is full: %(named)s of %(size)s invitations named.")
                    % {"named": locked.named, "size": locked.size},
                    code="quota_full",
                )
            creator = actor if getattr(actor, "is_authenticated", False) else None
            made = []
            for fields in guests:
                invitation = Invitation(
                    reception_id=locked.reception_id, quota=locked, created_by=creator, **fields
                )
                invitation.set_name_key()
                invitation.save()
                made.append(invitation)
            Quota.objects.filter(pk=locked.pk).update(named=F("named") + len(made))
    except IntegrityError as exc:
        raise _already_invited() from exc
    return made


def check_add_guest(quota: Quota, *, actor: Any, fields: GuestFields) -> Invitation:
    _open_for_names(quota.reception)
    (invitation,) = do_add_guests(quota, [clean_guest(fields)], actor=actor)
    return invitation


def check_update_guest(invitation: Invitation, *, actor: Any, fields: GuestFields) -> Invitation:
    """Change a guest's details; another person on the invitation gets a new card and a
    new link, and the old ones stop working."""
    _open_for_names(invitation.reception)
    current: GuestFields = {
        "name": invitation.name,
        "organisation": invitation.organisation,
        "function": invitation.function,
        "email": invitation.email,
        "language": invitation.language,
    }
    clean = clean_guest({**current, **fields})
    try:
        with transaction.atomic(), acting_as(actor):
            locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
            another = clean["name"] != locked.name or clean["email"] != locked.email
            for name, value in clean.items():
                setattr(locked, name, value)
            if another:
                locked.code, locked.link_key = new_code(), new_link_key()
                locked.sent_at = None
                locked.rsvp, locked.plus_ones, locked.rsvp_at = Rsvp.PENDING, 0, None
            locked.set_name_key()
            locked.save()
    except IntegrityError as exc:
        raise _already_invited() from exc
    return locked


def check_remove_guest(invitation: Invitation, *, actor: Any) -> None:
    """Take a guest off the quota, freeing the place; not once they came in."""
    with transaction.atomic(), acting_as(actor):
        Quota.objects.select_for_update().get(pk=invitation.quota_id)  # one removal at a time
        if hasattr(invitation, "check_in") and invitation.check_in is not None:
            raise ReceptionError(
                _("This guest has come in: undo the check-in first."), code="guest_checked_in"
            )
        # The post_delete signal frees the place on the quota.
        Invitation.objects.filter(pk=invitation.pk).delete()


# --- Cards and links ------------------------------------------------------------------


def rsvp_token(invitation: Invitation) -> str:
    return make_token(RSVP_PURPOSE, invitation.pk, k=invitation.link_key)


def read_rsvp_token(token: str, now: datetime | None = None) -> Invitation:
    """The invitation a link was made for; a GuestLinkError when forged, replaced,
    erased or after the reception."""
    claim = read_token(token, RSVP_PURPOSE, max_age=LINK_MAX_AGE)
    invitation = (
        Invitation.objects.select_related(
            "reception__session__delegation__event", "quota__participant__organisation"
        )
        .filter(pk=claim.object_id, erased_at=None)
        .first()
    )
    if invitation is None or invitation.link_key != claim.extra.get("k"):
        raise GuestLinkError(
            _("This invitation link is no longer valid: ask the person who invited you."),
            code="guest_link_invalid",
        )
    if (now or timezone.now()) > invitation.reception.session.ends_at:
        raise GuestLinkError(_("This reception is over."), code="guest_link_expired")
    return invitation


def check_send_cards(
    invitations: Iterable[Invitation],
    *,
    actor: Any,
    resend: bool = False,
    enqueue: Callable[[int], None] | None = None,
) -> int:
    """Mail each guest with an address its card and RSVP link, once (unless `resend`);
    return the number of mails queued."""
    from ..tasks import send_card

    ids = [i.pk for i in invitations if i.email and i.erased_at is None]
    queue = enqueue or (lambda pk: send_card.enqueue(pk))
    with transaction.atomic(), acting_as(actor):
        rows = Invitation.objects.select_for_update(of=("self",)).filter(
            pk__in=ids, reception__session__ends_at__gt=timezone.now()
        )
        if not resend:
            rows = rows.filter(sent_at=None)
        chosen = list(rows.values_list("pk", flat=True))
        Invitation.objects.filter(pk__in=chosen).update(sent_at=timezone.now())
        for pk in chosen:
            transaction.on_commit(lambda pk=pk: queue(pk))  # type: ignore[misc]
    return len(chosen)


# --- Answers ---------------------------------------------------------------------------


def check_answer(
    invitation: Invitation,
    *,
    actor: Any,
    attending: bool,
    plus_ones: int = 0,
    now: datetime | None = None,
) -> Invitation:
    """The guest's answer (through the link, or taken by phone by the lead or the
    exhibitor); it may change until the reception starts."""
    reception = invitation.reception
    if (now or timezone.now()) >= reception.session.starts_at:
        raise ReceptionError(
            _("The reception has begun: answers are closed."), code="answers_closed"
        )
    if invitation.erased_at is not None:
        raise ReceptionError(_("This invitation no longer exists."), code="erased")
    if not attending:
        plus_ones = 0
    if not (0 <= plus_ones <= reception.plus_ones_allowed):
        raise ReceptionError(
            _("At most %(n)s plus-ones for this reception.") % {"n": reception.plus_ones_allowed},
            code="too_many_plus_ones",
            field="plus_ones",
        )
    with transaction.atomic(), acting_as(actor):
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        locked.rsvp = Rsvp.YES if attending else Rsvp.NO
        locked.plus_ones = plus_ones
        locked.rsvp_at = now or timezone.now()
        locked.save(update_fields=["rsvp", "plus_ones", "rsvp_at", "updated_at"])
    return locked


def due_reminders(now: datetime) -> list[int]:
    """Invitations mailed and not answered, whose reception's reminder time has come."""
    return list(
        Invitation.objects.filter(
            rsvp=Rsvp.PENDING,
            erased_at=None,
            reminded_at=None,
            sent_at__isnull=False,
            sent_at__lt=F("reception__remind_at"),
            reception__remind_at__lte=now,
            reception__session__starts_at__gt=now,
        )
        .exclude(email="")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
