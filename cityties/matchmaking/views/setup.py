"""Slots and places of an event: the managers make them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cityties.core.http import AuthenticatedHttpRequest

from .. import services as svc
from ..access import access_event, access_place
from ..forms import PlaceForm
from ..models import Place
from ._common import rights


@login_required
@require_http_methods(["GET", "POST"])
def slots(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk, manage=True)
    if request.method == "POST":
        try:
            created, removed = svc.check_generate_slots(event, actor=request.user)
        except svc.MatchmakingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Slots made: %(created)s new, %(removed)s removed.")
                % {"created": created, "removed": removed},
            )
        return redirect("matchmaking:slots", event.pk)
    setup = svc.setup_of(event)
    return render(
        request,
        "matchmaking/slots.html",
        {
            "event": event,
            "may": rights(request.user, event),
            "setup": setup,
            "breaks": svc.breaks_text(setup.breaks),
            "days": svc.slots_by_day(event),
            "plenaries": svc.plenaries(event).order_by("starts_at"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def places(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk, manage=True)
    form = PlaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_add_place(event, actor=request.user, **form.cleaned_data)
        except svc.MatchmakingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Place added."))
            return redirect("matchmaking:places", event.pk)
    rows = (
        Place.objects.filter(event=event)
        .select_related("stand")
        .annotate(meetings_count=Count("meetings"))
        .order_by("kind", "name")
    )
    return render(
        request,
        "matchmaking/places.html",
        {"event": event, "may": rights(request.user, event), "form": form, "places": rows},
    )


@login_required
@require_POST
def places_from_stands(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk, manage=True)
    created = svc.check_places_from_stands(event, actor=request.user)
    messages.success(request, _("%(n)s stands of the pavilion added as places.") % {"n": created})
    return redirect("matchmaking:places", event.pk)


@login_required
@require_POST
def place_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    place = access_place(request.user, pk, manage=True)
    try:
        svc.check_remove_place(place, actor=request.user)
    except svc.MatchmakingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Place removed."))
    return redirect("matchmaking:places", place.event_id)
