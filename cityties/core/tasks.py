"""Background tasks of the core: mail queued by the clock's jobs."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation

from cityties.accounts.models import Role, User


@task()
def mail_staff(subject: str, template: str, context: dict[str, object]) -> int:
    """Send one notice to every active network staff member, each in their language."""
    staff = User.objects.filter(is_active=True, memberships__role=Role.NETWORK_STAFF).distinct()
    sent = 0
    for user in staff:
        with translation.override(user.language or settings.LANGUAGE_CODE):
            body = render_to_string(template, {**context, "user": user})
            sent += send_mail(str(translation.gettext(subject)), body, None, [user.email])
    return sent
