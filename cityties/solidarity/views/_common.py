"""What the solidarity pages share: running a service with its refusal shown, and the
choices a form needs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from cityties.core.errors import add_form_error

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
