"""Pages of the country groups."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cityties.accounts.permissions import require
from cityties.core.errors import add_form_error
from cityties.core.http import AuthenticatedHttpRequest

from .. import services
from ..access import access_group, visible_partnerships
from ..forms.groups import GroupDetailsForm, GroupForm
from ..models import CountryGroup, Partnership, PartnershipMember


@login_required
@require_GET
def group_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, "network.read_shared")
    groups = CountryGroup.objects.select_related("president", "staff_lead", "federation")
    groups = groups.annotate(n_members=Count("members")).order_by("name")
    return render(
        request,
        "network/group_list.html",
        {"groups": groups, "can_manage": rules.test_rule("network.manage_groups", request.user)},
    )


def group_partnerships(user: Any, group: CountryGroup) -> QuerySet[Partnership]:
    """Partnerships between a member of the group and an organisation of its country."""
    in_group = PartnershipMember.objects.filter(organisation__groups=group).values("partnership_id")
    in_country = PartnershipMember.objects.filter(organisation__country=group.country).values(
        "partnership_id"
    )
    return (
        visible_partnerships(user)
        .filter(pk__in=in_group)
        .filter(pk__in=in_country)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=PartnershipMember.objects.select_related("organisation").order_by(
                    "organisation__name"
                ),
            )
        )
        .order_by("title")
    )


@login_required
@require_GET
def group_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = access_group(request.user, pk)
    return render(
        request,
        "network/group_detail.html",
        {
            "group": group,
            "members": group.members.filter(archived_at=None).order_by("name_key", "pk"),
            "partnerships": group_partnerships(request.user, group),
            "can_manage": rules.test_rule("network.manage_groups", request.user, group),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = access_group(request.user, pk)
    require(request.user, "network.manage_groups", group)
    initial = {
        "name": group.name,
        "country": group.country,
        "description": group.description,
        "members": list(group.members.all()),
        "president": group.president,
        "staff_lead": group.staff_lead,
    }
    form = GroupForm(request.POST or None, initial=initial, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            services.check_update_group(
                group,
                actor=request.user,
                members=form.cleaned_data["members"],
                president=form.cleaned_data["president"],
                staff_lead=form.cleaned_data["staff_lead"],
                **form.details(),
            )
        except services.DirectoryError as error:
            add_form_error(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("network:group_detail", pk)
    return render(request, "network/group_form.html", {"form": form, "group": group})


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, "network.manage_groups")
    membership = request.user.primary_membership
    if membership is None:
        raise PermissionDenied
    form = GroupDetailsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.check_create_group(
                actor=request.user, federation=membership.organisation, **form.details()
            )
        except services.DirectoryError as error:
            form.add_error("country" if error.code == "duplicate" else None, str(error))
        else:
            messages.success(request, _("Country group created: add its members now."))
            return redirect("network:group_edit", group.pk)
    return render(request, "network/group_form.html", {"form": form, "group": None})
