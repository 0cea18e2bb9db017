"""Host families: the public registration form behind the signed link, and the staff's
pages (the family's details, its safeguarding record, confirm, withdraw, edit)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cityties.accounts.guestlinks import GuestLinkError
from cityties.accounts.views import guest_link_refused
from cityties.core.errors import add_form_error
from cityties.core.http import AuthenticatedHttpRequest

from .. import services as svc
from ..access import access_family
from ..forms import FamilyForm, RegisterForm, SafeguardingForm
from ..models import Placement
from ._common import attempt


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, token: str) -> HttpResponse:
    """A family registers through the link its twin city or the delegation sent: no
    account."""
    try:
        plan, via = svc.read_registration_token(token)
    except GuestLinkError as exc:
        return guest_link_refused(request, exc)
    event = plan.delegation.event
    # A link mailed in English carries ?lang=en: the family reads the form in it, unless
    # they chose a language on the site already.
    language = request.GET.get("lang", "")
    if language not in ("fr", "en") or settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
        language = request.LANGUAGE_CODE
    with translation.override(language):
        return _register(request, plan, via, event, language)


def _register(request: HttpRequest, plan: Any, via: Any, event: Any, language: str) -> HttpResponse:
    form = RegisterForm(request.POST or None, initial={"language": language})
    done = None
    if request.method == "POST" and form.is_valid():
        try:
            done = svc.check_register_family(plan, via=via, fields=form.fields_for_service())
        except svc.HomestayError as exc:
            add_form_error(form, exc)
    return render(
        request,
        "homestays/register.html",
        {
            "plan": plan,
            "delegation": plan.delegation,
            "event": event,
            "via": via,
            "form": form,
            "done": done,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def family_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The family's details and safeguarding record (the form posts here)."""
    family = access_family(request.user, pk)
    form = SafeguardingForm(
        request.POST or None,
        initial={
            "visit_on": family.visit_on,
            "visit_by": family.visit_by,
            "check_on": family.check_on,
            "check_by": family.check_by,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_record_safeguarding(family, actor=request.user, **form.cleaned_data)
        except svc.HomestayError as exc:
            add_form_error(form, exc)
        else:
            messages.success(request, _("Safeguarding record saved."))
            return redirect("homestays:family", family.pk)
    placements = Placement.objects.filter(family=family).select_related(
        "guest__delegate__person", "guest__delegate__participant__organisation"
    )
    return render(
        request,
        "homestays/family.html",
        {
            "family": family,
            "plan": family.plan,
            "delegation": family.plan.delegation,
            "form": form,
            "placements": placements,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def family_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = access_family(request.user, pk)
    form = FamilyForm(request.POST or None, initial=FamilyForm.initial_from(family))
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_update_family(family, actor=request.user, fields=form.fields_for_service())
        except svc.HomestayError as exc:
            add_form_error(form, exc)
        else:
            messages.success(request, _("Family saved."))
            return redirect("homestays:family", family.pk)
    return render(
        request,
        "homestays/form.html",
        {
            "form": form,
            "plan": family.plan,
            "delegation": family.plan.delegation,
            "title": _("Edit %(household)s") % {"household": family.household},
            "back": ("homestays:family", family.pk),
        },
    )


@login_required
@require_POST
def family_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = access_family(request.user, pk)
    attempt(
        request,
        lambda: svc.check_confirm_family(family, actor=request.user),
        _("%(household)s is confirmed: the assignment may place guests there.")
        % {"household": family.household},
    )
    return redirect("homestays:family", family.pk)


@login_required
@require_POST
def family_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = access_family(request.user, pk)
    attempt(
        request,
        lambda: svc.check_withdraw_family(family, actor=request.user),
        _("%(household)s has withdrawn; its guests have no family any more.")
        % {"household": family.household},
    )
    return redirect("homestays:family", family.pk)
