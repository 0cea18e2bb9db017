"""What the solidarity pages share: running a service with its refusal shown, and the
choices a form needs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from cityties.core.errors import add_form_error
from cityties.core.fields import MAX_ID, bounded_int

from ..services import SolidarityError


def attempt(request: HttpRequest, action: Callable[[], Any], success: str) -> bool:
    """Run a service for a small form posted from a page: a message either way."""
    try:
        action()
    except SolidarityError as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, success)
    return True


def saved(form: forms.Form, action: Callable[[], Any]) -> Any:
    """Run a service for a full form: its refusal goes next to the field it is about."""
    try:
        return action()
    except SolidarityError as exc:
        add_form_error(form, exc)
        return None


def form_errors(form: forms.Form) -> str:
    return " ".join(
        f"{form.fields[name].label if name in form.fields else ''} "
        f"{' '.join(str(e) for e in errors)}".strip()
        for name, errors in form.errors.items()
    )


def upload_too_large(request: HttpRequest) -> bool:
    """A body well above the upload limit is refused, with a message, before it is read."""
    length = bounded_int(request.META.get("CONTENT_LENGTH"), low=0, high=MAX_ID) or 0
    if length <= settings.MAX_UPLOAD_BYTES + 1024 * 1024:
        return False
    messages.error(
        request,
        _("The file is too large (at most %(mb)s MB).")
        % {"mb": max(1, settings.MAX_UPLOAD_BYTES // 2**20)},
    )
    return True
