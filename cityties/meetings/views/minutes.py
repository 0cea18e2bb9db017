"""Pages of the minutes: the opening and each item's minutes, decisions, approval,
reopening, and the approved versions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.core.errors import add_form_error
from cityties.core.http import AuthenticatedHttpRequest

from .. import services as svc
from ..access import access_decision, access_meeting
from ..exports import document_context
from ..forms.meetings import DecisionForm, MinutesForm
from ._common import anchor as _anchor


@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk, edit=True)
    items = list(meeting.agenda_items.select_related("presenter"))
    form = MinutesForm(request.POST or None, items=items, initial={"opening": meeting.opening})
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_save_minutes(
                meeting,
                actor=request.user,
                opening=form.cleaned_data["opening"],
                items=form.item_minutes(),
            )
        except svc.MeetingError as exc:
            add_form_error(form, exc)
        else:
            messages.success(request, _("Minutes saved."))
            return redirect("meetings:detail", meeting.pk)
    return render(
        request,
        "meetings/minutes_form.html",
        {"form": form, "meeting": meeting, "heading": _("Write the minutes")},
    )


@login_required
@require_POST
def decision_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk, edit=True)
    form = DecisionForm(request.POST, items=meeting.agenda_items.all())
    if form.is_valid():
        try:
            svc.check_add_decision(meeting, actor=request.user, **form.cleaned_data)
        except svc.MeetingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Decision recorded."))
    else:
        messages.error(request, _("The decision needs a text, and votes are whole numbers."))
    return redirect(_anchor(meeting.pk, "decisions"))


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    decision = access_decision(request.user, pk, edit=True)
    meeting = decision.meeting
    form = DecisionForm(
        request.POST or None,
        items=meeting.agenda_items.all(),
        initial=svc.decision_values(decision),
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_update_decision(decision, actor=request.user, **form.cleaned_data)
        except svc.MeetingError as exc:
            add_form_error(form, exc)
        else:
            messages.success(request, _("Decision saved."))
            return redirect("meetings:detail", meeting.pk)
    return render(
        request,
        "meetings/simple_form.html",
        {"form": form, "meeting": meeting, "heading": _("Decision")},
    )


@login_required
@require_POST
def decision_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    decision = access_decision(request.user, pk, edit=True)
    try:
        svc.check_delete_decision(decision, actor=request.user)
    except svc.MeetingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Decision removed."))
    return redirect("meetings:detail", decision.meeting_id)


@login_required
@require_POST
def minutes_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk, edit=True)
    try:
        version = svc.check_approve_minutes(meeting, actor=request.user)
    except svc.MeetingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Minutes approved (version %(number)s); they are read-only now.")
            % {"number": version.number},
        )
    return redirect("meetings:detail", meeting.pk)


@login_required
@require_POST
def minutes_reopen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk, edit=True)
    try:
        svc.check_reopen_minutes(meeting, actor=request.user)
    except svc.MeetingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Minutes reopened; the approved versions stay as they were."))
    return redirect("meetings:detail", meeting.pk)


@login_required
@require_GET
def version_detail(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk)
    version = meeting.versions.select_related("approved_by").filter(number=number).first()
    if version is None:
        raise Http404
    return render(
        request,
        "meetings/version_detail.html",
        {
            "meeting": meeting,
            "version": version,
            "doc": document_context(version.content),
            "versions": meeting.versions.order_by("number"),
        },
    )
