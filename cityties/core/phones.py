"""Phone numbers: checked with libphonenumber, stored in E.164, shown formatted."""

from __future__ import annotations

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalise_phone(text: str, region: str = "FR") -> str:
    """ "02 31 30 41 00" for a French organisation becomes "+33231304100"; a number with
    its international prefix is read whatever the region. Empty stays empty."""
    text = (text or "").strip()
    if not text:
        return ""
    try:
        number = phonenumbers.parse(text, (region or "FR").upper())
    except phonenumbers.NumberParseException as error:
        raise ValidationError(
            _("“%(value)s” is not a phone number."), code="invalid_phone", params={"value": text}
        ) from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _(
                "“%(value)s” is not a valid phone number; give it with its country prefix, "
                "e.g. +1 615 862 5000."
            ),
            code="invalid_phone",
            params={"value": text},
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(value: str) -> str:
    """A stored number as people read it ("+33 2 31 30 41 00"); anything unreadable as is."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
