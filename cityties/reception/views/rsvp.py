"""The guest's page, reached by the signed link of their mail: the invitation in their
name, their answer, their card. No account; the link was the proof."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cityties.accounts.guestlinks import GuestLinkError
from cityties.core.errors import add_form_error

from .. import services as svc
from ..card import card_filename, render_card
from ..forms import AnswerForm
from ..models import Rsvp


def _refused(request: HttpRequest, error: GuestLinkError) -> HttpResponse:
    return render(request, "reception/rsvp_refused.html", {"error": error}, status=400)


@require_http_methods(["GET", "POST"])
def rsvp(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = svc.read_rsvp_token(token)
    except GuestLinkError as error:
        return _refused(request, error)
    reception = invitation.reception
    # The guest's own language unless they switched on the page.
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or invitation.language
    with translation.override(language if language in ("fr", "en") else invitation.language):
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
        return render(
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


@require_GET
def rsvp_card(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = svc.read_rsvp_token(token)
    except GuestLinkError as error:
        return _refused(request, error)
    response = HttpResponse(render_card(invitation), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{card_filename(invitation)}"'
    return response
