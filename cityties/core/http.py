"""Types of the HTTP layer shared by every app's views and API."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Schema

from cityties.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind `login_required` (or an API endpoint behind
    `django_auth`): its user is a real account, never the anonymous user."""

    user: User


class ErrorOut(Schema):
    """The body of every refusal of the API: a stable code and a message for people."""

    code: str
    message: str


class DuplicateOut(ErrorOut):
    """A 409: the record exists already; its id when the caller may see it."""

    existing_id: int | None = Field(
        None, description="The record to use instead, when you may see it"
    )
