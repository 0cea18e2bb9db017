"""The dashboards: per year (and year over year), per delegation (against the previous
edition), per participant, per member city and per partnership; and the figures for the
export agency that the funding dossier reuses."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from cityties.delegations.models import Delegation, Participant, ParticipantKind
from cityties.network.models import Organisation, Partnership
from cityties.pavilion import charts

from .. import services as svc
from ..models import DelegationCost, OutcomeKind, SurveyInvitation, SurveyStep
from ..services.figures import Totals, split_year_delegation
from ..services.scope import Reader
from .base import (
    PRINTED_ROWS,
    Cell,
    Report,
    Table,
    cards,
    comparison_tables,
    count,
    funnel_table,
    hidden_note,
    money,
    records_table,
    summary_table,
    text,
)

_PARTICIPANT_KINDS = dict(ParticipantKind.choices)


def edition_label(delegation: Delegation) -> str:
    """ "Nashville 2015": the edition, as people name it."""
    year = delegation.event.local_start.year
    return f"{delegation.event.city} {year}" if delegation.event.city else f"{delegation} ({year})"


def _sum(values: Any) -> Totals:
    found = Totals()
    for value in values:
        found.add(value)
    return found


def _row(totals: Totals) -> list[Cell]:
    return [
        money(totals.public),
        count(totals.meetings),
        count(totals.leads),
        count(totals.tenders),
        count(totals.contracts),
        money(totals.contract_value),
        money(totals.cost_per_contract),
    ]


def _headers(first: str) -> list[str]:
    return [
        first,
        _("Net public cost"),
        _("Meetings held"),
        _("Leads"),
        _("Tenders"),
        _("Contracts"),
        _("Value of the contracts"),
        _("Cost per contract"),
    ]


def _years(first: int | None, last: int | None) -> Q:
    condition = Q()
    if first:
        condition &= Q(year__gte=first)
    if last:
        condition &= Q(year__lte=last)
    return condition


# --- Per year, year over year ------------------------------------------------------


def years_report(
    reader: Reader,
    *,
    city: Organisation | None = None,
    first: int | None = None,
    last: int | None = None,
) -> Report:
    condition = _years(first, last) & (Q(city_id=city.pk) if city else Q())
    by_year, by_delegation = split_year_delegation(
        svc.totals(reader, "year_delegation", records=condition, participants=condition)
    )
    by_delegation.pop(None, None)
    years = sorted(key for key in by_year if key is not None)
    headline = _sum(by_year.values())
    delegations = Delegation.objects.filter(pk__in=list(by_delegation)).select_related("event")
    ordered = sorted(delegations, key=lambda d: (d.event.starts_at, d.pk))
    tables = [
        Table(
            "years",
            _("Per year"),
            _headers(_("Year")),
            [[text(year), *_row(by_year[year])] for year in years],
            foot=[text(_("Total")), *_row(headline)],
        )
    ]
    if len(years) > 1:
        tables += comparison_tables([str(y) for y in years], [by_year[y] for y in years])
    per_delegation = Table(
        "delegations",
        _("Per delegation"),
        _headers(_("Delegation")),
        [
            [
                text(
                    edition_label(d),
                    reverse("outcomes:delegation", args=[d.pk])
                    if reader.sees_delegation(d.pk)
                    else "",
                ),
                *_row(by_delegation[d.pk]),
            ]
            for d in ordered
        ],
    )
    _print_top_delegations(per_delegation, [by_delegation[d.pk] for d in ordered])
    tables.append(per_delegation)
    tables.append(funnel_table(headline))
    tables.append(summary_table(headline))
    return Report(
        "years",
        _("Return on investment, year by year"),
        city.name if city else "",
        headline,
        tables,
        cards=cards(headline),
        hidden_note=hidden_note(headline),
    )


def _print_top_delegations(table: Table, totals: list[Totals]) -> None:
    """Printed: the delegations with the most contract value, in the page's order."""
    if len(table.rows) <= PRINTED_ROWS:
        return
    top = sorted(
        range(len(totals)),
        key=lambda i: (totals[i].contract_value, totals[i].meetings),
        reverse=True,
    )[:PRINTED_ROWS]
    table.print_rows = [table.rows[i] for i in sorted(top)]
    table.print_note = _(
        "The %(shown)s delegations with the most contract value of %(total)s; "
        "all are in the workbook."
    ) % {"shown": PRINTED_ROWS, "total": len(table.rows)}


