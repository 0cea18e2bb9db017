"""Error pages in the site's layout and the reader's language, each with a way back.

Django calls these handlers (see `cityties/urls.py`) when DEBUG is off. The 500 page is
rendered from a standalone template without context processors: the database or the
session may be what failed.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from .middleware import request_language

MESSAGES = {
    400: (_("Bad request"), _("The address or the form sent could not be understood.")),
    403: (_("Access denied"), _("You may not see this page or do this.")),
    404: (_("Page not found"), _("This page does not exist, or no longer does.")),
    429: (
        _("Too many requests"),
        _("Too many attempts in a short time. Wait a few minutes, then try again."),
    ),
}


def back_url(request: HttpRequest) -> str | None:
    """The page the reader came from, when it is one of ours (a safe way back)."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except DisallowedHost:  # the very error this page may be reporting
        return None
    if not referer or not url_has_allowed_host_and_scheme(
        referer, allowed_hosts={host}, require_https=request.is_secure()
    ):
        return None
    here = request.build_absolute_uri(request.path).rstrip("/")
    return referer if referer.split("?")[0].rstrip("/") != here else None


def error_page(
    request: HttpRequest, status: int, *, detail: str | None = None, title: str | None = None
) -> HttpResponse:
    default_title, default_detail = MESSAGES[status]
    context = {
        "status": status,
        "title": title or default_title,
        "detail": detail or default_detail,
        "back_url": back_url(request),
    }
    # Errors raised before the language middleware ran (a bad Host header) still speak
    # the reader's language.
    with translation.override(request_language(request)):
        return render(request, "errors/error.html", context, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 404)


def too_many_requests(request: HttpRequest, detail: str | None = None) -> HttpResponse:
    return error_page(request, 429, detail=detail)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return error_page(
        request,
        403,
        title=str(_("The form has expired")),
        detail=str(
            _(
                "For your security, this form could not be accepted: it was open too long "
                "or cookies are blocked. Go back, reload the page and send it again."
            )
        ),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        language = request_language(request)
    except Exception:  # the user's row may be what failed to load
        language = translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        body = loader.get_template("errors/500.html").render({"LANGUAGE_CODE": language})
    return HttpResponse(body, status=500)
