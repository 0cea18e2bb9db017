"""The guest's page, reached by the signed link of their mail: the invitation in their
name, their answer, their card. No account; the link was the proof, and the first
browser to open it keeps it (a cookie holding the link's claim): the same link opened
elsewhere, a forwarded mail for instance, is refused and offers to mail a new link to
the invitation's own address."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.accounts.guestlinks import GuestLinkError
from cityties.core.errors import add_form_error

from .. import services as svc
from ..card import card_filename, render_card
from ..forms import AnswerForm
from ..models import Invitation, Rsvp


def _refused(request: HttpRequest, error: GuestLinkError) -> HttpResponse:
    return render(request, "reception/rsvp_refused.html", {"error": error}, status=400)


def _cookie(invitation: Invitation) -> str:
    return f"rsvp{invitation.pk}"


def _language(request: HttpRequest, invitation: Invitation) -> str:
    # The guest's own language unless they switched on the page.
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in ("fr", "en") else invitation.language


def _masked(email: str) -> str:
    local, _at, domain = email.partition("@")
    return f"{local[:1]}…@{domain}" if domain else ""


def _elsewhere(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    with translation.override(_language(request, invitation)):
        return render(
            request,
            "reception/rsvp_elsewhere.html",
            {"invitation": invitation, "token": token, "masked": _masked(invitation.email)},
            status=403,
        )


def _keep_claim(response: HttpResponse, invitation: Invitation, secret: str | None) -> None:
    if secret is None:
        return
    ends = invitation.reception.session.ends_at
    response.set_cookie(
        _cookie(invitation),
        secret,
        max_age=max(60, int((ends - timezone.now()).total_seconds())),
        path="/reception/rsvp/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _open(request: HttpRequest, token: str) -> tuple[Invitation, str | None] | HttpResponse:
    """The invitation and, on a first opening, the claim to keep in this browser; or the
    page that refuses."""
    try:
        invitation = svc.read_rsvp_token(token)
    except GuestLinkError as error:
        return _refused(request, error)
    here = svc.link_opens_here(invitation, request.COOKIES.get(_cookie(invitation)))
    if here is False:
        return _elsewhere(request, invitation, token)
    secret = svc.claim_link(invitation) if here is None else None
    if here is None and secret is None:
        return _elsewhere(request, invitation, token)  # another browser, a moment ago
    return invitation, secret


@require_http_methods(["GET", "POST"])
def rsvp(request: HttpRequest, token: str) -> HttpResponse:
    opened = _open(request, token)
    if isinstance(opened, HttpResponse):
        return opened
    invitation, secret = opened
    reception = invitation.reception
    with translation.override(_language(request, invitation)):
        initial = {
            "attending": "no" if invitation.rsvp == Rsvp.NO else "yes",
            "plus_ones": invitation.plus_ones,
        }
        form = AnswerForm(
            request.POST or None, allowed=reception.plus_ones_allowed, initial=initial
        )
        saved = False
        if request.method == "POST" and form.is_valid():
            try:
                invitation = svc.check_answer(
                    invitation,
                    actor=None,
                    attending=form.cleaned_data["attending"],
                    plus_ones=form.cleaned_data.get("plus_ones") or 0,
                )
            except svc.ReceptionError as exc:
                add_form_error(form, exc)
            else:
                saved = True
        response = render(
            request,
            "reception/rsvp.html",
            {
                "invitation": invitation,
                "reception": reception,
                "session": reception.session,
                "event": reception.session.delegation.event,
                "form": form,
                "saved": saved,
                "token": token,
                "closed": reception.has_started,
                "page_title": _("Your invitation"),
            },
        )
    _keep_claim(response, invitation, secret)
    return response


@require_GET
def rsvp_card(request: HttpRequest, token: str) -> HttpResponse:
    opened = _open(request, token)
    if isinstance(opened, HttpResponse):
        return opened
    invitation, secret = opened
    response = HttpResponse(render_card(invitation), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{card_filename(invitation)}"'
    _keep_claim(response, invitation, secret)
    return response


@require_POST
def rsvp_renew(request: HttpRequest, token: str) -> HttpResponse:
    """A new link to the invitation's own address, for a guest on another device."""
    try:
        invitation = svc.read_rsvp_token(token)
    except GuestLinkError as error:
        return _refused(request, error)
    with translation.override(_language(request, invitation)):
        try:
            svc.check_renew_link(invitation)
        except svc.ReceptionError as error:
            message, status = str(error), 429 if error.code == "renewed_recently" else 400
        else:
            message = _("A new link was sent to %(address)s. The earlier one no longer works.") % {
                "address": _masked(invitation.email)
            }
            status = 200
        return render(
            request,
            "reception/rsvp_renewed.html",
            {"message": message, "failed": status != 200},
            status=status,
        )
