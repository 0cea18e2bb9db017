"""The delegation's figures: its rows turned into the cost engine's input, the engine run,
and its answer mapped back to participants, items, rules and funders.

Figures are never stored: each reading computes them from the current rows and rates, so
changing a rate or a share changes every figure at once. Loading takes a fixed number of
queries whatever the number of rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from django.db.models import Prefetch

from cityties.core.text import fold
from cityties.delegations.models import Delegation, Participant
from cityties.network.models import Organisation
from cityties.solvers import costs as engine

from ..models import ACCOUNTING_CURRENCY, CostItem, ExchangeRate, Share, Split, SubsidyRule
from .subsidies import facts_of

Basis = Literal["planned", "actual"]
ZERO = Decimal("0.00")
_SPLIT = {Split.EQUAL: "equal", Split.AREA: "area", Split.DAYS: "days", Split.WEIGHTS: "weights"}


@dataclass
class Rows:
    """Everything the figures read, loaded once."""

    delegation: Delegation
    participants: list[Participant]
    items: list[CostItem]
    rates: list[ExchangeRate]
    rules: list[SubsidyRule]


def load(delegation: Delegation) -> Rows:
    participants = list(
        Participant.objects.filter(delegation=delegation)
        .select_related("organisation", "sponsor", "facts", "organisation__company_profile")
        .order_by("organisation__name_key", "pk")
    )
    items = list(
        CostItem.objects.filter(delegation=delegation).prefetch_related(
            Prefetch("shares", queryset=Share.objects.order_by("pk")),
            "covers",
        )
    )
    rates = list(ExchangeRate.objects.filter(delegation=delegation))
    rules = list(SubsidyRule.objects.filter(delegation=delegation).select_related("funder"))
    return Rows(delegation, participants, items, rates, rules)


def _money(value: Decimal) -> str:
    return format(value, "f")


def _pid(pk: int) -> str:
    return f"p{pk}"


def engine_input(rows: Rows, basis: Basis = "planned") -> dict[str, Any]:
    participants = []
    for participant in rows.participants:
        facts = facts_of(participant)
        entry: dict[str, Any] = {
            "id": _pid(participant.pk),
            "kind": participant.kind,
            "sme": facts.sme,
            "prior_participations": facts.prior_participations,
            "previous_edition": facts.previous_edition,
            "aid_received": _money(facts.aid_received),
        }
        if fold(facts.region):
            entry["region"] = fold(facts.region)
        participants.append(entry)
    items = []
    for item in rows.items:
        amount = item.planned_amount
        if basis == "actual" and item.actual_amount is not None:
            amount = item.actual_amount
        shares = []
        for share in item.shares.all():
            measures: dict[str, Any] = {"participant": _pid(share.participant_id)}
            if share.area_m2 is not None:
                measures["area_m2"] = _money(share.area_m2)
            if share.days is not None:
                measures["days"] = str(share.days)
            if share.percent is not None:
                measures["weight"] = _money(share.percent)
            shares.append(measures)
        data: dict[str, Any] = {
            "id": f"i{item.pk}",
            "kind": item.kind,
            "amount": _money(amount),
            "currency": item.currency,
            "split": _SPLIT[Split(item.split)],
            "shares": shares,
            "covered": [
                {"by": _pid(cover.participant_id), "amount": _money(cover.amount)}
                for cover in item.covers.all()
            ],
        }
        if item.area_m2 is not None:
            data["area_m2"] = _money(item.area_m2)
        if item.days is not None:
            data["days"] = str(item.days)
        items.append(data)
    subsidies = [_rule_input(rule) for rule in rows.rules]
    return {
        "currency": ACCOUNTING_CURRENCY,
        "rates": {rate.currency: format(rate.rate, "f") for rate in rows.rates},
        "participants": participants,
        "items": items,
        "subsidies": subsidies,
    }


def _rule_input(rule: SubsidyRule) -> dict[str, Any]:
    eligible: dict[str, Any] = {}
    if rule.participant_kind:
        eligible["kinds"] = [rule.participant_kind]
    if rule.sme_only:
        eligible["sme"] = True
    if rule.max_prior_participations is not None:
        eligible["max_prior_participations"] = rule.max_prior_participations
    if rule.not_previous_edition:
        eligible["not_previous_edition"] = True
    if rule.regions:
        eligible["regions"] = [fold(region) for region in rule.regions]
    if rule.min_from_region:
        eligible["min_from_region"] = rule.min_from_region
    data: dict[str, Any] = {
        "id": f"r{rule.pk}",
        "funder": f"o{rule.funder_id}",
        "rate": format(rule.rate / 100, "f"),
        "kinds": list(rule.kinds),
        "eligible": eligible,
    }
    for name in ("max_area_m2", "max_price_per_m2", "cap_per_participant", "cap_total"):
        value = getattr(rule, name)
        if value is not None:
            data[name] = _money(value)
    if rule.window_limit is not None:
        data["window"] = {
            "limit": _money(rule.window_limit),
            "all_or_nothing": rule.window_all_or_nothing,
        }
    return data


@dataclass
class SubsidyLine:
    rule: SubsidyRule
    amount: Decimal
    note: Any = None  # the engine's structured note: why the amount is what it is


@dataclass
class ItemLine:
    item: CostItem
    amount: Decimal  # in euros, converted once
    covered: list[tuple[Organisation, Decimal]]
    shares: dict[int, Decimal]  # participant pk -> euros

    @property
    def covered_total(self) -> Decimal:
        return sum((amount for _org, amount in self.covered), ZERO)


@dataclass
class ParticipantLine:
    participant: Participant
    gross: Decimal
    net: Decimal
    subsidies: list[SubsidyLine]
    items: list[tuple[ItemLine, Decimal]] = field(default_factory=list)

    @property
    def subsidy_total(self) -> Decimal:
        return sum((line.amount for line in self.subsidies), ZERO)


@dataclass
class FunderLine:
    """One organisation's part of the funding plan: its subsidies, what it covers for
    everyone, and what it pays as a participant."""

    organisation: Organisation
    subsidies: Decimal = ZERO
    covers: Decimal = ZERO
    own: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.subsidies + self.covers + self.own


@dataclass
class Figures:
    basis: Basis
    items: list[ItemLine]
    participants: list[ParticipantLine]
    funders: list[FunderLine]
    rules: dict[int, Decimal]  # rule pk -> total
    total: Decimal
    error: str | None = None  # the engine refused the rows; the message names the row

    def participant(self, pk: int) -> ParticipantLine | None:
        return next((line for line in self.participants if line.participant.pk == pk), None)

    @property
    def balanced(self) -> bool:
        return sum((funder.total for funder in self.funders), ZERO) == self.total


def compute(rows: Rows, basis: Basis = "planned") -> Figures:
    try:
        parsed = engine.parse_input(engine_input(rows, basis))
    except engine.InvalidInput as exc:
        return Figures(basis, [], [], [], {}, ZERO, error=_describe(rows, exc))
    result = engine.allocate(parsed)
    return _map(rows, basis, result)


def _describe(rows: Rows, exc: Any) -> str:
    """The engine names rows by their engine id; give the reader the row's own name."""
    names = {f"i{item.pk}": item.label for item in rows.items}
    names |= {f"r{rule.pk}": rule.label for rule in rows.rules}
    names |= {_pid(p.pk): p.organisation.name for p in rows.participants}
    ident = str(getattr(exc, "id", "") or "")
    return f"{names.get(ident, ident)}: {getattr(exc, 'message', exc)}"


