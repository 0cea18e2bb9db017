"""The automatic schedule: run it in the background with a progress bar, read what it
placed and why the rest was not, move and lock meetings by hand, publish."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.core.errors import DomainError, add_form_error
from cityties.core.http import AuthenticatedHttpRequest

from .. import services as svc
from ..access import access_event, access_meeting
from ..forms import MoveForm
from ..models import Meeting, Place, RequestStatus, Slot
from ._common import rights

PER_PAGE = 50


@login_required
@require_GET
def schedule(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk, manage=True)
    run = svc.last_run(event)
    meetings = Meeting.objects.filter(event=event).select_related(
        "slot", "place", "request__sender", "request__recipient"
    )
    place = request.GET.get("place", "")
    if place.isdigit():
        meetings = meetings.filter(place_id=int(place))
    page = Paginator(
        meetings.order_by("slot__starts_at", "place__name", "table", "pk"), PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "matchmaking/schedule.html",
        {
            "event": event,
            "may": rights(request.user, event),
            "run": run,
            "unplaced": svc.unplaced_rows(run) if run and run.status == "done" else [],
            "page": page,
            "places": Place.objects.filter(event=event).order_by("name"),
            "place": place,
            "accepted": event.match_requests.filter(status=RequestStatus.ACCEPTED).count(),
            "setup": svc.setup_of(event),
            "zone": event.time_zone,
            "query_string": f"place={place}" if place.isdigit() else "",
        },
    )


@login_required
@require_POST
def schedule_run(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk, manage=True)
    try:
        svc.check_start_run(event, actor=request.user)
    except svc.MatchmakingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The schedule is being computed."))
    return redirect("matchmaking:schedule", event.pk)


@login_required
@require_GET
def schedule_progress(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk, manage=True)
    run = svc.last_run(event)
    response = render(request, "matchmaking/_progress.html", {"event": event, "run": run})
    if run is not None and run.finished and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def schedule_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk, manage=True)
    confirmed = svc.check_publish(event, actor=request.user)
    messages.success(
        request,
        _("%(n)s meetings confirmed; each person is told by mail of their agenda.")
        % {"n": confirmed},
    )
    return redirect("matchmaking:schedule", event.pk)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk, manage=True)
    event = meeting.event
    form = MoveForm(
        request.POST or None,
        slots=Slot.objects.filter(event=event).order_by("starts_at"),
        places=Place.objects.filter(event=event).order_by("name"),
        zone=event.time_zone,
        initial={"slot": meeting.slot, "place": meeting.place, "lock": True},
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_move_meeting(meeting, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_form_error(form, exc)
        else:
            messages.success(request, _("Meeting moved."))
            return redirect("matchmaking:schedule", event.pk)
    return render(
        request,
        "matchmaking/meeting_move.html",
        {"event": event, "may": rights(request.user, event), "meeting": meeting, "form": form},
    )


@login_required
@require_POST
def meeting_lock(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk, manage=True)
    svc.check_lock_meeting(meeting, actor=request.user, locked=request.POST.get("locked") == "1")
    messages.success(request, _("Meeting locked.") if meeting.locked else _("Meeting unlocked."))
    return redirect("matchmaking:schedule", meeting.event_id)
