"""Meeting requests in the app: sent from the recommendations, listed for the people one
acts for (a company representative sees its own company's only), answered, cancelled."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.core.errors import DomainError
from cityties.core.http import AuthenticatedHttpRequest

from .. import services as svc
from ..access import access_event, access_profile, access_request, acting_profiles, may_manage
from ..forms import RequestForm
from ..models import MeetingRequest, Profile, RequestStatus
from ._common import rights

PER_PAGE = 50
RELATED = (
    "sender__delegate__participant__organisation",
    "recipient__delegate__participant__organisation",
    "recipient__attendee",
    "meeting__slot",
    "meeting__place",
)


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request: AuthenticatedHttpRequest, pk: int, other: int) -> HttpResponse:
    sender = access_profile(request.user, pk)
    recipient = get_object_or_404(
        Profile.objects.select_related("attendee", "delegate__participant"),
        pk=other,
        event_id=sender.event_id,
    )
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_send_request(sender, recipient, actor=request.user, **form.cleaned_data)
        except svc.MatchmakingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Request sent to %(name)s; you will be told of the answer.")
                % {"name": recipient.name},
            )
            back = request.POST.get("next", "")
            if back and url_has_allowed_host_and_scheme(back, {request.get_host()}):
                return redirect(back)
            return redirect("matchmaking:recommendations", sender.pk)
    return render(
        request,
        "matchmaking/request_form.html",
        {
            "event": sender.event,
            "may": rights(request.user, sender.event),
            "sender": sender,
            "recipient": recipient,
            "form": form,
            "next": request.GET.get("next", ""),
            "setup": svc.setup_of(sender.event),
            "sent_open": svc.sent_open(sender),
        },
    )


@login_required
@require_GET
def requests(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    mine = acting_profiles(request.user, event)
    qs = MeetingRequest.objects.filter(event=event).select_related(*RELATED)
    manage = may_manage(request.user, event)
    if not manage:
        ids = mine.values("pk")
        qs = qs.filter(Q(sender__in=ids) | Q(recipient__in=ids))
    status = request.GET.get("status", "")
    if status in RequestStatus.values:
        qs = qs.filter(status=status)
    page = Paginator(qs.order_by("-created_at", "-pk"), PER_PAGE).get_page(request.GET.get("page"))
    my_ids = set(mine.values_list("pk", flat=True))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "matchmaking/requests.html",
        {
            "event": event,
            "may": rights(request.user, event),
            "page": page,
            "status": status,
            "statuses": RequestStatus.choices,
            "my_ids": my_ids,
            "manage": manage,
            "query_string": params.urlencode(),
        },
    )


@login_required
@require_POST
def request_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting_request = access_request(request.user, pk)
    decision = request.POST.get("decision")
    if decision not in ("accept", "decline"):
        raise Http404
    try:
        svc.check_answer_request(meeting_request, actor=request.user, accept=decision == "accept")
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Request accepted.") if decision == "accept" else _("Request declined."),
        )
    return redirect("matchmaking:requests", meeting_request.event_id)


@login_required
@require_POST
def request_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting_request = access_request(request.user, pk)
    try:
        svc.check_cancel_request(meeting_request, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Request cancelled."))
    return redirect("matchmaking:requests", meeting_request.event_id)
