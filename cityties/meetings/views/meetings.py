"""Pages of meetings: the list, a group's meetings and open action items, create, the
meeting page, edit, send the invitations, and the meeting as an iCal file."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.core.errors import add_form_error
from cityties.core.http import AuthenticatedHttpRequest

from .. import services as svc
from ..access import access_group, access_meeting, visible_groups, visible_meetings
from ..forms.meetings import (
    ActionStatusForm,
    AgendaItemForm,
    DecisionForm,
    MeetingForm,
    meeting_initial,
)
from ..models import ImportStatus, MinutesImport
from ._common import group_people, rights


@login_required
@require_GET
def meeting_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    groups = list(visible_groups(request.user).order_by("name"))
    meetings = visible_meetings(request.user).select_related("group").order_by("-starts_at")
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "groups": groups,
            "meetings": meetings[:50],
            "my_actions": svc.open_actions_for(request.user)[:20],
            "now": timezone.now(),
        },
    )


@login_required
@require_GET
def group_meetings(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = access_group(request.user, pk)
    may_create = rules.test_rule("meetings.create", request.user, group)
    pending = MinutesImport.objects.none()
    if may_create:
        pending = MinutesImport.objects.filter(
            group=group, created_by=request.user, status=ImportStatus.PENDING
        )
    return render(
        request,
        "meetings/group.html",
        {
            "group": group,
            "meetings": group.meetings.select_related("chair", "secretary").order_by(
                "-starts_at", "id"
            ),
            "actions": svc.open_actions_of_group(group.pk),
            "may_create": may_create,
            "pending": pending,
            "today": timezone.localdate(),
        },
    )


def _default_start() -> datetime:
    tomorrow = timezone.localdate() + timedelta(days=7)
    return datetime.combine(tomorrow, time(10, 0))


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = access_group(request.user, pk, rule="meetings.create")
    start = _default_start()
    initial: dict[str, Any] = {
        "title": _("Meeting of the %(group)s") % {"group": group.name},
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "chair": group.president,
        "secretary": getattr(request.user, "person", None),
    }
    form = MeetingForm(request.POST or None, people=group_people(group), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = svc.check_create_meeting(group, actor=request.user, **form.service_values())
        except svc.MeetingError as exc:
            add_form_error(form, exc)
        else:
            messages.success(request, _("Meeting created; it is in the calendar too."))
            return redirect("meetings:detail", meeting.pk)
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "group": group, "meeting": None, "heading": _("New meeting")},
    )


@login_required
@require_GET
def meeting_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk)
    may = rights(request.user, meeting)
    items = list(
        meeting.agenda_items.select_related(
            "presenter", "carried_action__owner_organisation", "carried_action__meeting"
        )
    )
    people = group_people(meeting.group, meeting) if may.change else None
    actions = list(svc.meeting_actions(meeting))
    for action in actions:
        action.editable = svc.editable_action_fields(action, request.user)  # type: ignore[attr-defined]
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "group": meeting.group,
            "may": may,
            "items": items,
            "counts": svc.attendance_counts(meeting),
            "decisions": meeting.decisions.select_related("agenda_item"),
            "actions": actions,
            "versions": meeting.versions.select_related("approved_by").order_by("-number"),
            "pending_invitations": svc.pending_invitations(meeting).count() if may.change else 0,
            "agenda_form": AgendaItemForm(people=people) if people is not None else None,
            "decision_form": DecisionForm(items=meeting.agenda_items.all()) if may.change else None,
            "status_form": ActionStatusForm(),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk, edit=True)
    form = MeetingForm(
        request.POST or None,
        people=group_people(meeting.group, meeting),
        initial=meeting_initial(svc.meeting_values(meeting)),
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_update_meeting(meeting, actor=request.user, **form.service_values())
        except svc.MeetingError as exc:
            add_form_error(form, exc)
        else:
            messages.success(request, _("Meeting saved."))
            return redirect("meetings:detail", meeting.pk)
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "group": meeting.group, "meeting": meeting, "heading": meeting.title},
    )


@login_required
@require_POST
def invitations_send(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk, edit=True)
    try:
        count = svc.check_send_invitations(meeting, actor=request.user)
    except svc.MeetingError as exc:
        messages.error(request, str(exc))
    else:
        if count:
            messages.success(
                request,
                ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", count)
                % {"count": count},
            )
        else:
            messages.info(request, _("Everyone with an e-mail address has the invitation."))
    return redirect("meetings:attendance", meeting.pk)


@login_required
@require_GET
def meeting_ical(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk)
    language = translation.get_language() or "fr"
    response = HttpResponse(
        svc.meeting_calendar(meeting, language[:2]), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response
