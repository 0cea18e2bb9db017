"""The budget (page and XLSX) and the funding dossier (PDF, French or English)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cityties.core.http import AuthenticatedHttpRequest
from cityties.core.templatetags.cityties import money

from .. import dossier as dossier_module
from .. import exports
from .. import services as svc
from ..access import access_pavilion
from ..forms import DossierForm
from ._common import participant_url


@login_required
@require_GET
def budget(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegation = access_pavilion(request.user, pk)
    data = svc.budget(svc.load(delegation))
    return render(
        request,
        "pavilion/budget.html",
        {
            "delegation": delegation,
            "budget": data,
            "item_rows": _item_rows(data),
            "participant_rows": _participant_rows(data),
        },
    )


# The budget's long tables are written as text here: a village has hundreds of rows, and
# each template lookup and filter per cell costs more than the figures themselves.
def _item_rows(data: svc.Budget) -> list[tuple[str, str, str, str, str, bool]]:
    return [
        (
            row.item.label,
            money(row.item.planned_amount, row.item.currency) if row.item.currency != "EUR" else "",
            row.item.get_kind_display(),
            money(row.planned),
            money(row.actual),
            row.estimated,
        )
        for row in data.items
    ]


def _participant_rows(data: svc.Budget) -> list[tuple[str, str, str, str, str, str]]:
    prefix = participant_url()
    return [
        (
            f"{prefix}{row.participant.pk}/",
            row.participant.organisation.name,
            money(row.gross.planned),
            money(row.subsidies.planned),
            money(row.net.planned),
            money(row.net.actual),
        )
        for row in data.participants
    ]


@login_required
@require_GET
def budget_xlsx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegation = access_pavilion(request.user, pk)
    body = exports.budget_xlsx(delegation, svc.budget(svc.load(delegation)))
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="budget-{delegation.pk}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def dossier_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegation = access_pavilion(request.user, pk, edit=True)
    current = svc.dossier_of(delegation)
    form = DossierForm(
        request.POST or None,
        delegation=delegation,
        initial={
            "previous": current.previous_id,
            "summary_fr": current.summary_fr,
            "summary_en": current.summary_en,
            "previous_outcomes_fr": current.previous_outcomes_fr,
            "previous_outcomes_en": current.previous_outcomes_en,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_save_dossier(delegation, actor=request.user, **form.cleaned_data)
        except svc.PavilionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("Dossier saved."))
            return redirect("pavilion:overview", delegation.pk)
    return render(
        request,
        "pavilion/form.html",
        {"delegation": delegation, "form": form, "title": _("The funding dossier")},
    )


@login_required
@require_GET
def dossier_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegation = access_pavilion(request.user, pk)
    language = "en" if request.GET.get("lang") == "en" else "fr"
    with translation.override(language):
        pdf = dossier_module.render_pdf(delegation, language=language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="dossier-{delegation.pk}-{language}.pdf"'
    )
    return response
