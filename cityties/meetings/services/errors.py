"""The one error type of the meeting services: a stable code, a translatable message."""

from django.utils.translation import gettext_lazy as _

from cityties.core.errors import DomainError


class MeetingError(DomainError):
    code = "meeting_error"
    status = 400


def ensure_draft(meeting: object) -> None:
    """Approved minutes are read-only: reopen them first."""
    if getattr(meeting, "is_approved", False):
        raise MeetingError(
            _("The minutes are approved and read-only; reopen them to make changes."),
            code="minutes_approved",
        )
