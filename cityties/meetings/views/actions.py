"""Pages of action items: add one to a meeting, edit it (or, for its owner and once the
minutes are approved, move its status), delete it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cityties.core.errors import add_form_error
from cityties.core.http import AuthenticatedHttpRequest

from .. import services as svc
from ..access import access_action, access_meeting
from ..forms.meetings import ActionForm, ActionStatusForm
from ..models import Meeting
from ._common import anchor as _anchor
from ._common import group_people, link_choices, owner_organisations


def _form(request: AuthenticatedHttpRequest, meeting: Meeting, **kwargs: Any) -> ActionForm:
    choices = {
        **link_choices(request.user, meeting),
        "owner_organisation": owner_organisations(meeting),
        "owner_person": group_people(meeting.group, meeting),
        "agenda_item": meeting.agenda_items.all(),
    }
    return ActionForm(request.POST or None, choices=choices, **kwargs)


@login_required
@require_http_methods(["GET", "POST"])
def action_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk, edit=True)
    form = _form(request, meeting, initial={"agenda_item": request.GET.get("item")})
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_add_action(meeting, actor=request.user, **form.cleaned_data)
        except svc.MeetingError as exc:
            add_form_error(form, exc)
        else:
            messages.success(request, _("Action item added."))
            return redirect(_anchor(meeting.pk, "actions"))
    return render(
        request,
        "meetings/simple_form.html",
        {"form": form, "meeting": meeting, "heading": _("Add an action item")},
    )


def _back(request: AuthenticatedHttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    action = access_action(request.user, pk, follow_up=True)
    meeting = action.meeting
    editable = svc.editable_action_fields(action, request.user)
    if not editable:
        raise PermissionDenied
    values = svc.action_values(action)
    form: ActionForm | ActionStatusForm
    if editable == ("status",) or request.POST.get("quick") == "status":
        form = ActionStatusForm(request.POST or None, initial={"status": action.status})
    else:
        form = _form(request, meeting, initial=values)
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_update_action(action, actor=request.user, **form.cleaned_data)
        except svc.MeetingError as exc:
            add_form_error(form, exc)
        else:
            messages.success(request, _("Action item saved."))
            return redirect(_back(request, _anchor(meeting.pk, "actions")))
    return render(
        request,
        "meetings/simple_form.html",
        {"form": form, "meeting": meeting, "heading": action.text[:80], "action": action},
    )


@login_required
@require_POST
def action_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    action = access_action(request.user, pk, edit=True)
    try:
        svc.check_delete_action(action, actor=request.user)
    except svc.MeetingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Action item removed."))
    return redirect(_anchor(action.meeting_id, "actions"))
