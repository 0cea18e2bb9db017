"""Return on investment: the pavilion's costs against the outcomes, added up in SQL for
what a reader may see, grouped by year, delegation, participant or member city.

Each grouping takes the same few queries whatever the number of rows: the kept costs
brought up to date, one aggregate over the costs, one over the records, and the
matchmaking's counts. Values kept private are added in only for the readers who may see
them; the others get their number in `hidden`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from ..models import (
    FOLLOW_UP_KINDS,
    LEAD_KINDS,
    OutcomeKind,
    OutcomeRecord,
    ParticipantCost,
    TenderStatus,
)
from . import costs, meetings
from .scope import Reader

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
Group = Literal["total", "year", "delegation", "participant", "city"]
_FIELD: dict[str, str | None] = {
    "total": None,
    "year": "year",
    "delegation": "delegation_id",
    "participant": "participant_id",
    "city": "city_id",
}


def _per(amount: Decimal, count: int) -> Decimal | None:
    return (amount / count).quantize(CENT, rounding=ROUND_HALF_UP) if count else None


@dataclass
class Totals:
    participants: int = 0
    companies: int = 0
    gross: Decimal = ZERO
    subsidies: Decimal = ZERO
    net: Decimal = ZERO
    public: Decimal = ZERO
    companies_net: Decimal = ZERO
    requests: int = 0
    meetings: int = 0
    records: int = 0
    leads: int = 0
    followups: int = 0
    tenders: int = 0
    tenders_won: int = 0
    tender_value: Decimal = ZERO
    contracts: int = 0
    contract_value: Decimal = ZERO
    agreements: int = 0
    press: int = 0
    jobs: int = 0
    investment: Decimal = ZERO
    hidden: int = 0  # values kept private, counted but not added in for this reader

    def add(self, other: Totals) -> Totals:
        for field in fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))
        return self

    @property
    def cost_per_meeting(self) -> Decimal | None:
        return _per(self.public, self.meetings)

    @property
    def cost_per_contract(self) -> Decimal | None:
        return _per(self.public, self.contracts)

    @property
    def cost_per_lead(self) -> Decimal | None:
        return _per(self.public, self.leads)

    @property
    def return_per_euro(self) -> Decimal | None:
        """Contract value per euro of public money."""
        if not self.public:
            return None
        return (self.contract_value / self.public).quantize(CENT, rounding=ROUND_HALF_UP)

    def funnel(self) -> list[tuple[str, int]]:
        return [
            (str(_("Meeting requests")), self.requests),
            (str(_("Meetings held")), self.meetings),
            (str(_("Follow-ups")), self.followups),
            (str(_("Tenders")), self.tenders),
            (str(_("Contracts")), self.contracts),
        ]


_COST_SUMS = {
    "participants": Count("pk"),
    "companies": Count("pk", filter=Q(kind="company")),
    "gross": Sum("gross"),
    "subsidies": Sum("subsidies"),
    "net": Sum("net"),
    "public": Sum("public"),
    "companies_net": Sum("net", filter=Q(kind="company")),
}


def _record_sums(reader: Reader) -> dict[str, Any]:
    shown = Q() if reader.staff else Q(confidential=False) | reader.own()
    sums: dict[str, Any] = {
        "records": Count("pk"),
        "leads": Count("pk", filter=Q(kind__in=LEAD_KINDS)),
        "followups": Count("pk", filter=Q(kind__in=FOLLOW_UP_KINDS)),
        "tenders": Count("pk", filter=Q(kind=OutcomeKind.TENDER)),
        "tenders_won": Count("pk", filter=Q(kind=OutcomeKind.TENDER, status=TenderStatus.WON)),
        "contracts": Count("pk", filter=Q(kind=OutcomeKind.CONTRACT)),
        "agreements": Count("pk", filter=Q(kind=OutcomeKind.AGREEMENT)),
        "press": Count("pk", filter=Q(kind=OutcomeKind.PRESS)),
        "jobs": Sum("jobs"),
        "tender_value": Sum("value_eur", filter=Q(kind=OutcomeKind.TENDER) & shown),
        "contract_value": Sum("value_eur", filter=Q(kind=OutcomeKind.CONTRACT) & shown),
        "investment": Sum("value_eur", filter=Q(kind=OutcomeKind.INVESTMENT) & shown),
    }
    if not reader.staff:
        sums["hidden"] = Count(
            "pk", filter=Q(confidential=True, value_eur__isnull=False) & ~reader.own()
        )
    return sums


def _grouped(queryset: Any, group: str | None, sums: dict[str, Any]) -> dict[Any, dict]:
    # Aliased: an aggregate may not bear the name of the field it adds up.
    aliased = {f"t_{name}": expression for name, expression in sums.items()}
    if group is None:
        rows = {None: queryset.aggregate(**aliased)}
    else:
        found = queryset.values(group).annotate(**aliased).order_by()
        rows = {row.pop(group): row for row in found}
    return {key: {name[2:]: value for name, value in row.items()} for key, row in rows.items()}


def totals(
    reader: Reader,
    by: Group = "total",
    *,
    records: Q | None = None,
    participants: Q | None = None,
    delegations: Q | None = None,
) -> dict[Any, Totals]:
    """The totals the reader may see, grouped `by`, of the records matching `records` and
    the participants' costs matching `participants` (conditions on ParticipantCost, whose
    fields the records share: year, delegation_id, city_id, organisation_id, kind).
    `delegations` (a condition on Delegation) narrows which kept costs are brought up to
    date; without it, every delegation the reader sees."""
    group = _FIELD[by]
    records_q = reader.records() & (records if records is not None else Q())
    costs_q = reader.costs() & (participants if participants is not None else Q())
    costs.refresh_where(reader.delegations() & (delegations if delegations is not None else Q()))
    found: dict[Any, Totals] = {}
    for key, row in _grouped(ParticipantCost.objects.filter(costs_q), group, _COST_SUMS).items():
        found[key] = _totals(row)
    record_rows = _grouped(OutcomeRecord.objects.filter(records_q), group, _record_sums(reader))
    for key, row in record_rows.items():
        found.setdefault(key, Totals()).add(_totals(row))
    if meetings.available():
        _add_meetings(found, by, costs_q)
    if by == "total" and None not in found:
        found[None] = Totals()
    return found


def _totals(row: dict[str, Any]) -> Totals:
    return Totals(**{name: value for name, value in row.items() if value is not None})


def _add_meetings(found: dict[Any, Totals], by: Group, costs_q: Q) -> None:
    from cityties.delegations.models import Participant

    chosen = Q(pk__in=ParticipantCost.objects.filter(costs_q).values("participant_id"))
    grouping: meetings.Group = "participant" if by == "participant" else "delegation"
    if by == "city":
        grouping = "city"
    counts = meetings.meeting_counts(chosen, grouping)
    if by in ("year", "total"):
        years = dict(
            Participant.objects.filter(chosen)
            .values_list("delegation_id", "outcome_cost__year")
            .distinct()
        )
        regrouped: dict[Any, meetings.MeetingCounts] = {}
        for delegation_id, counted in counts.items():
            key = None if by == "total" else years.get(delegation_id)
            regrouped.setdefault(key, meetings.MeetingCounts()).add(counted)
        counts = regrouped
    for key, counted in counts.items():
        entry = found.setdefault(key, Totals())
        entry.requests += counted.requests
        entry.meetings += counted.meetings


def total(reader: Reader, **conditions: Any) -> Totals:
    return totals(reader, "total", **conditions)[None]
