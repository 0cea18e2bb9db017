"""The printable lists of a plan (PDF, WeasyPrint): per family, with its guests and their
nights; per night, who sleeps where."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from cityties.core.http import AuthenticatedHttpRequest

from ..access import access_plan
from ..models import Placement, Plan
from ._common import nights_of


def _placements(plan: Plan) -> list[Placement]:
    return list(
        Placement.objects.filter(guest__plan=plan)
        .select_related(
            "family", "guest__delegate__person", "guest__delegate__participant__organisation"
        )
        .order_by("family__household", "guest__arrive", "guest__delegate__person__last_name")
    )


def _pdf(template: str, context: dict[str, Any], filename: str) -> HttpResponse:
    from weasyprint import CSS, HTML

    html = render_to_string(template, context)
    stylesheet = CSS(filename=finders.find("homestays/lists_pdf.css"))
    response = HttpResponse(
        HTML(string=html).write_pdf(stylesheets=[stylesheet]), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def families_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = access_plan(request.user, pk)
    by_family: dict[Any, list[Placement]] = defaultdict(list)
    for placement in _placements(plan):
        by_family[placement.family].append(placement)
    context = {"plan": plan, "delegation": plan.delegation, "families": list(by_family.items())}
    return _pdf(
        "homestays/families_pdf.html", context, f"homestays-families-{plan.delegation_id}.pdf"
    )


@login_required
@require_GET
def nights_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = access_plan(request.user, pk)
    nights: dict[date, list[Placement]] = defaultdict(list)
    for placement in _placements(plan):
        for night in nights_of(placement.guest.arrive, placement.guest.leave):
            nights[night].append(placement)
    context = {"plan": plan, "delegation": plan.delegation, "nights": sorted(nights.items())}
    return _pdf("homestays/nights_pdf.html", context, f"homestays-nights-{plan.delegation_id}.pdf")
