"""Expertise: members' offers and partners' needs; for a need, the offers ranked by the
relevance engine with their reasons, and the matches staff propose, the offering member
accepts, carries out and reports on."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.accounts.permissions import officer_org_ids, require
from cityties.core.fields import MAX_ID, bounded_int
from cityties.core.http import AuthenticatedHttpRequest

from .. import services as svc
from ..access import access_match, access_need, access_offer
from ..forms import CarriedOutForm, MatchReportForm, NeedForm, OfferForm
from ..models import Match, Need, Offer, OfferStatus
from ..services.expertise import ExpertiseFields
from ._common import attempt, saved

_FIELDS = list(ExpertiseFields.__annotations__)


def _fields(form: OfferForm | NeedForm) -> ExpertiseFields:
    return {name: form.cleaned_data[name] for name in _FIELDS}  # type: ignore[return-value]


def _initial(row: Offer | Need) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(row, name) for name in _FIELDS}
    initial["languages"] = row.language_codes
    initial["crisis"] = row.crisis_id
    return initial


@login_required
@require_GET
def expertise(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, "solidarity.view")
    own = officer_org_ids(request.user)
    return render(
        request,
        "solidarity/expertise.html",
        {
            "offers": Offer.objects.filter(status=OfferStatus.OPEN).select_related(
                "member", "crisis"
            ),
            "own_offers": Offer.objects.filter(member_id__in=own).select_related("member"),
            "needs": Need.objects.select_related("partner", "crisis"),
            "matches": Match.objects.filter(offer__member_id__in=own).select_related(
                "need__partner", "offer__member"
            ),
            "may_offer": rules.test_rule("solidarity.offer", request.user),
            "manage": rules.test_rule("solidarity.manage_needs", request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, "solidarity.offer")
    form = OfferForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        offer = saved(
            form,
            lambda: svc.check_create_offer(
                actor=request.user,
                member=form.cleaned_data["member"],
                crisis=form.cleaned_data["crisis"],
                fields=_fields(form),
            ),
        )
        if offer is not None:
            messages.success(request, _("Offer recorded: staff will match it to a need."))
            return redirect("solidarity:expertise")
    return render(request, "solidarity/form.html", {"form": form, "title": _("Offer expertise")})


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = access_offer(request.user, pk, edit=True)
    initial = {**_initial(offer), "member": offer.member_id}
    form = OfferForm(request.POST or None, user=request.user, initial=initial)
    form.fields["member"].disabled = True
    if request.method == "POST" and form.is_valid():
        done = saved(
            form, lambda: svc.check_update_offer(offer, actor=request.user, fields=_fields(form))
        )
        if done is not None:
            messages.success(request, _("Offer saved."))
            return redirect("solidarity:expertise")
    return render(
        request, "solidarity/form.html", {"form": form, "title": offer.title, "offer": offer}
    )


@login_required
@require_POST
def offer_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = access_offer(request.user, pk, edit=True)
    svc.do_withdraw_offer(offer, actor=request.user)
    messages.success(request, _("Offer withdrawn."))
    return redirect("solidarity:expertise")


@login_required
@require_http_methods(["GET", "POST"])
def need_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, "solidarity.manage_needs")
    crisis = bounded_int(request.GET.get("crisis"), low=1, high=MAX_ID)
    form = NeedForm(request.POST or None, initial={"crisis": crisis, "status": "open"})
    if request.method == "POST" and form.is_valid():
        need = saved(
            form,
            lambda: svc.check_create_need(
                actor=request.user,
                partner=form.cleaned_data["partner"],
                crisis=form.cleaned_data["crisis"],
                fields=_fields(form),
            ),
        )
        if need is not None:
            messages.success(request, _("Need recorded."))
            return redirect("solidarity:need_detail", need.pk)
    return render(request, "solidarity/form.html", {"form": form, "title": _("Record a need")})


@login_required
@require_GET
def need_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    need = access_need(request.user, pk)
    manage = rules.test_rule("solidarity.manage_needs", request.user)
    proposed = set(need.matches.values_list("offer_id", flat=True))
    ranked = [
        {"entry": entry, "reasons": svc.explain(entry.ranked, need, entry.offer)}
        for entry in svc.rank_need(need)
    ]
    return render(
        request,
        "solidarity/need_detail.html",
        {
            "need": need,
            "ranked": ranked,
            "proposed": proposed,
            "matches": need.matches.select_related("offer__member"),
            "manage": manage,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    need = access_need(request.user, pk, edit=True)
    initial = {**_initial(need), "partner": need.partner, "status": need.status}
    form = NeedForm(request.POST or None, initial=initial)
    form.fields["partner"].disabled = True
    if request.method == "POST" and form.is_valid():
        done = saved(
            form,
            lambda: svc.check_update_need(
                need, actor=request.user, fields=_fields(form), status=form.cleaned_data["status"]
            ),
        )
        if done is not None:
            messages.success(request, _("Need saved."))
            return redirect("solidarity:need_detail", need.pk)
    return render(request, "solidarity/form.html", {"form": form, "title": need.title})


@login_required
@require_POST
def match_propose(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    need = access_need(request.user, pk, edit=True)
    offer_id = bounded_int(request.POST.get("offer"), low=1, high=MAX_ID)
    offer = get_object_or_404(Offer, pk=offer_id or 0)
    attempt(
        request,
        lambda: svc.check_propose_match(need, offer, actor=request.user),
        _("Match proposed to %(member)s.") % {"member": offer.member},
    )
    return redirect("solidarity:need_detail", need.pk)


@login_required
@require_POST
def match_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    match = access_match(request.user, pk)
    accept = request.POST.get("accept") == "1"
    attempt(
        request,
        lambda: svc.check_answer_match(match, actor=request.user, accept=accept),
        _("Match accepted.") if accept else _("Match declined."),
    )
    return redirect("solidarity:expertise")


@login_required
@require_http_methods(["GET", "POST"])
def match_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    match = access_match(request.user, pk)
    form = CarriedOutForm(
        request.POST or None,
        initial={"carried_out_on": timezone.localdate(), "days_given": match.offer.staff_days},
    )
    if request.method == "POST" and form.is_valid():
        done = saved(
            form,
            lambda: svc.check_carry_out_match(
                match,
                actor=request.user,
                carried_out_on=form.cleaned_data["carried_out_on"],
                days_given=form.cleaned_data["days_given"],
            ),
        )
        if done is not None:
            messages.success(request, _("Mission recorded as carried out."))
            return redirect("solidarity:expertise")
    return render(
        request, "solidarity/form.html", {"form": form, "title": _("Mission carried out")}
    )


@login_required
@require_http_methods(["GET", "POST"])
def match_report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    match = access_match(request.user, pk)
    form = MatchReportForm(request.POST or None, initial={"report": match.report})
    if request.method == "POST" and form.is_valid():
        done = saved(
            form,
            lambda: svc.check_report_match(
                match, actor=request.user, report=form.cleaned_data["report"]
            ),
        )
        if done is not None:
            messages.success(request, _("Report saved."))
            return redirect("solidarity:expertise")
    return render(
        request, "solidarity/form.html", {"form": form, "title": _("Report on the mission")}
    )
