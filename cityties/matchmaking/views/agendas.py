"""Agendas (page, PDF, iCal, in the event's time zone and the person's language), the
printable sheet of a place, and a meeting on site: held or no-show, a private note, the
follow-up planned."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cityties.core.http import AuthenticatedHttpRequest
from cityties.events.ical import calendar_bytes

from .. import services as svc
from ..access import access_meeting, access_place, access_profile, may_manage
from ..forms import OnsiteForm
from ._common import ics_response, pdf_response, rights


@login_required
@require_GET
def agenda(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    profile = access_profile(request.user, pk)
    return render(
        request,
        "matchmaking/agenda.html",
        {"may": rights(request.user, profile.event), **svc.agenda_context(profile)},
    )


@login_required
@require_GET
def agenda_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The agenda as a PDF, in the person's language."""
    profile = access_profile(request.user, pk)
    with translation.override(svc.profile_language(profile)):
        html = render_to_string("matchmaking/agenda_pdf.html", svc.agenda_context(profile))
    return pdf_response(html, f"agenda-{profile.pk}.pdf")


@login_required
@require_GET
def agenda_ics(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    profile = access_profile(request.user, pk)
    with translation.override(svc.profile_language(profile)):
        body = calendar_bytes(f"{profile.event.title} — {profile.name}", svc.ical_items(profile))
    return ics_response(body, f"agenda-{profile.pk}.ics")


def _sheet_context(place: object) -> dict[str, object]:
    event = place.event  # type: ignore[attr-defined]
    return {"place": place, "event": event, "zone": event.time_zone, "rows": svc.place_sheet(place)}  # type: ignore[arg-type]


@login_required
@require_GET
def place_sheet(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    place = access_place(request.user, pk)
    return render(
        request,
        "matchmaking/place_sheet.html",
        {"may": rights(request.user, place.event), **_sheet_context(place)},
    )


@login_required
@require_GET
def place_sheet_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    place = access_place(request.user, pk)
    html = render_to_string("matchmaking/place_sheet_pdf.html", _sheet_context(place))
    return pdf_response(html, f"place-{place.pk}.pdf")


@login_required
@require_http_methods(["GET", "POST"])
def meeting(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk)
    # The reader's side: the sender's unless they act for the recipient only.
    side = (
        "recipient"
        if rules.test_rule("matchmaking.act_for", request.user, meeting.request.recipient)
        and not rules.test_rule("matchmaking.act_for", request.user, meeting.request.sender)
        else "sender"
    )
    note = meeting.note if side == "sender" else meeting.recipient_note
    form = OnsiteForm(
        request.POST or None,
        initial={"status": meeting.status, "note": note, "followup": meeting.followup},
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_record_onsite(meeting, actor=request.user, side=side, **form.cleaned_data)
        except svc.MatchmakingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect("matchmaking:meeting", meeting.pk)
    return render(
        request,
        "matchmaking/meeting.html",
        {
            "event": meeting.event,
            "may": rights(request.user, meeting.event),
            "meeting": meeting,
            "form": form,
            "manage": may_manage(request.user, meeting.event),
            "zone": meeting.event.time_zone,
            "side": side,
        },
    )
