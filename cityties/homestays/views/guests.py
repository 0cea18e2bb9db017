"""Guests: the delegates who need a homestay (add, edit, remove), and the coordinator's
moves by hand and locks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST

from cityties.core.errors import add_form_error
from cityties.core.http import AuthenticatedHttpRequest
from cityties.delegations.models import Delegate

from .. import services as svc
from ..access import access_guest, access_plan
from ..forms import AddGuestForm, GuestForm, MoveForm
from ..models import FamilyStatus, Guest


@login_required
@require_http_methods(["GET", "POST"])
def guest_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Add a delegate who needs a homestay, with the defaults (then edit them)."""
    plan = access_plan(request.user, pk)
    delegates = (
        Delegate.objects.filter(participant__delegation=plan.delegation)
        .exclude(homestay_needs__plan=plan)
        .select_related("person", "participant__organisation")
        .order_by("person__last_name", "person__first_name")
    )
    form = AddGuestForm(request.POST or None, delegates=delegates)
    if request.method == "POST" and form.is_valid():
        try:
            guest = svc.check_add_guest(
                plan, actor=request.user, delegate=form.cleaned_data["delegate"]
            )
        except svc.HomestayError as exc:
            add_form_error(form, exc)
        else:
            messages.success(request, _("Guest added; check their dates and needs."))
            return redirect("homestays:guest_edit", guest.pk)
    return render(
        request,
        "homestays/form.html",
        {
            "form": form,
            "plan": plan,
            "delegation": plan.delegation,
            "title": _("Add a guest"),
            "back": ("homestays:plan", plan.delegation_id),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def guest_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    guest = access_guest(request.user, pk)
    colleagues = (
        Guest.objects.filter(plan=guest.plan)
        .exclude(pk=guest.pk)
        .select_related("delegate__person")
    )
    form = GuestForm(
        request.POST or None, colleagues=colleagues, initial=GuestForm.initial_from(guest)
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_update_guest(guest, actor=request.user, fields=form.fields_for_service())
        except svc.HomestayError as exc:
            add_form_error(form, exc)
        else:
            messages.success(request, pgettext("homestays", "Guest saved."))
            return redirect("homestays:plan", guest.plan.delegation_id)
    return render(
        request,
        "homestays/form.html",
        {
            "form": form,
            "plan": guest.plan,
            "delegation": guest.plan.delegation,
            "title": _("Homestay of %(name)s") % {"name": guest.delegate.person.full_name},
            "back": ("homestays:plan", guest.plan.delegation_id),
            "remove_url": ("homestays:guest_remove", guest.pk),
        },
    )


@login_required
@require_POST
def guest_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    guest = access_guest(request.user, pk)
    delegation_id = guest.plan.delegation_id
    try:
        svc.check_remove_guest(guest, actor=request.user)
    except svc.HomestayError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The delegate no longer needs a homestay."))
    return redirect("homestays:plan", delegation_id)


@login_required
@require_POST
def guest_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Move a guest by hand: every rule is checked and a breach is named; the guest is
    then locked there."""
    guest = access_guest(request.user, pk)
    families = guest.plan.families.filter(status=FamilyStatus.CONFIRMED)
    form = MoveForm(request.POST, families=families)
    if not form.is_valid():
        messages.error(request, _("Choose one of the confirmed families."))
        return redirect("homestays:plan", guest.plan.delegation_id)
    family = form.cleaned_data["family"]
    name = guest.delegate.person.full_name
    try:
        svc.check_move_guest(guest, actor=request.user, family=family)
    except svc.HomestayError as exc:
        messages.error(
            request, _("%(name)s was not moved: %(reason)s") % {"name": name, "reason": exc}
        )
    else:
        if family is None:
            messages.success(request, _("%(name)s has no family now.") % {"name": name})
        else:
            messages.success(
                request,
                _("%(name)s now stays with %(household)s (locked for the next runs).")
                % {"name": name, "household": family.household},
            )
    return redirect("homestays:plan", guest.plan.delegation_id)


@login_required
@require_POST
def guest_lock(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    guest = access_guest(request.user, pk)
    locked = request.POST.get("locked") == "1"
    try:
        svc.check_set_lock(guest, actor=request.user, locked=locked)
    except svc.HomestayError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Locked: the next runs keep this place.") if locked else _("Unlocked."),
        )
    return redirect("homestays:plan", guest.plan.delegation_id)
