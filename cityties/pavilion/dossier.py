"""The funding dossier for the export agency and the ministry: the delegation, its lead
and supporters, the participants, the pavilion, the budget and funding plan, and the
previous edition's figures and results; as a PDF in French or English."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from cityties.delegations.models import Delegation, ParticipantKind

from . import charts
from . import services as svc
from .models import ItemKind


@dataclass
class Edition:
    """One edition's headline figures, for the comparison."""

    delegation: Delegation
    governments: int
    companies: int
    stands: int
    total: Decimal
    subsidies: Decimal
    net: Decimal


def edition(delegation: Delegation, budget: svc.Budget | None = None) -> Edition:
    budget = budget or svc.budget(svc.load(delegation))
    figures = budget.actual
    participants = list(delegation.participants.all())
    return Edition(
        delegation=delegation,
        governments=sum(1 for p in participants if p.kind == ParticipantKind.GOVERNMENT),
        companies=sum(1 for p in participants if p.kind == ParticipantKind.COMPANY),
        stands=sum(1 for row in budget.items if row.item.kind == ItemKind.STAND),
        total=figures.total,
        subsidies=sum((line.subsidy_total for line in figures.participants), Decimal("0.00")),
        net=sum((line.net for line in figures.participants), Decimal("0.00")),
    )


def context(delegation: Delegation, *, language: str) -> dict[str, Any]:
    rows = svc.load(delegation)
    budget = svc.budget(rows)
    dossier = svc.dossier_of(delegation)
    current = edition(delegation, budget)
    previous = edition(dossier.previous) if dossier.previous else None
    english = language == "en"
    funder_chart = (
        charts.bars(
            [row.organisation.name for row in budget.funders],
            [(_("planned"), [row.total.planned for row in budget.funders])],
            title=_("Funding plan by funder"),
        )
        if budget.funders
        else None
    )
    kind_chart = (
        charts.bars(
            [row.label for row in budget.kinds],
            [(_("planned"), [row.amounts.planned for row in budget.kinds])],
            title=_("Costs by kind"),
        )
        if budget.kinds
        else None
    )
    comparison = None
    if previous:
        comparison = charts.bars(
            [_("Total cost"), _("Subsidies"), _("Paid by the participants")],
            [
                (
                    str(previous.delegation.event),
                    [previous.total, previous.subsidies, previous.net],
                ),
                (str(delegation.event), [current.total, current.subsidies, current.net]),
            ],
            title=_("This edition against the previous one"),
        )
    agency = _agency_figures(dossier.previous) if dossier.previous else None
    participants = sorted(
        budget.participants,
        key=lambda row: (row.participant.city_id, row.participant.kind != "government"),
    )
    return {
        "delegation": delegation,
        "event": delegation.event,
        "supporters": delegation.supporters.select_related("organisation"),
        "participants": participants,
        "budget": budget,
        "rules": rows.rules,
        "rates": rows.rates,
        "stands": [
            {
                "item": row.item,
                "planned": row.planned,
                "exhibitors": [
                    rows.members[share.participant_id].organisation.name
                    for share in rows.shares_by_item.get(row.item.pk, [])
                ],
            }
            for row in budget.items
            if row.item.kind == ItemKind.STAND
        ],
        "summary": (dossier.summary_en or dossier.summary_fr)
        if english
        else (dossier.summary_fr or dossier.summary_en),
        "previous_outcomes": (dossier.previous_outcomes_en or dossier.previous_outcomes_fr)
        if english
        else (dossier.previous_outcomes_fr or dossier.previous_outcomes_en),
        "current": current,
        "previous": previous,
        "funder_chart": funder_chart,
        "kind_chart": kind_chart,
        "comparison_chart": comparison,
        "agency": agency,
        "agency_deals": agency.table("records") if agency else None,
        "language": language,
    }


def _agency_figures(previous: Delegation) -> Any:
    """The previous edition's outcomes as the outcomes' page for the export agency gives
    them (no private value); imported here, as the outcomes build on the pavilion."""
    from cityties.outcomes.dashboards import agency_report

    return agency_report(previous)


def render_pdf(delegation: Delegation, *, language: str) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string("pavilion/dossier_pdf.html", context(delegation, language=language))
    # The stylesheet is read from disk: WeasyPrint fetches nothing over the network.
    stylesheet = CSS(filename=finders.find("pavilion/dossier_pdf.css"))
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])
