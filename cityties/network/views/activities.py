"""Pages of a partnership's activities: create, edit, delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cityties.core.http import AuthenticatedHttpRequest

from .. import services as svc
from ..access import access_activity, access_partnership
from ..forms.activities import ActivityForm


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    partnership = access_partnership(request.user, pk, edit=True)
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_add_activity(partnership, actor=request.user, **form.cleaned_data)
        except svc.PartnershipError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Activity added."))
            return redirect(reverse("network:partnership_detail", args=[pk]) + "#activities")
    return render(
        request,
        "network/activity_form.html",
        {"form": form, "partnership": partnership, "activity": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    activity = access_activity(request.user, pk, edit=True)
    form = ActivityForm(request.POST or None, initial=svc.activity_values(activity))
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_update_activity(activity, actor=request.user, **form.cleaned_data)
        except svc.PartnershipError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Activity saved."))
            return redirect(
                reverse("network:partnership_detail", args=[activity.partnership_id])
                + "#activities"
            )
    return render(
        request,
        "network/activity_form.html",
        {"form": form, "partnership": activity.partnership, "activity": activity},
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    activity = access_activity(request.user, pk, edit=True)
    if request.method == "POST":
        try:
            svc.check_delete_activity(activity, actor=request.user)
        except svc.PartnershipError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Activity deleted."))
        return redirect(
            reverse("network:partnership_detail", args=[activity.partnership_id]) + "#activities"
        )
    return render(request, "network/activity_confirm_delete.html", {"activity": activity})
