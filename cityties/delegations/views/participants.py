"""Pages of participants: the list by city, adding governments and companies, delegates,
and company profiles."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.accounts.permissions import officer_org_ids
from cityties.core.http import AuthenticatedHttpRequest
from cityties.network.models import GOVERNMENT_KINDS, Organisation, Person

from .. import services as svc
from ..access import access_company, access_delegation, access_participant
from ..forms import CompanyForm, CompanyProfileForm, DelegateForm, GovernmentForm
from ..models import CompanyProfile, Delegate, Delegation, Participant, ParticipantKind
from ._common import rights


def _sponsorable_companies(
    user: Any, delegation: Delegation, manage: bool
) -> QuerySet[Organisation]:
    """Companies the reader may bring: the lead and staff any sponsored company, an officer
    those its own government sponsors."""
    qs = Organisation.objects.filter(kind="company", archived_at=None, sponsor__isnull=False)
    qs = qs.exclude(pk__in=delegation.participants.values("organisation_id"))
    if not manage:
        qs = qs.filter(sponsor_id__in=officer_org_ids(user))
    return qs.select_related("sponsor").order_by("name")


@login_required
@require_GET
def participant_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegation = access_delegation(request.user, pk, rule="delegations.view_participants")
    may = rights(request.user, delegation)
    participants = svc.participant_rows(delegation)
    governments = Organisation.objects.filter(
        archived_at=None, kind__in=GOVERNMENT_KINDS, is_member=True
    ).exclude(pk__in=[p.organisation_id for p in participants])
    companies = _sponsorable_companies(request.user, delegation, may.manage)
    return render(
        request,
        "delegations/participant_list.html",
        {
            "delegation": delegation,
            "may": may,
            "cities": svc.participants_by_city(participants),
            "counts": svc.delegation_counts(participants),
            "government_form": GovernmentForm(governments=governments.order_by("name"))
            if may.manage
            else None,
            "company_form": CompanyForm(companies=companies) if companies.exists() else None,
            "own_ids": officer_org_ids(request.user),
        },
    )


@login_required
@require_POST
def government_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegation = access_delegation(request.user, pk, rule="delegations.manage")
    form = GovernmentForm(
        request.POST,
        governments=Organisation.objects.filter(kind__in=GOVERNMENT_KINDS, is_member=True),
    )
    if form.is_valid():
        try:
            svc.check_add_government(delegation, actor=request.user, **form.cleaned_data)
        except svc.DelegationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Government added."))
    return redirect("delegations:participants", delegation.pk)


@login_required
@require_POST
def company_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegation = access_delegation(request.user, pk, rule="delegations.view_participants")
    may = rights(request.user, delegation)
    form = CompanyForm(
        request.POST, companies=_sponsorable_companies(request.user, delegation, may.manage)
    )
    if not form.is_valid():
        # Not among the companies this reader may bring.
        raise PermissionDenied
    company = form.cleaned_data["company"]
    try:
        svc.check_add_company(
            delegation, actor=request.user, company=company, sponsor=company.sponsor
        )
    except svc.DelegationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Company added."))
    return redirect("delegations:participants", delegation.pk)


@login_required
@require_http_methods(["GET", "POST"])
def participant_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    participant = access_participant(request.user, pk)
    can_edit = bool(rules.test_rule("delegations.edit_participant", request.user, participant))
    people = Person.objects.filter(
        organisation_id=participant.organisation_id, erased_at=None, archived_at=None
    ).exclude(pk__in=participant.delegates.values("person_id"))
    form = DelegateForm(request.POST or None, people=people.select_related("organisation"))
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                svc.check_add_delegate(participant, actor=request.user, **form.cleaned_data)
            except svc.DelegationError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Delegate added."))
                return redirect("delegations:participant_detail", participant.pk)
    return render(
        request,
        "delegations/participant_detail.html",
        {
            "participant": participant,
            "delegation": participant.delegation,
            "delegates": participant.delegates.select_related("person"),
            "form": form if can_edit else None,
            "can_edit": can_edit,
            "profile": CompanyProfile.objects.filter(company=participant.organisation).first()
            if participant.kind == ParticipantKind.COMPANY
            else None,
        },
    )


@login_required
@require_POST
def participant_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    participant = access_participant(request.user, pk, edit=True)
    try:
        svc.check_remove_participant(participant, actor=request.user)
    except svc.DelegationError as exc:
        messages.error(request, str(exc))
        return redirect("delegations:participant_detail", participant.pk)
    messages.success(request, _("Participant removed."))
    return redirect("delegations:participants", participant.delegation_id)


@login_required
@require_POST
def delegate_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegate = get_object_or_404(Delegate.objects.select_related("participant"), pk=pk)
    participant = access_participant(request.user, delegate.participant_id, edit=True)
    svc.do_remove_delegate(delegate, actor=request.user)
    messages.success(request, _("Delegate removed."))
    return redirect("delegations:participant_detail", participant.pk)


# --- Company profiles ----------------------------------------------------------------


@login_required
@require_GET
def company_profile(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    company = access_company(request.user, pk)
    profile = CompanyProfile.objects.select_related("sector").filter(company=company).first()
    return render(
        request,
        "delegations/company_profile.html",
        {
            "company": company,
            "profile": profile,
            "can_edit": rules.test_rule("delegations.edit_profile", request.user, company),
            "participations": Participant.objects.filter(organisation=company).select_related(
                "delegation"
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def company_profile_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    company = access_company(request.user, pk, edit=True)
    form = CompanyProfileForm(request.POST or None, initial=svc.profile_values(company))
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_save_company_profile(company, actor=request.user, **form.cleaned_data)
        except svc.DelegationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Company profile saved."))
            return redirect("delegations:company_profile", company.pk)
    return render(
        request,
        "delegations/simple_form.html",
        {"form": form, "heading": company.name, "delegation": None},
    )
