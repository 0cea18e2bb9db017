"""The budget (page and XLSX) and the funding dossier (PDF, French or English)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cityties.core.http import AuthenticatedHttpRequest
from cityties.core.templatetags.cityties import money_formatter

from .. import dossier as dossier_module
from .. import exports
from .. import services as svc
from ..access import access_pavilion
from ..forms import DossierForm
from ..models import ItemKind
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
            "funder_rows": _funder_rows(data),
        },
    )


# The budget's long tables are written as HTML here: a village has hundreds of rows, and
# each template lookup, filter and escape per cell costs more than the figures themselves.
def _item_rows(data: svc.Budget) -> SafeString:
    formatters: dict[str, Callable[[object], str]] = {}
    kinds = {value: escape(label) for value, label in ItemKind.choices}
    note = escape(_("(planned)"))
    euros = money_formatter()
    rows = []
    for row in data.items:
        item = row.item
        original = ""
        if item.currency != "EUR":
            if item.currency not in formatters:
                formatters[item.currency] = money_formatter(item.currency)
            original = (
                f' <small class="muted">({formatters[item.currency](item.planned_amount)})</small>'
            )
        estimated = f' <small class="muted">{note}</small>' if row.estimated else ""
        rows.append(
            f"<tr><td>{escape(item.label)}{original}</td><td>{kinds.get(item.kind, '')}</td>"
            f'<td class="num">{euros(row.planned)}</td>'
            f'<td class="num">{euros(row.actual)}{estimated}</td></tr>'
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every value escaped or a formatted amount


def _participant_rows(data: svc.Budget) -> SafeString:
    prefix = participant_url()
    euros = money_formatter()
    rows = [
        f'<tr><td><a href="{escape(prefix)}{row.participant.pk}/">'
        f"{escape(row.participant.organisation.name)}</a></td>"
        + _numbers(euros, row.gross.planned, row.subsidies.planned, row.net.planned, row.net.actual)
        + "</tr>"
        for row in data.participants
    ]
    return mark_safe("\n".join(rows))  # noqa: S308 - every value escaped


def _funder_rows(data: svc.Budget) -> SafeString:
    # Every participant paying its own share is a funder: as long as the participants.
    euros = money_formatter()
    rows = [
        f"<tr><td>{escape(row.organisation.name)}</td>"
        + _numbers(
            euros,
            row.subsidies.planned,
            row.covers.planned,
            row.own.planned,
            row.total.planned,
            row.total.actual,
        )
        + "</tr>"
        for row in data.funders
    ]
    return mark_safe("\n".join(rows))  # noqa: S308 - every value escaped


def _numbers(euros: Callable[[object], str], *amounts: object) -> str:
    # An amount as the formatter writes it holds digits, separators and a currency sign:
    # nothing to escape.
    return "".join(f'<td class="num">{euros(amount)}</td>' for amount in amounts)


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
