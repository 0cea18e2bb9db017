"""Domain errors: a stable code for tests and callers, a translatable message for people.

The API turns any of them into `{"code", "message"}` with the error's `status`; pages and
forms show the message, next to `field` when the error is about one field.
"""

from __future__ import annotations

from typing import Any

from django.forms import BaseForm
from django.utils.functional import Promise


class DomainError(Exception):
    code: str = "error"
    # HTTP status of the API's answer: 400 for invalid input unless a subclass says better.
    status: int = 400

    def __init__(
        self, message: str | Promise, *, code: str | None = None, field: str | None = None
    ) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return str(self.message)

    def payload(self) -> dict[str, Any]:
        """The body of the API's answer."""
        return {"code": self.code, "message": str(self.message)}


class NotAllowedError(DomainError):
    """The user may act on the object, but not make this particular change."""

    code = "forbidden"
    status = 403


class ConflictError(DomainError):
    """The change collides with the current state (a duplicate, a record changed since)."""

    code = "conflict"
    status = 409


def add_form_error(form: BaseForm, error: DomainError) -> None:
    """Show a service's refusal in a form: next to its field when the form has it."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error))
