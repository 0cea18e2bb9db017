"""The door, on a phone: scan a card's QR code (or type its code), or search a name; check
the guest in with their plus-ones; undo a mistake; the live head count. With htmx each
action answers with the part of the page it changes; without, with the whole page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cityties.accounts.permissions import require
from cityties.core import tabular
from cityties.core.http import AuthenticatedHttpRequest

from .. import services as svc
from ..access import access_reception
from ..models import Invitation, Reception

DOOR_CHANGED = "door-changed"


def _door_name(request: AuthenticatedHttpRequest) -> str:
    return (request.POST.get("door") or request.GET.get("door") or "").strip()[:40]


def _respond(
    request: AuthenticatedHttpRequest,
    reception: Reception,
    partial: str,
    context: dict[str, Any],
    *,
    changed: bool = False,
    status: int = 200,
) -> HttpResponse:
    context = {"reception": reception, "door": _door_name(request), **context}
    if getattr(request, "htmx", False):
        # The part alone, without the page's context processors: the head count refreshes
        # itself when told (HX-Trigger), so a door's answer stays a few queries.
        context["csrf_token"] = get_token(request)
        response = HttpResponse(render_to_string(partial, context), status=status)
        if changed:
            response["HX-Trigger"] = DOOR_CHANGED
        return response
    return render(
        request,
        "reception/door.html",
        {
            "delegation": reception.session.delegation,
            "partial": partial,
            "count": svc.head_count(reception),
            **context,
        },
        status=status,
    )


@login_required
@require_GET
def door(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reception = access_reception(request.user, pk, rule="reception.door")
    return render(
        request,
        "reception/door.html",
        {
            "reception": reception,
            "delegation": reception.session.delegation,
            "count": svc.head_count(reception),
            "door": _door_name(request),
        },
    )


def _guest_result(invitation: Invitation, refusal: svc.DoorRefusal | None) -> dict[str, Any]:
    return {"guest": invitation, "refusal": refusal}


@login_required
@require_POST
def scan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reception = access_reception(request.user, pk, rule="reception.door")
    try:
        invitation = svc.find_by_code(reception, request.POST.get("code", ""))
    except svc.DoorRefusal as refusal:
        return _respond(request, reception, "reception/_door_result.html", {"refusal": refusal})
    return _respond(
        request,
        reception,
        "reception/_door_result.html",
        _guest_result(invitation, svc.refusal_for(invitation)),
    )


@login_required
@require_GET
def search(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reception = access_reception(request.user, pk, rule="reception.door")
    query = request.GET.get("q", "")[:100]
    return _respond(
        request,
        reception,
        "reception/_search_results.html",
        {"query": query, "results": svc.search_guests(reception, query)},
    )


def _invitation(reception: Reception, invitation_pk: int) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related(
            "quota__participant__organisation", "reception__session", "check_in"
        ),
        pk=invitation_pk,
        erased_at=None,
    )


def _door_invitation(
    request: AuthenticatedHttpRequest, pk: int, invitation_pk: int
) -> tuple[Reception, Invitation]:
    """The reception and the guest in one query, as a door checks guests in all evening."""
    invitation = get_object_or_404(
        Invitation.objects.select_related(
            "quota__participant__organisation",
            "reception__session__delegation__event",
            "reception__session__delegation__lead",
            "check_in",
        ),
        pk=invitation_pk,
        erased_at=None,
    )
    if invitation.reception_id != pk:
        # The service refuses the other reception's guest, saying so.
        return access_reception(request.user, pk, rule="reception.door"), invitation
    reception = invitation.reception
    require(request.user, "reception.door", reception.session.delegation)
    return reception, invitation


@login_required
@require_POST
def check_in(request: AuthenticatedHttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    reception, invitation = _door_invitation(request, pk, invitation_pk)
    raw = request.POST.get("plus_ones", "")
    plus_ones = int(raw) if raw.isdigit() and len(raw) < 3 else None
    try:
        done = svc.check_check_in(
            invitation,
            actor=request.user,
            reception=reception,
            plus_ones=plus_ones,
            door=_door_name(request),
        )
    except svc.DoorRefusal as refusal:
        return _respond(
            request, reception, "reception/_door_result.html", _guest_result(invitation, refusal)
        )
    return _respond(
        request,
        reception,
        "reception/_door_result.html",
        {"guest": invitation, "check_in": done, "welcome": True},
        changed=True,
    )


@login_required
@require_POST
def undo(request: AuthenticatedHttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    reception = access_reception(request.user, pk, rule="reception.door")
    invitation = _invitation(reception, invitation_pk)
    if invitation.reception_id != reception.pk:
        raise Http404
    try:
        svc.check_undo_check_in(invitation, actor=request.user)
    except svc.DoorRefusal as refusal:
        return _respond(
            request, reception, "reception/_door_result.html", _guest_result(invitation, refusal)
        )
    invitation = _invitation(reception, invitation_pk)
    return _respond(
        request,
        reception,
        "reception/_door_result.html",
        {"guest": invitation, "undone": True},
        changed=True,
    )


@login_required
@require_GET
def count(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reception = access_reception(request.user, pk, rule="reception.door")
    return render(
        request,
        "reception/_count.html",
        {"reception": reception, "count": svc.head_count(reception)},
    )


@login_required
@require_GET
def export(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Who came, as CSV or XLSX (formulas neutralised)."""
    reception = access_reception(request.user, pk)
    headers, rows = svc.arrival_rows(reception)
    if fmt == "csv":
        body, content_type = tabular.to_csv(headers, rows), tabular.CSV_CONTENT_TYPE
    elif fmt == "xlsx":
        body = tabular.to_xlsx(headers, rows, sheet_title=_("Arrivals"))
        content_type = tabular.XLSX_CONTENT_TYPE
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="arrivals-{reception.pk}.{fmt}"'
    return response
