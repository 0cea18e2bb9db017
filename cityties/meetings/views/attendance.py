"""Pages of the attendance: the sheet (statuses of every row at once), inviting people of
the directory, guests, one row's details (a proxy), removing a row."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from cityties.core.errors import add_form_error
from cityties.core.http import AuthenticatedHttpRequest

from .. import services as svc
from ..access import access_attendance, access_meeting
from ..forms.meetings import AddPeopleForm, AttendanceForm, AttendanceSheetForm, GuestForm
from ._common import group_people, rights


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk)
    may = rights(request.user, meeting)
    rows = list(svc.attendance_rows(meeting))
    sheet = AttendanceSheetForm(request.POST or None, rows=rows)
    if request.method == "POST":
        meeting = access_meeting(request.user, pk, edit=True)
        if sheet.is_valid():
            try:
                changed = svc.check_take_attendance(
                    meeting, actor=request.user, statuses=sheet.statuses()
                )
            except svc.MeetingError as exc:
                add_form_error(sheet, exc)
            else:
                messages.success(
                    request,
                    ngettext("%(count)d row saved.", "%(count)d rows saved.", len(changed))
                    % {"count": len(changed)},
                )
                return redirect("meetings:attendance", meeting.pk)
    invited = {row.person_id for row in rows if row.person_id}
    people = group_people(meeting.group).exclude(pk__in=invited) if may.change else None
    return render(
        request,
        "meetings/attendance.html",
        {
            "meeting": meeting,
            "group": meeting.group,
            "may": may,
            "sheet": sheet,
            "counts": svc.attendance_counts(meeting),
            "add_form": AddPeopleForm(people=people) if people is not None else None,
            "pending_invitations": svc.pending_invitations(meeting).count() if may.change else 0,
        },
    )


@login_required
@require_POST
def attendance_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk, edit=True)
    form = AddPeopleForm(request.POST, people=group_people(meeting.group))
    if not form.is_valid():
        messages.error(request, _("Choose at least one person."))
    else:
        try:
            rows = svc.check_add_attendees(
                meeting, actor=request.user, people=list(form.cleaned_data["people"])
            )
        except svc.MeetingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                ngettext("%(count)d person invited.", "%(count)d people invited.", len(rows))
                % {"count": len(rows)},
            )
    return redirect("meetings:attendance", meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def guest_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk, edit=True)
    form = GuestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_add_guest(meeting, actor=request.user, **form.cleaned_data)
        except svc.MeetingError as exc:
            add_form_error(form, exc)
        else:
            messages.success(request, _("Guest added."))
            return redirect("meetings:attendance", meeting.pk)
    return render(
        request,
        "meetings/simple_form.html",
        {"form": form, "meeting": meeting, "heading": _("Add a guest from outside the directory")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendance_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    row = access_attendance(request.user, pk, edit=True)
    meeting = row.meeting
    form = AttendanceForm(
        request.POST or None,
        people=group_people(meeting.group, meeting).exclude(pk=row.person_id or 0),
        initial=svc.attendance_values(row),
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_update_attendance(row, actor=request.user, **form.cleaned_data)
        except svc.MeetingError as exc:
            add_form_error(form, exc)
        else:
            messages.success(request, _("Attendance saved."))
            return redirect("meetings:attendance", meeting.pk)
    return render(
        request,
        "meetings/simple_form.html",
        {"form": form, "meeting": meeting, "heading": row.full_name},
    )


@login_required
@require_POST
def attendance_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    row = access_attendance(request.user, pk, edit=True)
    try:
        svc.do_remove_attendance(row, actor=request.user)
    except svc.MeetingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Removed from the list."))
    return redirect("meetings:attendance", row.meeting_id)
