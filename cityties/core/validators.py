"""Validators shared by model fields, forms and API schemas."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from pydantic import AfterValidator

WEB_SCHEMES = ("http", "https")
_url_validator = URLValidator(schemes=list(WEB_SCHEMES))


def is_web_url(value: str) -> bool:
    """True for an absolute http(s) address; anything else (javascript:, data:, relative)
    is never rendered as a link."""
    try:
        scheme = urlsplit(value.strip()).scheme.lower()
    except ValueError:
        return False
    return scheme in WEB_SCHEMES


def validate_web_url(value: str) -> None:
    """Accept only http(s) addresses: a `javascript:` website would run in the reader's
    browser when clicked."""
    if not value:
        return
    if not is_web_url(value):
        raise ValidationError(
            _("Enter a web address starting with http:// or https://."), code="invalid_url"
        )
    _url_validator(value.strip())


def _web_url_or_blank(value: str) -> str:
    try:
        validate_web_url(value)
    except ValidationError as error:
        raise ValueError(str(error.messages[0])) from error
    return value.strip()


# The same rule for API schemas (pydantic): a refused address is a 422 naming the field.
WebUrl = Annotated[str, AfterValidator(_web_url_or_blank)]
