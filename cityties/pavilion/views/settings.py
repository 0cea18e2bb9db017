"""Exchange rates and subsidy rules of a delegation: the lead records them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cityties.core.http import AuthenticatedHttpRequest

from .. import services as svc
from ..access import access_pavilion, access_rate, access_rule
from ..forms import RateForm, RuleForm
from ..models import ExchangeRate, SubsidyRule
from ._common import payers_of


@login_required
@require_http_methods(["GET", "POST"])
def rates(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegation = access_pavilion(request.user, pk, edit=True)
    form = RateForm(request.POST or None, initial={"currency": request.GET.get("currency", "")})
    if request.method == "POST" and form.is_valid():
        try:
            rate = svc.check_set_rate(delegation, actor=request.user, **form.cleaned_data)
        except svc.PavilionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(
                request,
                _("Rate of %(currency)s saved: every figure now uses it.")
                % {"currency": rate.currency},
            )
            return redirect("pavilion:rates", delegation.pk)
    return render(
        request,
        "pavilion/rates.html",
        {
            "delegation": delegation,
            "form": form,
            "rates": ExchangeRate.objects.filter(delegation=delegation).select_related(
                "updated_by"
            ),
        },
    )


@login_required
@require_POST
def rate_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rate = access_rate(request.user, pk)
    try:
        svc.check_remove_rate(rate, actor=request.user)
    except svc.PavilionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Rate removed."))
    return redirect("pavilion:rates", rate.delegation_id)


def _rule_initial(rule: SubsidyRule) -> dict[str, object]:
    initial = {name: getattr(rule, name) for name in RuleForm.base_fields if name != "regions"}
    initial["regions"] = ", ".join(rule.regions)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def rule_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegation = access_pavilion(request.user, pk, edit=True)
    form = RuleForm(
        request.POST or None,
        funders=payers_of(delegation),
        initial={"kinds": ["stand", "registration"], "participant_kind": "company"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_create_rule(delegation, actor=request.user, fields=form.service_fields())  # type: ignore[arg-type]
        except svc.PavilionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("Subsidy rule added."))
            return redirect("pavilion:overview", delegation.pk)
    return render(
        request,
        "pavilion/form.html",
        {"delegation": delegation, "form": form, "title": _("Add a subsidy rule")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rule = access_rule(request.user, pk)
    form = RuleForm(
        request.POST or None, funders=payers_of(rule.delegation), initial=_rule_initial(rule)
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_update_rule(rule, actor=request.user, fields=form.service_fields())  # type: ignore[arg-type]
        except svc.PavilionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("Subsidy rule saved."))
            return redirect("pavilion:overview", rule.delegation_id)
    return render(
        request,
        "pavilion/form.html",
        {"delegation": rule.delegation, "form": form, "title": rule.label, "rule": rule},
    )


@login_required
@require_POST
def rule_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rule = access_rule(request.user, pk)
    svc.do_delete_rule(rule, actor=request.user)
    messages.success(request, _("Subsidy rule removed."))
    return redirect("pavilion:overview", rule.delegation_id)
