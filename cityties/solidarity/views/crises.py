"""Crises and funds: the list, a crisis with its funds, a fund with its progress, pledges
and projects; staff (or the member that runs a fund) change them."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cityties.accounts.permissions import require
from cityties.core.http import AuthenticatedHttpRequest
from cityties.core.listing import page_number

from .. import services as svc
from ..access import access_crisis, access_fund, visible_pledges
from ..forms import CrisisForm, FundForm
from ..models import Crisis, Fund, Pledge
from ..services.crises import CrisisFields, FundFields
from ._common import saved


@login_required
@require_GET
def crisis_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, "solidarity.view")
    crises = Crisis.objects.annotate(
        open_funds=Count("funds", filter=Q(funds__status="open"))
    ).prefetch_related("funds")
    return render(
        request,
        "solidarity/crisis_list.html",
        {
            "crises": crises,
            "manage": rules.test_rule("solidarity.manage_crises", request.user),
        },
    )


def _crisis_fields(form: CrisisForm) -> CrisisFields:
    data = form.cleaned_data
    return {name: data[name] for name in CrisisFields.__annotations__}  # type: ignore[return-value]


@login_required
@require_http_methods(["GET", "POST"])
def crisis_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, "solidarity.manage_crises")
    form = CrisisForm(request.POST or None, initial={"occurred_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        crisis = saved(
            form,
            lambda: svc.check_create_crisis(
                actor=request.user,
                fields=_crisis_fields(form),
                affected=form.cleaned_data["affected"],
            ),
        )
        if crisis is not None:
            messages.success(request, _("Crisis recorded."))
            return redirect("solidarity:crisis_detail", crisis.pk)
    return render(request, "solidarity/form.html", {"form": form, "title": _("Record a crisis")})


@login_required
@require_GET
def crisis_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    crisis = access_crisis(request.user, pk)
    return render(
        request,
        "solidarity/crisis_detail.html",
        {
            "crisis": crisis,
            "affected": crisis.affected.order_by("name_key"),
            "funds": crisis.funds.select_related("manager"),
            "needs": crisis.needs.select_related("partner"),
            "manage": rules.test_rule("solidarity.manage_crises", request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def crisis_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    crisis = access_crisis(request.user, pk, edit=True)
    initial = {name: getattr(crisis, name) for name in CrisisFields.__annotations__}
    initial["affected"] = list(crisis.affected.all())
    form = CrisisForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = saved(
            form,
            lambda: svc.check_update_crisis(
                crisis,
                actor=request.user,
                fields=_crisis_fields(form),
                affected=form.cleaned_data["affected"],
            ),
        )
        if done is not None:
            messages.success(request, _("Crisis saved."))
            return redirect("solidarity:crisis_detail", crisis.pk)
    return render(
        request, "solidarity/form.html", {"form": form, "title": crisis.title, "crisis": crisis}
    )


def _fund_fields(form: FundForm) -> FundFields:
    data = form.cleaned_data
    return {name: data[name] for name in FundFields.__annotations__}  # type: ignore[return-value]


@login_required
@require_http_methods(["GET", "POST"])
def fund_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    crisis = access_crisis(request.user, pk, edit=True)
    form = FundForm(
        request.POST or None,
        initial={"opens_on": timezone.localdate(), "currency": "EUR", "is_public": True},
    )
    if request.method == "POST" and form.is_valid():
        fund = saved(
            form,
            lambda: svc.check_create_fund(crisis, actor=request.user, fields=_fund_fields(form)),
        )
        if fund is not None:
            messages.success(request, _("Fund opened."))
            return redirect("solidarity:fund_detail", fund.pk)
    return render(
        request,
        "solidarity/form.html",
        {"form": form, "title": _("Open a fund for %(crisis)s") % {"crisis": crisis.title}},
    )


PLEDGES_PER_PAGE = 50


@login_required
@require_GET
def fund_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    fund = access_fund(request.user, pk)
    user = request.user
    visible = visible_pledges(user, fund)
    live = Pledge.objects.filter(fund=fund, cancelled_at__isnull=True)
    hidden = live.count() - visible.filter(cancelled_at__isnull=True).count()
    listed = visible.select_related("member").order_by(
        "cancelled_at", "-amount", "member__name_key", "pk"
    )
    page = Paginator(listed, PLEDGES_PER_PAGE).get_page(page_number(request.GET.get("page")))
    return render(
        request,
        "solidarity/fund_detail.html",
        {
            "fund": fund,
            "crisis": fund.crisis,
            "progress": svc.progress(fund),
            "pledges": page,
            "page": page,
            "hidden": hidden,
            "manage": rules.test_rule("solidarity.manage_fund", user, fund),
            "may_pledge": fund.is_open and rules.test_rule("solidarity.pledge", user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def fund_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    fund: Fund = access_fund(request.user, pk, edit=True)
    initial = {name: getattr(fund, name) for name in FundFields.__annotations__}
    form = FundForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = saved(
            form, lambda: svc.check_update_fund(fund, actor=request.user, fields=_fund_fields(form))
        )
        if done is not None:
            messages.success(request, _("Fund saved."))
            return redirect("solidarity:fund_detail", fund.pk)
    return render(request, "solidarity/form.html", {"form": form, "title": fund.title})
