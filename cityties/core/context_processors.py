from typing import Any

from django.http import HttpRequest

from cityties.imports.registry import can_import

from .navigation import AREAS


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_areas": []}
    staff = user.is_network_staff
    return {
        "nav_areas": [area for area in AREAS if staff or not area.staff_only],
        "current_membership": user.primary_membership,
        "can_import": can_import(user),
    }
