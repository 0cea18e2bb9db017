"""The matchmaking of an event: the list of events, an event's overview and settings, its
attendee list (members of its delegations and staff only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.accounts.permissions import is_in_network
from cityties.core.http import AuthenticatedHttpRequest
from cityties.core.text import fold

from .. import services as svc
from ..access import access_event, acting_profiles, visible_events
from ..forms import SetupForm
from ..models import Attendee, Meeting, MeetingRequest, Place, Profile, ProfileKind, Slot
from ._common import rights

PER_PAGE = 50


@login_required
@require_GET
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not is_in_network(request.user):
        raise PermissionDenied
    return render(request, "matchmaking/index.html", {"events": visible_events(request.user)})


@login_required
@require_GET
def event(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    svc.ensure_delegate_profiles(event)
    may = rights(request.user, event)
    requests = MeetingRequest.objects.filter(event=event).order_by().values("status")
    counts = {
        "attendees": Attendee.objects.filter(event=event, erased_at=None).count(),
        "delegates": Profile.objects.filter(event=event, delegate__isnull=False).count(),
        "slots": Slot.objects.filter(event=event).count(),
        "places": Place.objects.filter(event=event).count(),
        "meetings": Meeting.objects.filter(event=event).count(),
        **{row["status"]: row["n"] for row in requests.annotate(n=Count("id"))},
    }
    mine = acting_profiles(request.user, event).select_related("delegate__participant")
    return render(
        request,
        "matchmaking/event.html",
        {
            "event": event,
            "may": may,
            "counts": counts,
            "mine": mine[:50],
            "mine_count": mine.count(),
            "setup": svc.setup_of(event),
            "run": svc.last_run(event) if may.manage else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def settings(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk, manage=True)
    setup = svc.setup_of(event)
    initial = {
        name: getattr(setup, name)
        for name in (
            "first_day",
            "last_day",
            "day_starts",
            "day_ends",
            "slot_minutes",
            "max_requests",
            "max_meetings",
            "request_days",
            "reminder_hours",
        )
    } | {"breaks": svc.breaks_text(setup.breaks)}
    form = SetupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_save_setup(event, actor=request.user, **form.cleaned_data)
        except svc.MatchmakingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Settings saved; make the slots again to apply them."))
            return redirect("matchmaking:slots", event.pk)
    return render(
        request,
        "matchmaking/form.html",
        {
            "event": event,
            "may": rights(request.user, event),
            "form": form,
            "heading": _("Matchmaking settings"),
        },
    )


@login_required
@require_GET
def attendees(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The attendee list: personal data, for the event's delegations and the staff."""
    event = access_event(request.user, pk)
    qs = Attendee.objects.filter(event=event, erased_at=None).select_related("profile")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        key = fold(query)
        qs = qs.filter(
            Q(name_key__contains=key)
            | Q(organisation_key__contains=key)
            | Q(email__icontains=query)
        )
    kind = request.GET.get("kind", "")
    if kind in ProfileKind.values:
        qs = qs.filter(profile__kind=kind)
    page = Paginator(qs.order_by("last_name", "first_name", "pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "matchmaking/attendees.html",
        {
            "event": event,
            "may": rights(request.user, event),
            "page": page,
            "query": query,
            "kind": kind,
            "kinds": ProfileKind.choices,
            "total": page.paginator.count,
            "query_string": params.urlencode(),
        },
    )


@login_required
@require_POST
def attendees_erase(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk, manage=True)
    erased = svc.check_erase_event_attendees(event, actor=request.user)
    messages.success(
        request, _("The personal data of %(n)s attendees were erased.") % {"n": erased}
    )
    return redirect("matchmaking:event", event.pk)
