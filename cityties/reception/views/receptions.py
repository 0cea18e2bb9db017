"""The lead's pages: the receptions of a delegation, setting one up, and its view per
exhibitor and member city with the quotas."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.core.errors import add_form_error
from cityties.core.http import AuthenticatedHttpRequest
from cityties.delegations.models import Participant, Session, SessionKind

from .. import services as svc
from ..access import access_delegation_receptions, access_quota, access_reception, access_session
from ..forms import QuotaForm, ReceptionForm
from ..models import Reception
from ._common import attempt


@login_required
@require_GET
def delegation_receptions(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegation = access_delegation_receptions(request.user, pk)
    sessions = Session.objects.filter(delegation=delegation, kind=SessionKind.RECEPTION)
    set_up = {r.session_id: r for r in Reception.objects.filter(session__in=sessions)}
    return render(
        request,
        "reception/delegation.html",
        {
            "delegation": delegation,
            "rows": [(session, set_up.get(session.pk)) for session in sessions],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def setup(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = access_session(request.user, pk)
    if session.kind != SessionKind.RECEPTION:
        raise Http404
    existing = Reception.objects.filter(session=session).first()
    if existing is not None:
        return redirect("reception:detail", existing.pk)
    zone = session.delegation.event.time_zone
    form = ReceptionForm(
        request.POST or None, zone=zone, initial={"venue": session.place, "capacity": 100}
    )
    if request.method == "POST" and form.is_valid():
        try:
            reception = svc.check_create_reception(
                session, actor=request.user, fields=form.service_fields()
            )
        except svc.ReceptionError as exc:
            add_form_error(form, exc)
        else:
            messages.success(request, _("Reception set up: now give out the quotas."))
            return redirect("reception:detail", reception.pk)
    return render(
        request,
        "reception/form.html",
        {"delegation": session.delegation, "form": form, "title": session.title},
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reception = access_reception(request.user, pk)
    form = ReceptionForm(
        request.POST or None, zone=reception.time_zone, initial=ReceptionForm.initial_for(reception)
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_update_reception(reception, actor=request.user, fields=form.service_fields())
        except svc.ReceptionError as exc:
            add_form_error(form, exc)
        else:
            messages.success(request, _("Reception saved."))
            return redirect("reception:detail", reception.pk)
    return render(
        request,
        "reception/form.html",
        {
            "delegation": reception.session.delegation,
            "reception": reception,
            "form": form,
            "title": reception.session.title,
        },
    )


def _participants(reception: Reception) -> list[Participant]:
    return list(
        Participant.objects.filter(delegation=reception.session.delegation)
        .select_related("organisation")
        .order_by("kind", "organisation__name_key")
    )


@login_required
@require_GET
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reception = access_reception(request.user, pk)
    participants = _participants(reception)
    return render(
        request,
        "reception/detail.html",
        {
            "reception": reception,
            "delegation": reception.session.delegation,
            "overview": svc.overview(reception),
            "count": svc.head_count(reception),
            "quota_form": QuotaForm(
                participants=Participant.objects.filter(
                    pk__in=[p.pk for p in participants]
                ).select_related("organisation")
            ),
        },
    )


@login_required
@require_POST
def quota_set(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reception = access_reception(request.user, pk)
    form = QuotaForm(
        request.POST,
        participants=Participant.objects.filter(
            delegation=reception.session.delegation
        ).select_related("organisation"),
    )
    if not form.is_valid():
        messages.error(request, _("Choose an exhibitor or city and a number of invitations."))
    else:
        data = form.cleaned_data
        attempt(
            request,
            lambda: svc.check_set_quota(
                reception, actor=request.user, participant=data["participant"], size=data["size"]
            ),
            _("Quota saved."),
        )
    return redirect("reception:detail", reception.pk)


@login_required
@require_POST
def quota_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    quota = access_quota(request.user, pk, manage=True)
    attempt(request, lambda: svc.check_remove_quota(quota, actor=request.user), _("Quota removed."))
    return redirect("reception:detail", quota.reception_id)