# --- Per delegation ----------------------------------------------------------------


def previous_edition(delegation: Delegation) -> Delegation | None:
    from cityties.pavilion.models import Dossier

    dossier = Dossier.objects.filter(delegation=delegation).select_related("previous__event")
    found = dossier.first()
    return found.previous if found else None


def delegation_report(
    reader: Reader,
    delegation: Delegation,
    *,
    compare: Delegation | None = None,
    city_id: int | None = None,
    kind: str = "",
) -> Report:
    pk = delegation.pk
    records, participants = Q(delegation_id=pk), Q(delegation_id=pk)
    if city_id:
        records &= Q(city_id=city_id)
        participants &= Q(city_id=city_id)
    if kind:
        records &= Q(participant__kind=kind)
        participants &= Q(kind=kind)
    per = svc.totals(
        reader, "participant", records=records, participants=participants, delegations=Q(pk=pk)
    )
    headline = _sum(per.values())
    tables = [funnel_table(headline), summary_table(headline)]
    if not city_id and not kind:
        funders = _funders_table(delegation)
        if funders is not None:
            tables.append(funders)
    previous = compare or previous_edition(delegation)
    if previous is not None and previous.pk != pk and reader.sees_delegation(previous.pk):
        before = svc.total(
            reader,
            records=Q(delegation_id=previous.pk),
            participants=Q(delegation_id=previous.pk),
            delegations=Q(pk=previous.pk),
        )
        tables += comparison_tables(
            [edition_label(previous), edition_label(delegation)], [before, headline]
        )
    tables.append(_participants_table(delegation, per))
    tables.append(_survey_table(delegation))
    tables.append(records_table(reader, records, total=headline.records))
    return Report(
        "delegation",
        _("Return on investment — %(edition)s") % {"edition": edition_label(delegation)},
        delegation.title,
        headline,
        tables,
        cards=cards(headline),
        hidden_note=hidden_note(headline),
        context={"delegation": delegation, "previous": previous},
    )


def _funders_table(delegation: Delegation) -> Table | None:
    kept = DelegationCost.objects.filter(delegation=delegation).first()
    if kept is None or not kept.funders:
        return None
    public = [f for f in kept.funders if f["public"]]
    rows = [
        [
            text(f["name"]),
            money(Decimal(f["subsidies"])),
            money(Decimal(f["covers"])),
            money(Decimal(f["own"])),
            money(Decimal(f["total"])),
        ]
        for f in public
    ]
    rows.append(
        [
            text(_("The companies, their own share")),
            money(None),
            money(None),
            money(kept.companies_net),
            money(kept.companies_net),
        ]
    )
    table = Table(
        "funders",
        _("Cost by funder"),
        [_("Funder"), _("Subsidies"), _("Covered parts"), _("Own share"), _("Total")],
        rows,
        foot=[text(_("Total")), money(None), money(None), money(None), money(kept.total)],
        chart=charts.bars(
            [f["name"] for f in public],
            [(_("Total"), [Decimal(f["total"]) for f in public])],
            title=_("Public money by funder"),
        )
        if public
        else None,
        note=kept.error,
    )
    if len(rows) > PRINTED_ROWS:
        # Printed: the largest funders, then the companies' own share, in the page's order.
        top = sorted(range(len(public)), key=lambda i: Decimal(public[i]["total"]), reverse=True)
        chosen = sorted(top[: PRINTED_ROWS - 1])
        table.print_rows = [rows[i] for i in chosen] + [rows[-1]]
        table.print_chart = charts.bars(
            [public[i]["name"] for i in chosen],
            [(_("Total"), [Decimal(public[i]["total"]) for i in chosen])],
            title=_("Public money by funder"),
        )
        table.print_note = _(
            "The %(shown)s largest of %(total)s funders; all are in the workbook."
        ) % {"shown": PRINTED_ROWS - 1, "total": len(public)}
        if kept.error:
            table.print_note = f"{kept.error} {table.print_note}"
    return table


