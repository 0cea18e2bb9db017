"""Mail of the reception, sent as background tasks, each in the guest's language: the
card with its RSVP link, and the reminder to those who have not answered."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .card import card_filename, render_card
from .models import Invitation
from .services.guests import rsvp_token


def rsvp_url(invitation: Invitation) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("reception:rsvp", args=[rsvp_token(invitation)])


def _mail(invitation_id: int, template: str, subject: str) -> int:
    invitation = (
        Invitation.objects.select_related(
            "reception__session__delegation__event",
            "reception__session__delegation__lead",
            "quota__participant__organisation",
        )
        .filter(pk=invitation_id, erased_at=None)
        .exclude(email="")
        .first()
    )
    if invitation is None:
        return 0
    with translation.override(invitation.language):
        session = invitation.reception.session
        title = (
            session.title_en or session.title_fr
            if invitation.language == "en"
            else (session.title_fr or session.title_en)
        )
        body = render_to_string(
            template,
            {"invitation": invitation, "title": title, "url": rsvp_url(invitation)},
        )
        message = EmailMessage(
            translation.gettext(subject) % {"title": title}, body, None, [invitation.email]
        )
    message.attach(card_filename(invitation), render_card(invitation), "application/pdf")
    return message.send()


@task()
def send_card(invitation_id: int) -> int:
    return _mail(invitation_id, "reception/email/card.txt", "Your invitation: %(title)s")


@task()
def send_reminder(invitation_id: int) -> int:
    return _mail(invitation_id, "reception/email/reminder.txt", "Will you come? %(title)s")
