"""Fetch-and-check helpers of the solidarity area: 404 when the object does not exist (or
a fund has no public page), 403 when the user may not see or change it."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from cityties.accounts.permissions import officer_org_ids, require
from cityties.network.models import Organisation

from .models import Attachment, Crisis, Fund, Funding, Match, Need, Offer, Payment, Pledge, Project


def access_crisis(user: Any, pk: int, *, edit: bool = False) -> Crisis:
    crisis = get_object_or_404(Crisis, pk=pk)
    require(user, "solidarity.manage_crises" if edit else "solidarity.view")
    return crisis


def access_fund(user: Any, pk: int, *, edit: bool = False) -> Fund:
    fund = get_object_or_404(Fund.objects.select_related("crisis", "manager"), pk=pk)
    require(user, "solidarity.manage_fund" if edit else "solidarity.view", fund)
    return fund


def public_fund(pk: int) -> Fund:
    """A fund whose progress page is public; anyone may read it, no login."""
    fund = Fund.objects.select_related("crisis", "manager").filter(pk=pk).first()
    if fund is None or not fund.is_public:
        raise Http404("No public page.")
    return fund


def access_pledge(user: Any, pk: int, *, edit: bool = False) -> Pledge:
    pledge = get_object_or_404(
        Pledge.objects.select_related("fund__crisis", "fund__manager", "member"), pk=pk
    )
    require(user, "solidarity.edit_pledge" if edit else "solidarity.view_pledge", pledge)
    return pledge


def access_decision(user: Any, pk: int) -> Pledge:
    pledge = get_object_or_404(Pledge.objects.select_related("fund"), pk=pk)
    require(user, "solidarity.view_decision", pledge)
    return pledge


def access_payment(user: Any, pk: int) -> Payment:
    payment = get_object_or_404(Payment.objects.select_related("pledge__fund"), pk=pk)
    require(user, "solidarity.edit_pledge", payment.pledge)
    return payment


def access_project(user: Any, pk: int, *, edit: bool = False) -> Project:
    project = get_object_or_404(
        Project.objects.select_related("fund__crisis", "fund__manager", "partner"), pk=pk
    )
    require(user, "solidarity.manage_project" if edit else "solidarity.view", project)
    return project


def access_funding(user: Any, pk: int) -> Funding:
    funding = get_object_or_404(Funding.objects.select_related("project__fund"), pk=pk)
    require(user, "solidarity.manage_project", funding.project)
    return funding


def access_attachment(user: Any, pk: int) -> Attachment:
    attachment = get_object_or_404(
        Attachment.objects.select_related("report__project__fund"), pk=pk
    )
    require(user, "solidarity.view_reports", attachment.report.project)
    return attachment


def access_offer(user: Any, pk: int, *, edit: bool = False) -> Offer:
    offer = get_object_or_404(Offer.objects.select_related("member", "crisis"), pk=pk)
    require(user, "solidarity.edit_offer" if edit else "solidarity.view", offer)
    return offer


def access_need(user: Any, pk: int, *, edit: bool = False) -> Need:
    need = get_object_or_404(Need.objects.select_related("partner", "crisis"), pk=pk)
    require(user, "solidarity.manage_needs" if edit else "solidarity.view")
    return need


def access_match(user: Any, pk: int) -> Match:
    match = get_object_or_404(Match.objects.select_related("need__partner", "offer__member"), pk=pk)
    require(user, "solidarity.answer_match", match)
    return match


def access_budgets(user: Any, pk: int) -> Organisation:
    member = get_object_or_404(Organisation, pk=pk)
    require(user, "solidarity.budgets", member)
    return member


def visible_pledges(user: Any, fund: Fund) -> QuerySet[Pledge]:
    """The pledges of the fund the user may read, as a query: all for its managers and
    staff, else the public ones and its own government's (`solidarity.view_pledge`)."""
    pledges = Pledge.objects.filter(fund=fund)
    if not rules.test_rule("solidarity.read_all_pledges", user, fund):
        pledges = pledges.filter(Q(is_private=False) | Q(member_id__in=officer_org_ids(user)))
    return pledges
