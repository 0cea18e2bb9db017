"""The budget: each item planned and actual, totals by kind, per participant and per
funder, and the funding plan, from the planned and actual figures side by side."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from ..models import CostItem, ItemKind
from .figures import ZERO, Figures, Member, Rows, compute


@dataclass
class Pair:
    planned: Decimal = ZERO
    actual: Decimal = ZERO


@dataclass
class ItemRow:
    item: CostItem
    planned: Decimal
    actual: Decimal
    estimated: bool  # no actual amount yet: the planned one stands in


@dataclass
class KindRow:
    kind: str
    label: str
    amounts: Pair


@dataclass
class ParticipantRow:
    participant: Member
    gross: Pair
    subsidies: Pair
    net: Pair


@dataclass
class FunderRow:
    organisation: Any  # pk, name, name_key
    subsidies: Pair
    covers: Pair
    own: Pair
    total: Pair


@dataclass
class Budget:
    planned: Figures
    actual: Figures
    items: list[ItemRow]
    kinds: list[KindRow]
    participants: list[ParticipantRow]
    funders: list[FunderRow]
    total: Pair

    @property
    def error(self) -> str | None:
        return self.planned.error or self.actual.error

    @property
    def balanced(self) -> bool:
        return self.planned.balanced and self.actual.balanced


def budget(rows: Rows) -> Budget:
    planned = compute(rows, "planned")
    # Before any actual amount is entered, the actual figures are the planned ones.
    has_actuals = any(item.actual_amount is not None for item in rows.items)
    actual = compute(rows, "actual") if has_actuals else replace(planned, basis="actual")
    actual_items = {line.item.pk: line.amount for line in actual.items}
    items = [
        ItemRow(
            line.item,
            line.amount,
            actual_items.get(line.item.pk, ZERO),
            line.item.actual_amount is None,
        )
        for line in planned.items
    ]
    kinds = []
    for kind, label in ItemKind.choices:
        chosen = [row for row in items if row.item.kind == kind]
        if chosen:
            kinds.append(
                KindRow(
                    kind,
                    str(label),
                    Pair(
                        sum((r.planned for r in chosen), ZERO),
                        sum((r.actual for r in chosen), ZERO),
                    ),
                )
            )
    actual_people = {line.participant.pk: line for line in actual.participants}
    participants = []
    for line in planned.participants:
        other = actual_people.get(line.participant.pk)
        participants.append(
            ParticipantRow(
                line.participant,
                Pair(line.gross, other.gross if other else ZERO),
                Pair(line.subsidy_total, other.subsidy_total if other else ZERO),
                Pair(line.net, other.net if other else ZERO),
            )
        )
    funders: dict[int, FunderRow] = {}
    for basis, figures in (("planned", planned), ("actual", actual)):
        for funder in figures.funders:
            row = funders.setdefault(
                funder.organisation.pk,
                FunderRow(funder.organisation, Pair(), Pair(), Pair(), Pair()),
            )
            setattr(row.subsidies, basis, funder.subsidies)
            setattr(row.covers, basis, funder.covers)
            setattr(row.own, basis, funder.own)
            setattr(row.total, basis, funder.total)
    ordered = sorted(
        funders.values(), key=lambda r: (-r.total.planned, -r.total.actual, r.organisation.name_key)
    )
    return Budget(
        planned,
        actual,
        items,
        kinds,
        participants,
        ordered,
        Pair(planned.total, actual.total),
    )
