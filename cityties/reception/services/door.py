"""The door: find a guest by the QR code of their card or by name, check them in with
their plus-ones, undo a mistake; the head count.

Several doors at once never count a guest twice: the check-in is one row per invitation
(a unique constraint), and the head count is a counter moved in the same transaction, under
a check constraint that keeps it within the venue's capacity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from auditlog.context import disable_auditlog
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as
from cityties.core.text import fold

from ..models import CheckIn, Invitation, Reception, Rsvp
from .errors import ReceptionError

# What a card's QR code holds: a prefix, then the invitation's code.
QR_PREFIX = "CITYTIES-R:"
_CODE = re.compile(r"^[A-Za-z0-9_-]{8,32}$")
SEARCH_LIMIT = 20


class DoorRefusal(ReceptionError):
    """A scan or check-in the door must refuse, saying why (`code`)."""

    status = 409


def qr_payload(invitation: Invitation) -> str:
    return QR_PREFIX + invitation.code


def code_from_scan(text: str) -> str:
    text = (text or "").strip()
    if text.upper().startswith(QR_PREFIX):
        text = text[len(QR_PREFIX) :]
    return text


@dataclass(frozen=True)
class HeadCount:
    present: int
    capacity: int
    guests_in: int
    expected: int  # guests who said yes, with their plus-ones

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.present / self.capacity)) if self.capacity else 0


def head_count(reception: Reception) -> HeadCount:
    from django.db.models import Count, Q, Sum

    present = Reception.objects.filter(pk=reception.pk).values_list("present", flat=True).first()
    figures = Invitation.objects.filter(reception=reception, erased_at=None).aggregate(
        yes=Count("pk", filter=Q(rsvp=Rsvp.YES)),
        plus=Sum("plus_ones", filter=Q(rsvp=Rsvp.YES)),
    )
    return HeadCount(
        present=present or 0,
        capacity=reception.capacity,
        guests_in=CheckIn.objects.filter(reception=reception).count(),
        expected=(figures["yes"] or 0) + (figures["plus"] or 0),
    )


def _guest_queryset() -> QuerySet[Invitation]:
    return Invitation.objects.select_related(
        "quota__participant__organisation", "reception__session", "check_in"
    )


def find_by_code(reception: Reception, scanned: str) -> Invitation:
    """The invitation of a scanned card, or a refusal saying why it cannot come in."""
    code = code_from_scan(scanned)
    invitation = (
        _guest_queryset().filter(code=code, erased_at=None).first() if _CODE.match(code) else None
    )
    if invitation is None:
        raise DoorRefusal(_("Unknown card: no invitation has this code."), code="unknown")
    if invitation.reception_id != reception.pk:
        raise DoorRefusal(
            _("This card is for another reception: %(other)s.")
            % {"other": invitation.reception.session.title},
            code="other_reception",
        )
    return invitation


def refusal_for(invitation: Invitation) -> DoorRefusal | None:
    """Why an invitation of this reception cannot be checked in now, if it cannot."""
    check_in = getattr(invitation, "check_in", None)
    if check_in is not None:
        return DoorRefusal(
            _("Already in: checked in at %(time)s%(door)s.")
            % {
                "time": timezone.localtime(check_in.at, _zone(invitation)).strftime("%H:%M"),
                "door": f" ({check_in.door})" if check_in.door else "",
            },
            code="already_in",
        )
    if invitation.rsvp == Rsvp.NO:
        return DoorRefusal(_("This guest declined the invitation."), code="declined")
    return None


def _zone(invitation: Invitation) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(invitation.reception.session.delegation.event.time_zone)


def search_guests(reception: Reception, query: str) -> list[Invitation]:
    """Guests whose name or organisation holds every word of the query, accents and case
    aside ("jose" finds "José Martínez")."""
    words = fold(query).split()
    if not words:
        return []
    qs = _guest_queryset().filter(reception=reception, erased_at=None)
    for word in words[:5]:
        qs = qs.filter(name_key__contains=word)
    return list(qs.order_by("name_key", "pk")[:SEARCH_LIMIT])


def check_check_in(
    invitation: Invitation,
    *,
    actor: Any,
    reception: Reception,
    plus_ones: int | None = None,
    door: str = "",
    at: datetime | None = None,
) -> CheckIn:
    """Let a guest in with their plus-ones (by default the number they announced); `at`
    records an arrival after the fact (the demo, a paper list typed in)."""
    if invitation.reception_id != reception.pk:
        raise DoorRefusal(_("This card is for another reception."), code="other_reception")
    if invitation.erased_at is not None:
        raise DoorRefusal(_("Unknown card: no invitation has this code."), code="unknown")
    refusal = refusal_for(invitation)
    if refusal is not None:
        raise refusal
    # By default the plus-ones announced, within what the lead allows now.
    plus = (
        min(invitation.plus_ones, reception.plus_ones_allowed) if plus_ones is None else plus_ones
    )
    if not (0 <= plus <= reception.plus_ones_allowed):
        raise DoorRefusal(
            _("At most %(n)s plus-ones for this reception.") % {"n": reception.plus_ones_allowed},
            code="too_many_plus_ones",
        )
    # One transaction, no savepoint: a door's request makes as few round trips as it can.
    # The check-in row is its own record (who, when, which door); the audit trail keeps
    # the undoing of one, which deletes that row.
    try:
        with transaction.atomic(), disable_auditlog():
            check_in = CheckIn.objects.create(
                invitation=invitation,
                reception=reception,
                plus_ones=plus,
                door=door.strip()[:40],
                checked_by=actor if getattr(actor, "is_authenticated", False) else None,
                at=at or timezone.now(),
            )
            Reception.objects.filter(pk=reception.pk).update(present=F("present") + 1 + plus)
    except IntegrityError as exc:
        if CheckIn.objects.filter(invitation=invitation).exists():
            # Another door let this guest in a moment ago.
            raise DoorRefusal(
                _("Already in: checked in at another door."), code="already_in"
            ) from exc
        raise DoorRefusal(
            _("The venue is full: %(n)s people are in.") % {"n": reception.capacity},
            code="full",
        ) from exc
    return check_in


def check_undo_check_in(invitation: Invitation, *, actor: Any) -> None:
    """A mistaken check-in: the guest is out again and the head count goes down."""
    with transaction.atomic(), acting_as(actor):
        check_in = CheckIn.objects.select_for_update().filter(invitation=invitation).first()
        if check_in is None:
            raise DoorRefusal(_("This guest is not checked in."), code="not_in")
        check_in.delete()  # the post_delete signal lowers the head count
