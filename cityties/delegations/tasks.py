"""Mail of the delegations area, sent as background tasks, each in its reader's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation

from .models import Application, MilestoneReminder, ReminderKind


def _language_of_person(person: object) -> str:
    user = getattr(person, "user", None)
    if user is not None and getattr(user, "language", "") in ("fr", "en"):
        return str(user.language)
    for code in (part.strip().lower() for part in getattr(person, "languages", "").split(",")):
        if code in ("fr", "en"):
            return code
    return settings.LANGUAGE_CODE


@task()
def send_milestone_reminder(reminder_id: int) -> int:
    reminder = MilestoneReminder.objects.select_related(
        "milestone__delegation__event", "milestone__owner_person__user"
    ).get(pk=reminder_id)
    milestone = reminder.milestone
    language = (
        _language_of_person(milestone.owner_person)
        if milestone.owner_person
        else settings.LANGUAGE_CODE
    )
    with translation.override(language):
        if reminder.kind == ReminderKind.OVERDUE:
            subject = translation.gettext("Overdue milestone: %(title)s")
        else:
            subject = translation.gettext("Milestone due soon: %(title)s")
        body = render_to_string(
            "delegations/email/milestone_reminder.txt",
            {"milestone": milestone, "reminder": reminder, "delegation": milestone.delegation},
        )
        return send_mail(subject % {"title": milestone.title}, body, None, [reminder.sent_to])


@task()
def send_application_decision(application_id: int) -> int:
    application = Application.objects.select_related(
        "call__delegation__event", "company", "sponsor"
    ).get(pk=application_id)
    with translation.override(application.language):
        subject = translation.gettext("Your application to %(delegation)s") % {
            "delegation": application.call.delegation.title
        }
        body = render_to_string(
            "delegations/email/application_decision.txt", {"application": application}
        )
        return send_mail(subject, body, None, [application.contact_email])


@task()
def send_application_link(
    call_id: int, company_id: int, email: str, language: str, url: str
) -> int:
    from cityties.network.models import Organisation

    from .models import Call

    call = Call.objects.select_related("delegation__event", "delegation__lead").get(pk=call_id)
    company = Organisation.objects.select_related("sponsor").get(pk=company_id)
    with translation.override(language):
        subject = translation.gettext("Apply to join %(delegation)s") % {
            "delegation": call.delegation.title
        }
        body = render_to_string(
            "delegations/email/application_link.txt",
            {"call": call, "company": company, "url": url},
        )
        return send_mail(subject, body, None, [email])
