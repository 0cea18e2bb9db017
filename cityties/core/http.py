"""Types of the HTTP layer shared by every app's views and API."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Schema

from cityties.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind `login_required` (or an API endpoint behind
    `django_auth`): its user is a real account, never the anonymous user."""

    user: User


class ErrorOut(Schema):
    """The body of every refusal of the API: a stable code and a message for people."""

    code: str
    message: str
