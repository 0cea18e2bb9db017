"""The API's answers when a request is refused, one shape for all: `{"code", "message"}`
(with the fields in error for a 422), and the status codes each operation declares.

Ninja's own refusals (not logged in, CSRF, unreadable body, invalid parameters) are given
the same shape here, so the OpenAPI schema can promise one error body everywhere.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from cityties.core.http import ErrorOut


class FieldErrorOut(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorOut(ErrorOut):
    errors: list[FieldErrorOut]


# Every operation sits behind a session login and the CSRF check, and validates its input.
_ALWAYS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 422: ValidationErrorOut}


def responses(success: dict[int, Any], **errors: Any) -> dict[int, Any]:
    """The responses of an operation: its success, the refusals every operation can give,
    and the ones it adds (`not_found=True`, `conflict=DuplicateOut`, `invalid=True`)."""
    declared = {**success, **_ALWAYS}
    for status, name in ((400, "invalid"), (404, "not_found"), (409, "conflict")):
        schema = errors.pop(name, None)
        if schema:
            declared[status] = ErrorOut if schema is True else schema
    if errors:
        raise TypeError(f"Unknown kinds of error: {sorted(errors)}")
    return declared


_HTTP_CODES = {
    400: "malformed",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    429: "throttled",
}


def install_error_handlers(api: NinjaAPI) -> None:
    """Answer ninja's own refusals with the one error shape."""

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(
            request,
            {"code": "unauthenticated", "message": _("Log in to use the API.")},
            status=exc.status_code,
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = _HTTP_CODES.get(exc.status_code, "error")
        return api.create_response(
            request, {"code": code, "message": str(exc)}, status=exc.status_code
        )

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {
                "loc": list(error.get("loc", [])),
                "msg": str(error.get("msg", "")),
                "type": str(error.get("type", "")),
            }
            for error in exc.errors
        ]
        return api.create_response(
            request,
            {"code": "invalid", "message": _("Some values are invalid."), "errors": errors},
            status=422,
        )
