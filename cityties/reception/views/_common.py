"""What the reception's pages share: running a service with its refusal turned into a
message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest

from ..services import ReceptionError


def attempt(request: HttpRequest, action: Callable[[], Any], success: str) -> bool:
    try:
        action()
    except ReceptionError as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, success)
    return True
