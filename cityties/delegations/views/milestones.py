"""Pages of milestones: the delegation's list with overdue ones highlighted, add, edit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cityties.core.http import AuthenticatedHttpRequest
from cityties.network.models import Organisation, Person

from .. import services as svc
from ..access import access_delegation, access_milestone
from ..forms import MilestoneForm
from ..models import Delegation, Milestone
from ._common import rights


def _owner_choices(delegation: Delegation) -> tuple[QuerySet[Organisation], QuerySet[Person]]:
    ids = {
        delegation.lead_id,
        *delegation.supporters.values_list("organisation_id", flat=True),
        *delegation.participants.values_list("organisation_id", flat=True),
    }
    organisations = Organisation.objects.filter(pk__in=ids).order_by("name")
    people = (
        Person.objects.filter(organisation_id__in=ids, erased_at=None)
        .select_related("organisation")
        .order_by("last_name", "first_name")
    )
    return organisations, people


def _form(delegation: Delegation, data: Any = None, **kwargs: Any) -> MilestoneForm:
    organisations, people = _owner_choices(delegation)
    return MilestoneForm(data, organisations=organisations, people=people, **kwargs)


@login_required
@require_http_methods(["GET", "POST"])
def milestone_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegation = access_delegation(request.user, pk, rule="delegations.view_milestones")
    may = rights(request.user, delegation)
    form = _form(delegation, request.POST or None, initial={"owner_organisation": delegation.lead})
    if request.method == "POST":
        if not may.manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                svc.check_add_milestone(delegation, actor=request.user, **form.cleaned_data)
            except svc.DelegationError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Milestone added."))
                return redirect("delegations:milestones", delegation.pk)
    milestones = Milestone.objects.filter(delegation=delegation).select_related(
        "owner_person", "owner_organisation"
    )
    return render(
        request,
        "delegations/milestone_list.html",
        {
            "delegation": delegation,
            "milestones": milestones,
            "today": timezone.localdate(),
            "form": form if may.manage else None,
            "may": may,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    milestone = access_milestone(request.user, pk, edit=True)
    delegation = milestone.delegation
    form = _form(delegation, request.POST or None, initial=svc.milestone_values(milestone))
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_update_milestone(milestone, actor=request.user, **form.cleaned_data)
        except svc.DelegationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Milestone saved."))
            return redirect("delegations:milestones", delegation.pk)
    return render(
        request,
        "delegations/simple_form.html",
        {"form": form, "delegation": delegation, "heading": milestone.title},
    )


@login_required
@require_POST
def milestone_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    milestone = access_milestone(request.user, pk, edit=True)
    svc.do_delete_milestone(milestone, actor=request.user)
    messages.success(request, _("Milestone deleted."))
    return redirect("delegations:milestones", milestone.delegation_id)
