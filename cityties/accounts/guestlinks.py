"""Signed, expiring links for people without an account.

A guest (a US attendee, a host family, an invitee) acts through a URL carrying a token
that names one purpose and one object. The token is signed with SECRET_KEY and salted
by purpose, so a token made for one purpose is worthless for another, and it expires.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from cityties.core.errors import DomainError


class GuestLinkError(DomainError):
    code = "guest_link_invalid"


@dataclass(frozen=True)
class GuestClaim:
    purpose: str
    object_id: int | str
    extra: dict[str, str | int]


def _signer(purpose: str) -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=f"cityties.guest.{purpose}")


def make_token(purpose: str, object_id: int | str, **extra: str | int) -> str:
    payload = {"o": object_id, **({"x": extra} if extra else {})}
    return _signer(purpose).sign_object(payload, compress=True)


def read_token(token: str, purpose: str, max_age: timedelta | None = None) -> GuestClaim:
    """Return the claim, or raise GuestLinkError with code `guest_link_expired`/`_invalid`."""
    if max_age is None:
        max_age = timedelta(days=settings.GUEST_LINK_MAX_AGE_DAYS)
    try:
        payload = _signer(purpose).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise GuestLinkError(
            _("This link has expired. Ask the sender for a new one."), code="guest_link_expired"
        ) from exc
    except signing.BadSignature as exc:
        raise GuestLinkError(
            _("This link is not valid. Check that you copied it whole, or ask for a new one."),
            code="guest_link_invalid",
        ) from exc
    if not isinstance(payload, dict) or "o" not in payload:
        raise GuestLinkError(_("This link is not valid."), code="guest_link_invalid")
    return GuestClaim(purpose=purpose, object_id=payload["o"], extra=payload.get("x", {}))
