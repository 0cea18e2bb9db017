"""Pages of the programme and of each delegate's itinerary (page, PDF, iCal feed)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.core.http import AuthenticatedHttpRequest
from cityties.events.forms import initial_from
from cityties.events.ical import CalendarItem, calendar_bytes
from cityties.network.models import Person

from .. import services as svc
from ..access import access_delegate, access_delegation, access_session
from ..forms import SessionForm
from ..models import Delegate, Delegation, Session
from ._common import rights


@login_required
@require_GET
def programme(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegation = access_delegation(request.user, pk, rule="delegations.view_programme")
    return render(
        request,
        "delegations/programme.html",
        {
            "delegation": delegation,
            "sessions": svc.programme(delegation),
            "may": rights(request.user, delegation),
        },
    )


def _session_form(delegation: Delegation, data: Any = None, **kwargs: Any) -> SessionForm:
    delegates = Delegate.objects.filter(participant__delegation=delegation).select_related(
        "person", "participant__organisation"
    )
    orgs = {
        delegation.lead_id,
        delegation.event.organiser_id,
        *delegation.supporters.values_list("organisation_id", flat=True),
    }
    people: QuerySet[Person] = (
        Person.objects.filter(
            Q(pk__in=delegates.values("person_id")) | Q(organisation_id__in=orgs), erased_at=None
        )
        .select_related("organisation")
        .order_by("last_name", "first_name")
    )
    return SessionForm(
        data, zone=delegation.event.time_zone, people=people, delegates=delegates, **kwargs
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegation = access_delegation(request.user, pk, rule="delegations.manage")
    form = _session_form(delegation, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_add_session(delegation, actor=request.user, **form.service_values())
        except svc.DelegationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Session added to the programme."))
            return redirect("delegations:programme", delegation.pk)
    return render(
        request,
        "delegations/simple_form.html",
        {"form": form, "delegation": delegation, "heading": _("New session")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = access_session(request.user, pk, edit=True)
    delegation = session.delegation
    values = svc.session_values(session)
    initial = initial_from({**values, "time_zone": delegation.event.time_zone})  # type: ignore[typeddict-item]
    form = _session_form(delegation, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_update_session(session, actor=request.user, **form.service_values())
        except svc.DelegationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Session saved."))
            return redirect("delegations:programme", delegation.pk)
    return render(
        request,
        "delegations/simple_form.html",
        {"form": form, "delegation": delegation, "heading": session.title},
    )


@login_required
@require_POST
def session_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = access_session(request.user, pk, edit=True)
    svc.do_delete_session(session, actor=request.user)
    messages.success(request, _("Session deleted."))
    return redirect("delegations:programme", session.delegation_id)


# --- Itineraries ---------------------------------------------------------------------


def _itinerary_context(request: HttpRequest, delegate: Delegate) -> dict[str, Any]:
    delegation = delegate.participant.delegation
    return {
        "delegate": delegate,
        "delegation": delegation,
        "event": delegation.event,
        "zone": delegation.event.time_zone,
        "sessions": list(svc.itinerary(delegate)),
        "feed_url": request.build_absolute_uri(
            reverse("delegations:itinerary_feed", args=[delegate.feed_token])
        ),
    }


@login_required
@require_GET
def itinerary(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegate = access_delegate(request.user, pk)
    return render(request, "delegations/itinerary.html", _itinerary_context(request, delegate))


@login_required
@require_GET
def itinerary_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The same itinerary as a PDF, in the delegate's language."""
    from django.contrib.staticfiles import finders
    from weasyprint import CSS, HTML

    delegate = access_delegate(request.user, pk)
    with translation.override(svc.delegate_language(delegate)):
        html = render_to_string(
            "delegations/itinerary_pdf.html", _itinerary_context(request, delegate)
        )
    # The stylesheet is read from disk: WeasyPrint fetches nothing over the network.
    stylesheet = CSS(filename=finders.find("delegations/itinerary_pdf.css"))
    pdf = HTML(string=html).write_pdf(stylesheets=[stylesheet])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="itinerary-{delegate.pk}.pdf"'
    return response


@login_required
@require_POST
def itinerary_feed_reset(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegate = access_delegate(request.user, pk)
    svc.do_reset_itinerary_feed(delegate, actor=request.user)
    messages.success(request, _("The feed has a new address; the old one no longer works."))
    return redirect("delegations:itinerary", delegate.pk)


@require_GET
def itinerary_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The itinerary as iCal, behind its secret token, in the delegate's language."""
    delegate = (
        Delegate.objects.select_related("person__user", "participant__delegation__event")
        .filter(feed_token=token)
        .first()
    )
    if delegate is None:
        raise Http404
    delegation = delegate.participant.delegation
    zone = delegation.event.time_zone
    with translation.override(svc.delegate_language(delegate)):
        items = [_session_item(session, zone) for session in svc.itinerary(delegate)]
        name = f"{delegation.title} — {delegate.person.full_name}"
    response = HttpResponse(
        calendar_bytes(name, items), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="itinerary.ics"'
    return response


def _session_item(session: Session, zone: str) -> CalendarItem:
    speakers = ", ".join(person.full_name for person in session.speakers.all())
    description = session.get_kind_display()
    if speakers:
        description += "\n" + _("Speakers: %(names)s") % {"names": speakers}
    return CalendarItem(
        uid=f"session-{session.pk}@cityties",
        summary=session.title,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        time_zone=zone,
        description=description,
        location=session.place,
    )
