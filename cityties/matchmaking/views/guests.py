"""Pages for attendees, who have no account: they act through signed links.

The answer link of a request is single-use and expires with the request; the attendee's
own link opens their profile, their availability, their requests and their agenda. A
forged, expired or used link gets a clear page, and nothing changes.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cityties.accounts.guestlinks import GuestLinkError
from cityties.core.errors import DomainError
from cityties.events.ical import calendar_bytes

from .. import services as svc
from ..forms import ProfileForm
from ..models import MeetingRequest, Profile, RequestStatus
from ._common import ics_response, pdf_response
from .profiles import availability_form, free_ids, profile_initial, save_profile_forms


def link_refused(request: HttpRequest, error: DomainError, token: str = "") -> HttpResponse:
    """The clear page of a forged (400), expired or used (410) link; in the language of
    the person it was mailed to, when it is a genuine link."""
    status = 410 if error.code in {"guest_link_expired", "guest_link_used"} else 400
    recipient = svc.recipient_of_token(token) if token and status == 410 else None
    if recipient is not None:
        _in_language(request, recipient)
        try:  # the same refusal, said again in their language
            svc.read_answer_token(token)
        except GuestLinkError as again:
            error = again
    return render(request, "accounts/link_refused.html", {"error": error}, status=status)


def _in_language(request: HttpRequest, profile: Profile) -> None:
    """An attendee reads their pages in their language unless they switched language."""
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        translation.activate(svc.profile_language(profile))
        request.LANGUAGE_CODE = svc.profile_language(profile)


@require_http_methods(["GET", "POST"])
def guest_answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        meeting_request = svc.read_answer_token(token)
    except GuestLinkError as exc:
        return link_refused(request, exc, token)
    _in_language(request, meeting_request.recipient)
    if request.method == "POST":
        decision = request.POST.get("decision")
        if decision not in ("accept", "decline"):
            raise Http404
        try:
            meeting_request = svc.check_answer_by_link(token, accept=decision == "accept")
        except GuestLinkError as exc:
            return link_refused(request, exc, token)
        except svc.MatchmakingError as exc:
            messages.error(request, str(exc))
        else:
            return render(
                request,
                "matchmaking/guest_answered.html",
                {
                    "meeting_request": meeting_request,
                    "home": svc.attendee_token(meeting_request.recipient.attendee),  # type: ignore[arg-type]
                },
            )
    sender = meeting_request.sender
    return render(
        request,
        "matchmaking/guest_answer.html",
        {
            "meeting_request": meeting_request,
            "sender": sender,
            "organisation": sender.organisation_name,
            "event": meeting_request.event,
        },
    )


@require_http_methods(["GET", "POST"])
def guest_home(request: HttpRequest, token: str) -> HttpResponse:
    try:
        profile = svc.read_attendee_token(token)
    except GuestLinkError as exc:
        return link_refused(request, exc)
    _in_language(request, profile)
    action = request.POST.get("action", "")
    data = request.POST if action == "profile" else None
    form = ProfileForm(data, initial=profile_initial(profile))
    availability = availability_form(profile, data)
    if action == "profile" and save_profile_forms(request, profile, form, availability):
        messages.success(request, _("Your profile is saved."))
        return redirect("matchmaking:guest_home", token)
    if action in ("accept", "decline"):
        answered = MeetingRequest.objects.filter(
            pk=request.POST.get("request", 0),
            recipient=profile,
            status=RequestStatus.PENDING,
        ).first()
        if answered is None:
            raise Http404
        try:
            svc.do_answer_request(answered, actor=None, accept=action == "accept")
        except svc.MatchmakingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Request accepted.") if action == "accept" else _("Request declined.")
            )
        return redirect("matchmaking:guest_home", token)
    pending = MeetingRequest.objects.filter(
        recipient=profile, status=RequestStatus.PENDING
    ).select_related("sender")
    return render(
        request,
        "matchmaking/guest_home.html",
        {
            "profile": profile,
            "event": profile.event,
            "token": token,
            "form": form,
            "availability": availability,
            "free_ids": free_ids(availability),
            "days": svc.slots_by_day(profile.event),
            "zone": profile.event.time_zone,
            "pending": pending,
            **svc.agenda_context(profile),
        },
    )


@require_GET
def guest_agenda_ics(request: HttpRequest, token: str) -> HttpResponse:
    try:
        profile = svc.read_attendee_token(token)
    except GuestLinkError as exc:
        return link_refused(request, exc)
    with translation.override(svc.profile_language(profile)):
        body = calendar_bytes(f"{profile.event.title} — {profile.name}", svc.ical_items(profile))
    return ics_response(body, "agenda.ics")


@require_GET
def guest_agenda_pdf(request: HttpRequest, token: str) -> HttpResponse:
    try:
        profile = svc.read_attendee_token(token)
    except GuestLinkError as exc:
        return link_refused(request, exc)
    with translation.override(svc.profile_language(profile)):
        html = render_to_string("matchmaking/agenda_pdf.html", svc.agenda_context(profile))
    return pdf_response(html, "agenda.pdf")