def _participants_table(delegation: Delegation, per: dict[Any, Totals]) -> Table:
    participants = (
        Participant.objects.filter(delegation=delegation, pk__in=[k for k in per if k])
        .values_list("pk", "organisation__name", "sponsor__name", "kind")
        .order_by("organisation__name_key", "pk")
    )
    base = reverse("outcomes:participant", args=[1]).removesuffix("1/")
    rows, weights = [], []
    for pk, name, sponsor, kind in participants:
        totals = per[pk]
        rows.append(
            [
                text(name, f"{base}{pk}/"),
                text(_PARTICIPANT_KINDS.get(kind, kind)),
                text(sponsor or ""),
                *_row(totals),
            ]
        )
        weights.append((totals.contract_value, totals.contracts, totals.meetings))
    table = Table(
        "participants",
        _("Per participant"),
        [_("Participant"), _("Kind"), _("Sponsoring member"), *_headers("")[1:]],
        rows,
    )
    if len(rows) > PRINTED_ROWS:
        # Printed: the participants with the most business, in the page's order.
        top = sorted(range(len(rows)), key=lambda i: weights[i], reverse=True)[:PRINTED_ROWS]
        table.print_rows = [rows[i] for i in sorted(top)]
        table.print_note = _(
            "The %(shown)s participants with the most contract value of %(total)s; "
            "all are in the workbook."
        ) % {"shown": PRINTED_ROWS, "total": len(rows)}
    return table


def _survey_table(delegation: Delegation) -> Table:
    rates = svc.response_rates(delegation)
    return Table(
        "survey",
        _("Debrief survey"),
        [_("Step"), _("Due"), _("Sent"), _("Answered"), _("Reminded"), _("Response rate")],
        [
            [
                text(rate.label),
                Cell(rate.due.date(), "date"),
                count(rate.sent),
                count(rate.answered),
                count(rate.reminded),
                Cell(rate.rate, "percent"),
            ]
            for rate in rates
        ],
    )


# --- The export agency's figures (the funding dossier reuses them) ------------------


def agency_report(delegation: Delegation) -> Report:
    """A delegation's figures as a funder sees them: whole, with no private value."""
    reader = Reader(False, frozenset(), frozenset(), frozenset({delegation.pk}))
    headline = svc.total(
        reader,
        records=Q(delegation_id=delegation.pk),
        participants=Q(delegation_id=delegation.pk),
        delegations=Q(pk=delegation.pk),
    )
    tables = [summary_table(headline, title=_("Figures for the export agency"))]
    funders = _funders_table(delegation)
    if funders is not None:
        tables.append(funders)
    deals = Q(delegation_id=delegation.pk) & Q(
        kind__in=[OutcomeKind.CONTRACT, OutcomeKind.TENDER, OutcomeKind.AGREEMENT]
    )
    deals_count = headline.contracts + headline.tenders + headline.agreements
    table = records_table(reader, deals, total=deals_count, limit=50)
    table.title = _("Contracts, tenders and agreements")
    tables.append(table)
    return Report(
        "agency",
        _("Figures for the export agency — %(edition)s") % {"edition": edition_label(delegation)},
        delegation.title,
        headline,
        tables,
        cards=cards(headline),
        hidden_note=hidden_note(headline),
        context={"delegation": delegation},
    )


# --- Per participant ---------------------------------------------------------------


def participant_report(reader: Reader, participant: Participant) -> Report:
    condition = Q(participant_id=participant.pk)
    headline = svc.total(
        reader,
        records=condition,
        participants=condition,
        delegations=Q(pk=participant.delegation_id),
    )
    costs = Table(
        "costs",
        _("Cost"),
        [_("Figure"), _("Value")],
        [
            [text(_("Gross cost")), money(headline.gross)],
            [text(_("Subsidies")), money(headline.subsidies)],
            [text(_("Net cost")), money(headline.net)],
            [text(_("Net public cost")), money(headline.public)],
        ],
    )
    invitations = SurveyInvitation.objects.filter(participant=participant).order_by("step")
    steps = dict(SurveyStep.choices)
    survey = Table(
        "survey",
        _("Debrief survey"),
        [_("Step"), _("Sent"), _("Answered"), _("Usefulness (1 to 5)")],
        [
            [
                text(steps.get(i.step, i.step)),
                Cell(i.sent_at.date(), "date"),
                Cell(i.answered_at.date() if i.answered_at else None, "date"),
                count(i.usefulness),
            ]
            for i in invitations
        ],
    )
    tables = [
        costs,
        funnel_table(headline),
        summary_table(headline),
        survey,
        records_table(reader, condition, total=headline.records, limit=None, edit_url=True),
    ]
    return Report(
        "participant",
        _("Outcomes of %(name)s") % {"name": participant.organisation.name},
        participant.delegation.title,
        headline,
        tables,
        cards=cards(headline),
        hidden_note=hidden_note(headline),
        context={"participant": participant, "delegation": participant.delegation},
    )


