"""Mail of the outcomes, sent as background tasks, in the reader's language."""

from __future__ import annotations

from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation

from .models import SurveyInvitation


@task()
def send_survey(invitation_id: int, reminder: bool) -> int:
    from .services.surveys import LINK_DAYS, survey_url

    invitation = SurveyInvitation.objects.select_related(
        "delegation__event", "participant__organisation", "person"
    ).get(pk=invitation_id)
    person = invitation.person
    if person is None or not person.email:  # erased since it was queued
        return 0
    with translation.override(invitation.language):
        values = {"delegation": invitation.delegation.title}
        if reminder:
            subject = translation.gettext("Reminder: your debrief of %(delegation)s") % values
        else:
            subject = translation.gettext("Your debrief of %(delegation)s") % values
        body = render_to_string(
            "outcomes/email/survey.txt",
            {
                "person_name": person.full_name,
                "delegation": invitation.delegation,
                "organisation": invitation.participant.organisation.name,
                "step": invitation.step,
                "reminder": reminder,
                "url": survey_url(invitation),
                "days": LINK_DAYS,
            },
        )
        return send_mail(subject, body, None, [person.email])
