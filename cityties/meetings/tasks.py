"""Mail of the meetings area, sent as background tasks, each in its reader's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import ActionReminder, Attendance, ReminderKind
from .services.attendance import person_language
from .services.invitations import invitation_context, meeting_calendar


@task()
def send_action_reminder(reminder_id: int) -> int:
    reminder = ActionReminder.objects.select_related(
        "action__meeting__group", "action__owner_person__user", "action__owner_organisation"
    ).get(pk=reminder_id)
    action = reminder.action
    language = (
        person_language(action.owner_person) if action.owner_person else settings.LANGUAGE_CODE
    )
    with translation.override(language):
        if reminder.kind == ReminderKind.OVERDUE:
            subject = translation.gettext("Overdue action item: %(text)s")
        else:
            subject = translation.gettext("Action item due soon: %(text)s")
        body = render_to_string(
            "meetings/email/action_reminder.txt",
            {
                "action": action,
                "reminder": reminder,
                "meeting": action.meeting,
                "url": settings.SITE_URL.rstrip("/")
                + reverse("meetings:detail", args=[action.meeting_id]),
            },
        )
        short = action.text if len(action.text) <= 60 else action.text[:59] + "…"
        return send_mail(subject % {"text": short}, body, None, [reminder.sent_to])


@task()
def send_invitation(attendance_id: int) -> int:
    row = Attendance.objects.select_related("meeting__group", "meeting__chair").get(
        pk=attendance_id
    )
    meeting = row.meeting
    with translation.override(row.language):
        context = invitation_context(row)
        if context["update"]:
            subject = translation.gettext("Updated: %(title)s")
        else:
            subject = translation.gettext("Invitation: %(title)s")
        body = render_to_string("meetings/email/invitation.txt", context)
        message = EmailMessage(subject % {"title": meeting.title}, body, None, [row.email])
        message.attach("invitation.ics", meeting_calendar(meeting, row.language), "text/calendar")
        return message.send()
