from django.urls import path

from .views import actions, agenda, attendance, exports, imports, meetings, minutes

app_name = "meetings"

urlpatterns = [
    path("", meetings.meeting_list, name="list"),
    path("groups/<int:pk>/", meetings.group_meetings, name="group"),
    path("groups/<int:pk>/new/", meetings.meeting_create, name="create"),
    path("groups/<int:pk>/import/", imports.import_upload, name="import_upload"),
    path("imports/<int:pk>/", imports.import_review, name="import_review"),
    path("imports/<int:pk>/discard/", imports.import_discard, name="import_discard"),
    path("<int:pk>/", meetings.meeting_detail, name="detail"),
    path("<int:pk>/edit/", meetings.meeting_edit, name="edit"),
    path("<int:pk>/meeting.ics", meetings.meeting_ical, name="ical"),
    path("<int:pk>/invitations/", meetings.invitations_send, name="invitations_send"),
    # Agenda
    path("<int:pk>/agenda/", agenda.agenda_add, name="agenda_add"),
    path("agenda/<int:pk>/edit/", agenda.agenda_edit, name="agenda_edit"),
    path("agenda/<int:pk>/delete/", agenda.agenda_delete, name="agenda_delete"),
    path("agenda/<int:pk>/move/", agenda.agenda_move, name="agenda_move"),
    # Attendance
    path("<int:pk>/attendance/", attendance.attendance, name="attendance"),
    path("<int:pk>/attendance/people/", attendance.attendance_add, name="attendance_add"),
    path("<int:pk>/attendance/guests/", attendance.guest_add, name="guest_add"),
    path("attendance/<int:pk>/edit/", attendance.attendance_edit, name="attendance_edit"),
    path("attendance/<int:pk>/remove/", attendance.attendance_remove, name="attendance_remove"),
    # Minutes, decisions, approval
    path("<int:pk>/minutes/", minutes.minutes_edit, name="minutes"),
    path("<int:pk>/decisions/", minutes.decision_add, name="decision_add"),
    path("decisions/<int:pk>/edit/", minutes.decision_edit, name="decision_edit"),
    path("decisions/<int:pk>/delete/", minutes.decision_delete, name="decision_delete"),
    path("<int:pk>/approve/", minutes.minutes_approve, name="approve"),
    path("<int:pk>/reopen/", minutes.minutes_reopen, name="reopen"),
    path("<int:pk>/versions/<int:number>/", minutes.version_detail, name="version"),
    # Action items
    path("<int:pk>/actions/", actions.action_add, name="action_add"),
    path("actions/<int:pk>/edit/", actions.action_edit, name="action_edit"),
    path("actions/<int:pk>/delete/", actions.action_delete, name="action_delete"),
    # Exports
    path("<int:pk>/minutes.pdf", exports.minutes_pdf_view, name="minutes_pdf"),
    path("<int:pk>/minutes.docx", exports.minutes_docx_view, name="minutes_docx"),
]
