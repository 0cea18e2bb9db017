"""Pages of the call for participation: open and close it, propose or invite companies,
the company's own application through a signed link, and the lead's review."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cityties.accounts.guestlinks import GuestLinkError
from cityties.accounts.permissions import is_network_staff, officer_org_ids
from cityties.accounts.views import guest_link_refused
from cityties.core.http import AuthenticatedHttpRequest
from cityties.network.models import Organisation

from .. import services as svc
from ..access import access_application, access_call, access_delegation
from ..forms import ApplyForm, CallForm, DecideForm, InviteForm, ProposeForm
from ..models import Application, Call


def _own_companies(user: Any) -> QuerySet[Organisation]:
    qs = Organisation.objects.filter(kind="company", archived_at=None, sponsor__isnull=False)
    if not is_network_staff(user):
        qs = qs.filter(sponsor_id__in=officer_org_ids(user))
    return qs.select_related("sponsor").order_by("name")


@login_required
@require_http_methods(["GET", "POST"])
def call_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegation = access_delegation(request.user, pk, rule="delegations.manage")
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_open_call(delegation, actor=request.user, **form.cleaned_data)
        except svc.DelegationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The call for participation is open."))
            return redirect("delegations:call", delegation.pk)
    return render(
        request,
        "delegations/simple_form.html",
        {"form": form, "delegation": delegation, "heading": _("Open a call for participation")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def call_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Officers propose their companies here; the lead reviews every application."""
    call = access_call(request.user, pk)
    delegation = call.delegation
    manage = rules.test_rule("delegations.manage", request.user, delegation)
    companies = _own_companies(request.user).exclude(pk__in=call.applications.values("company_id"))
    form = ProposeForm(request.POST or None, companies=companies)
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_propose_company(call, actor=request.user, **form.cleaned_data)
        except svc.DelegationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Company proposed."))
            return redirect("delegations:call", delegation.pk)
    applications = Application.objects.filter(call=call).select_related("company", "sponsor")
    if not manage:
        applications = applications.filter(sponsor_id__in=officer_org_ids(request.user))
    return render(
        request,
        "delegations/call_detail.html",
        {
            "call": call,
            "delegation": delegation,
            "manage": manage,
            "form": form if call.is_open and companies.exists() else None,
            "invite_form": InviteForm(companies=companies)
            if call.is_open and companies.exists()
            else None,
            "applications": applications,
            "counts": svc.call_counts(call),
            "decide_form": DecideForm(),
        },
    )


@login_required
@require_POST
def call_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegation = access_delegation(request.user, pk, rule="delegations.manage")
    call = Call.objects.filter(delegation=delegation).first()
    if call is None:
        raise PermissionDenied
    try:
        svc.check_close_call(call, actor=request.user)
    except svc.DelegationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The call for participation is closed."))
    return redirect("delegations:call", delegation.pk)


@login_required
@require_POST
def call_invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    call = access_call(request.user, pk)
    form = InviteForm(request.POST, companies=_own_companies(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose one of your companies and give its e-mail."))
        return redirect("delegations:call", pk)
    try:
        svc.check_send_application_link(
            call,
            actor=request.user,
            link_for=lambda token: request.build_absolute_uri(
                reverse("delegations:apply", args=[token])
            ),
            **form.cleaned_data,
        )
    except svc.DelegationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The link to apply has been sent."))
    return redirect("delegations:call", pk)


@login_required
@require_POST
def application_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = access_application(request.user, pk)
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
    else:
        try:
            svc.check_decide(application, actor=request.user, **form.cleaned_data)
        except svc.DelegationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Decision recorded for %(company)s; the applicant is told by mail.")
                % {"company": application.company.name},
            )
    return redirect("delegations:call", application.call.delegation_id)


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, token: str) -> HttpResponse:
    """A company applies itself, through the signed link its city sent: no account."""
    try:
        call, company = svc.read_application_token(token)
    except GuestLinkError as exc:
        return guest_link_refused(request, exc)
    form = ApplyForm(request.POST or None)
    done = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            svc.check_apply_by_link(
                call,
                company,
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                language=data["language"],
                motivation=data["motivation"],
            )
            if data["pitch_fr"] or data["pitch_en"]:
                svc.check_save_company_profile(
                    company, actor=None, pitch_fr=data["pitch_fr"], pitch_en=data["pitch_en"]
                )
        except svc.DelegationError as exc:
            form.add_error(None, str(exc))
        else:
            done = True
    return render(
        request,
        "delegations/apply.html",
        {"call": call, "company": company, "form": form, "done": done},
    )
