"""Pages of the agenda: add an item (from the meeting page), edit, delete, move."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cityties.core.errors import add_form_error
from cityties.core.http import AuthenticatedHttpRequest

from .. import services as svc
from ..access import access_agenda_item, access_meeting
from ..forms.meetings import AgendaItemForm
from ._common import anchor as _anchor
from ._common import group_people


@login_required
@require_http_methods(["GET", "POST"])
def agenda_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk, edit=True)
    form = AgendaItemForm(request.POST or None, people=group_people(meeting.group, meeting))
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_add_agenda_item(meeting, actor=request.user, **form.cleaned_data)
        except svc.MeetingError as exc:
            add_form_error(form, exc)
        else:
            messages.success(request, _("Agenda item added."))
            return redirect("meetings:detail", meeting.pk)
    return render(
        request,
        "meetings/simple_form.html",
        {"form": form, "meeting": meeting, "heading": _("Add an agenda item")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def agenda_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = access_agenda_item(request.user, pk, edit=True)
    meeting = item.meeting
    form = AgendaItemForm(
        request.POST or None,
        people=group_people(meeting.group, meeting),
        initial=svc.agenda_values(item),
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_update_agenda_item(item, actor=request.user, **form.cleaned_data)
        except svc.MeetingError as exc:
            add_form_error(form, exc)
        else:
            messages.success(request, _("Agenda item saved."))
            return redirect("meetings:detail", meeting.pk)
    return render(
        request,
        "meetings/simple_form.html",
        {"form": form, "meeting": meeting, "heading": item.title},
    )


@login_required
@require_POST
def agenda_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = access_agenda_item(request.user, pk, edit=True)
    try:
        svc.check_delete_agenda_item(item, actor=request.user)
    except svc.MeetingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Agenda item removed."))
    return redirect("meetings:detail", item.meeting_id)


@login_required
@require_POST
def agenda_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = access_agenda_item(request.user, pk, edit=True)
    try:
        svc.check_move_agenda_item(item, actor=request.user, up=request.POST.get("to") == "up")
    except svc.MeetingError as exc:
        messages.error(request, str(exc))
    return redirect(_anchor(item.meeting_id, "agenda"))
