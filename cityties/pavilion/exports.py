"""The budget as a workbook: items, participants, the funding plan by funder, rates and
rules; money as numbers (Decimal) so the sheet adds up as the page does."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from cityties.core import tabular
from cityties.delegations.models import Delegation

from .services.budget import Budget


def budget_xlsx(delegation: Delegation, data: Budget) -> bytes:
    items: list[tuple[Any, ...]] = [
        (
            row.item.get_kind_display(),
            row.item.label,
            row.item.currency,
            row.item.planned_amount,
            row.item.actual_amount,
            row.planned,
            row.actual,
            _("planned amount") if row.estimated else "",
        )
        for row in data.items
    ]
    items.append((_("Total"), "", "EUR", None, None, data.total.planned, data.total.actual, ""))
    participants = [
        (
            row.participant.organisation.name,
            row.participant.get_kind_display(),
            (row.participant.sponsor.name if row.participant.sponsor else ""),
            row.gross.planned,
            row.subsidies.planned,
            row.net.planned,
            row.gross.actual,
            row.subsidies.actual,
            row.net.actual,
        )
        for row in data.participants
    ]
    funders: list[tuple[Any, ...]] = [
        (
            row.organisation.name,
            row.subsidies.planned,
            row.covers.planned,
            row.own.planned,
            row.total.planned,
            row.subsidies.actual,
            row.covers.actual,
            row.own.actual,
            row.total.actual,
        )
        for row in data.funders
    ]
    funders.append(
        (_("Total"), None, None, None, data.planned.total, None, None, None, data.actual.total)
    )
    rules = [
        (
            rule.position,
            rule.label,
            rule.funder.name,
            rule.rate,
            ", ".join(str(label) for kind, label in _kinds() if kind in rule.kinds),
            rule.cap_per_participant,
            rule.cap_total,
            rule.window_limit,
            rule.legal_reference,
            data.planned.rules.get(rule.pk),
            data.actual.rules.get(rule.pk),
        )
        for rule in delegation.subsidy_rules.select_related("funder")
    ]
    rates = [
        (rate.currency, rate.rate, rate.source, rate.on_date)
        for rate in delegation.exchange_rates.all()
    ]
    planned, actual = _("planned (EUR)"), _("actual (EUR)")
    return tabular.to_xlsx_book(
        [
            (
                _("Items"),
                [
                    _("Kind"),
                    _("Item"),
                    _("Currency"),
                    _("Planned amount"),
                    _("Actual amount"),
                    planned,
                    actual,
                    _("Actual taken from"),
                ],
                items,
            ),
            (
                _("Participants"),
                [
                    _("Participant"),
                    _("Kind"),
                    _("Sponsoring member"),
                    _("Gross, planned"),
                    _("Subsidies, planned"),
                    _("Net, planned"),
                    _("Gross, actual"),
                    _("Subsidies, actual"),
                    _("Net, actual"),
                ],
                participants,
            ),
            (
                _("Funding plan"),
                [
                    _("Funder"),
                    _("Subsidies, planned"),
                    _("Covered parts, planned"),
                    _("Own share, planned"),
                    _("Total, planned"),
                    _("Subsidies, actual"),
                    _("Covered parts, actual"),
                    _("Own share, actual"),
                    _("Total, actual"),
                ],
                funders,
            ),
            (
                _("Subsidy rules"),
                [
                    _("Order"),
                    _("Rule"),
                    _("Funder"),
                    _("Rate (%)"),
                    _("Cost kinds covered"),
                    _("Cap per participant (EUR)"),
                    _("Cap for the event (EUR)"),
                    _("Aid ceiling over the period (EUR)"),
                    _("Legal reference"),
                    planned,
                    actual,
                ],
                rules,
            ),
            (
                _("Exchange rates"),
                [_("Currency"), _("Euros for one unit"), _("Source"), _("Date of the rate")],
                rates,
            ),
        ]
    )


def _kinds() -> list[tuple[str, Any]]:
    from .models import ItemKind

    return list(ItemKind.choices)