def _map(rows: Rows, basis: Basis, result: Any) -> Figures:
    by_pid = {_pid(p.pk): p for p in rows.participants}
    items_by_id = {f"i{item.pk}": item for item in rows.items}
    rules_by_id = {f"r{rule.pk}": rule for rule in rows.rules}

    item_lines = []
    for entry in result.items:
        item = items_by_id[entry.id]
        item_lines.append(
            ItemLine(
                item=item,
                amount=entry.amount,
                covered=[(by_pid[by].organisation, amount) for by, amount in entry.covered.items()],
                shares={by_pid[pid].pk: amount for pid, amount in entry.shares.items()},
            )
        )
    lines_by_participant: dict[int, list[tuple[ItemLine, Decimal]]] = defaultdict(list)
    for line in item_lines:
        for pk, amount in line.shares.items():
            lines_by_participant[pk].append((line, amount))

    participant_lines = []
    funders: dict[int, FunderLine] = {}

    def funder(organisation: Organisation) -> FunderLine:
        return funders.setdefault(organisation.pk, FunderLine(organisation))

    for entry in result.participants:
        participant = by_pid[entry.id]
        subsidies = [
            SubsidyLine(rules_by_id[rid], amount, entry.notes.get(rid))
            for rid, amount in entry.subsidies.items()
        ]
        participant_lines.append(
            ParticipantLine(
                participant=participant,
                gross=entry.gross,
                net=entry.net,
                subsidies=subsidies,
                items=lines_by_participant.get(participant.pk, []),
            )
        )
        if entry.net:
            funder(participant.organisation).own += entry.net
    rule_totals: dict[int, Decimal] = {}
    for rid, rule in rules_by_id.items():
        amount = result.funders.get(rid, ZERO)
        rule_totals[rule.pk] = amount
        if amount:
            funder(rule.funder).subsidies += amount
    for line in item_lines:
        for organisation, amount in line.covered:
            funder(organisation).covers += amount
    order = {p.pk: index for index, p in enumerate(rows.participants)}
    participant_lines.sort(key=lambda line: order[line.participant.pk])
    funder_lines = sorted(funders.values(), key=lambda f: (-f.total, f.organisation.name_key))
    return Figures(basis, item_lines, participant_lines, funder_lines, rule_totals, result.total)
