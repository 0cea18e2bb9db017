"""The pavilion page: stands and other costs with who shares them, the participants'
figures; and the lead's changes to items, shares and covered parts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.core.http import AuthenticatedHttpRequest

from .. import services as svc
from ..access import access_cover, access_item, access_pavilion, access_share
from ..forms import CoverForm, ItemForm, ShareForm
from ..models import CostItem, ItemKind
from ..services.figures import CoverRow, ItemLine, ShareRow
from ._common import participant_url, participants_of


@login_required
@require_GET
def overview(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegation = access_pavilion(request.user, pk)
    manage = rules.test_rule("pavilion.manage", request.user, delegation)
    rows = svc.load(delegation)
    figures = svc.compute(rows)
    item_lines = {line.item.pk: line for line in figures.items}
    names = {p.pk: p.organisation.name for p in rows.participants}
    items = [_entry(rows, item, item_lines.get(item.pk), names) for item in rows.items]
    return render(
        request,
        "pavilion/overview.html",
        {
            "delegation": delegation,
            "manage": manage,
            "figures": figures,
            "stands": [entry for entry in items if entry.item.kind == ItemKind.STAND],
            "others": [entry for entry in items if entry.item.kind != ItemKind.STAND],
            "rates": rows.rates,
            "rules": rows.rules,
            "participant_url": participant_url(),
            "item_form": ItemForm(initial={"kind": ItemKind.STAND}) if manage else None,
        },
    )


@dataclass
class Entry:
    item: CostItem
    line: ItemLine | None
    shares: list[tuple[ShareRow, str, Decimal | None]]  # share, participant's name, amount
    covers: list[tuple[CoverRow, str]]


def _entry(rows: svc.Rows, item: CostItem, line: ItemLine | None, names: dict[int, str]) -> Entry:
    amounts = line.shares if line else {}
    return Entry(
        item=item,
        line=line,
        shares=[
            (share, names.get(share.participant_id, ""), amounts.get(share.participant_id))
            for share in rows.shares_by_item.get(item.pk, [])
        ],
        covers=[
            (cover, names.get(cover.participant_id, ""))
            for cover in rows.covers_by_item.get(item.pk, [])
        ],
    )


def _item_fields(form: ItemForm) -> svc.items.ItemFields:
    data = form.cleaned_data
    return {
        "kind": data["kind"],
        "label": data["label"],
        "planned_amount": data["planned_amount"],
        "actual_amount": data["actual_amount"],
        "currency": data["currency"],
        "area_m2": data["area_m2"],
        "days": data["days"],
        "split": data["split"],
        "notes": data["notes"],
    }


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegation = access_pavilion(request.user, pk, edit=True)
    form = ItemForm(request.POST or None, initial={"kind": request.GET.get("kind", "stand")})
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_create_item(delegation, actor=request.user, fields=_item_fields(form))
        except svc.PavilionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("Cost added."))
            return redirect("pavilion:overview", delegation.pk)
    return render(
        request,
        "pavilion/form.html",
        {"delegation": delegation, "form": form, "title": _("Add a cost")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = access_item(request.user, pk)
    initial = {name: getattr(item, name) for name in ItemForm.base_fields}
    form = ItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_update_item(item, actor=request.user, fields=_item_fields(form))
        except svc.PavilionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("Cost saved."))
            return redirect("pavilion:overview", item.delegation_id)
    return render(
        request,
        "pavilion/form.html",
        {"delegation": item.delegation, "form": form, "title": item.label, "item": item},
    )


@login_required
@require_POST
def item_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = access_item(request.user, pk)
    svc.do_delete_item(item, actor=request.user)
    messages.success(request, _("Cost removed."))
    return redirect("pavilion:overview", item.delegation_id)


@login_required
@require_http_methods(["GET", "POST"])
def share_set(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Add a participant to the item, or change its area, days or percentage."""
    item = access_item(request.user, pk)
    form = ShareForm(request.POST or None, participants=participants_of(item.delegation))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            svc.check_set_share(
                item,
                actor=request.user,
                participant=data["participant"],
                area_m2=data["area_m2"],
                days=data["days"],
                percent=data["percent"],
            )
        except svc.PavilionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("Share saved."))
            return redirect(f"{_overview(item.delegation_id)}#item-{item.pk}")
    return _item_form(request, item, form, _("A share of %(item)s") % {"item": item.label})


@login_required
@require_POST
def share_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    share = access_share(request.user, pk)
    svc.do_remove_share(share, actor=request.user)
    messages.success(request, _("Share removed."))
    return redirect(f"{_overview(share.item.delegation_id)}#item-{share.item_id}")


@login_required
@require_http_methods(["GET", "POST"])
def cover_set(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A member government pays part of the item for everyone, before the split."""
    item = access_item(request.user, pk)
    form = CoverForm(
        request.POST or None,
        participants=participants_of(item.delegation).filter(kind="government"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            svc.check_set_cover(
                item, actor=request.user, participant=data["participant"], amount=data["amount"]
            )
        except svc.PavilionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("Covered part saved."))
            return redirect(f"{_overview(item.delegation_id)}#item-{item.pk}")
    return _item_form(request, item, form, _("A covered part of %(item)s") % {"item": item.label})


def _item_form(
    request: AuthenticatedHttpRequest, item: CostItem, form: ShareForm | CoverForm, title: str
) -> HttpResponse:
    return render(
        request,
        "pavilion/form.html",
        {"delegation": item.delegation, "form": form, "title": title, "about": item},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def cover_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cover = access_cover(request.user, pk)
    svc.do_remove_cover(cover, actor=request.user)
    messages.success(request, _("Covered part removed."))
    return redirect(f"{_overview(cover.item.delegation_id)}#item-{cover.item_id}")


def _overview(pk: int) -> str:
    return reverse("pavilion:overview", args=[pk])