# --- Per member city ---------------------------------------------------------------


def city_report(
    reader: Reader, city: Organisation, *, first: int | None = None, last: int | None = None
) -> Report:
    condition = Q(city_id=city.pk) & _years(first, last)
    by_year, by_delegation = split_year_delegation(
        svc.totals(reader, "year_delegation", records=condition, participants=condition)
    )
    headline = _sum(by_year.values())
    delegations = Delegation.objects.filter(pk__in=[k for k in by_delegation if k]).select_related(
        "event"
    )
    ordered = sorted(delegations, key=lambda d: (d.event.starts_at, d.pk))
    rows = [[text(edition_label(d)), *_row(by_delegation[d.pk])] for d in ordered]
    if None in by_delegation:
        rows.append([text(_("Partnerships and other events")), *_row(by_delegation[None])])
    years = sorted(k for k in by_year if k is not None)
    tables = [
        Table(
            "delegations",
            _("Per delegation"),
            _headers(_("Delegation")),
            rows,
            foot=[text(_("Total")), *_row(headline)],
            chart=charts.bars(
                [edition_label(d) for d in ordered],
                [
                    (_("Net public cost"), [by_delegation[d.pk].public for d in ordered]),
                    (
                        _("Value of the contracts"),
                        [by_delegation[d.pk].contract_value for d in ordered],
                    ),
                ],
                title=_("Cost and value per delegation"),
            )
            if ordered
            else None,
        ),
        Table(
            "years",
            _("Per year"),
            _headers(_("Year")),
            [[text(y), *_row(by_year[y])] for y in years],
        ),
        funnel_table(headline),
        summary_table(headline),
        records_table(reader, condition, total=headline.records, edit_url=True),
    ]
    weights = [by_delegation[d.pk] for d in ordered]
    if None in by_delegation:
        weights.append(by_delegation[None])
    _print_top_delegations(tables[0], weights)
    return Report(
        "city",
        _("Return on investment — %(city)s") % {"city": city.name},
        "",
        headline,
        tables,
        cards=cards(headline),
        hidden_note=hidden_note(headline),
        context={"city": city},
    )


# --- Per partnership ---------------------------------------------------------------


def partnership_report(reader: Reader, partnership: Partnership) -> Report:
    from cityties.network.models import Activity

    condition = Q(partnership_id=partnership.pk)
    headline = svc.total(
        reader, records=condition, participants=Q(pk__isnull=True), delegations=Q(pk__isnull=True)
    )
    budgets = Activity.objects.filter(partnership=partnership, budget_currency="EUR")
    headline.public = budgets.aggregate(total=Sum("budget"))["total"] or Decimal("0.00")
    activities = Table(
        "activities",
        _("Activities and their budgets"),
        [_("Activity"), _("Date"), _("Budget")],
        [
            [text(a.title), Cell(a.start_date, "date"), Cell(a.budget, "money")]
            for a in Activity.objects.filter(partnership=partnership).order_by("start_date", "pk")
        ],
        note=_("The net cost counts the budgets in euros."),
    )
    return Report(
        "partnership",
        _("Return on investment — %(partnership)s") % {"partnership": partnership.title},
        "",
        headline,
        [
            activities,
            summary_table(headline),
            records_table(reader, condition, total=headline.records, edit_url=True),
        ],
        cards=cards(headline),
        hidden_note=hidden_note(headline),
        context={"partnership": partnership},
    )
