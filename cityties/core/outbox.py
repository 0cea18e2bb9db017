"""The development outbox: a mail backend that keeps messages in the database instead of
sending them, so that a newcomer running `make run` can open the invitation or password
reset link on the staff's /outbox/ page."""

from __future__ import annotations

from collections.abc import Sequence
from email import message_from_bytes, policy

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend


def _parts(message: EmailMessage) -> tuple[str, str]:
    parsed = message_from_bytes(message.message().as_bytes(), policy=policy.default)
    plain = parsed.get_body(preferencelist=("plain",))
    html = parsed.get_body(preferencelist=("html",))
    return (
        plain.get_content() if plain is not None else "",
        html.get_content() if html is not None else "",
    )


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        from .models import OutboxMessage

        sent = 0
        for message in email_messages:
            body, html = _parts(message)
            OutboxMessage.objects.create(
                subject=str(message.subject),
                from_email=str(message.from_email),
                to=", ".join(str(address) for address in message.recipients()),
                body=body,
                html=html,
                raw=message.message().as_string(),
            )
            sent += 1
        return sent
