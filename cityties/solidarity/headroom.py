"""Oudin-Santini headroom: how much a member may still give this year under the 1 % water
law (CGCT L.1115-1-1), from the water, sanitation and waste budgets it entered.

Each budget is counted separately: 1 % of the water budget for water actions, 1 % of the
sanitation budget for sanitation, 1 % of the waste budget for waste; what one leaves unused
never adds to another. The ceiling is rounded down to the cent, so following it never
passes the law's limit. Pure Python, no Django: the services feed it the rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

BUDGETS = ("water", "sanitation", "waste")
RATE = Decimal("0.01")
CENT = Decimal("0.01")
ZERO = Decimal("0")


@dataclass(frozen=True, slots=True)
class Line:
    """One budget's headroom; `amount`, `ceiling` and `remaining` are None when the member
    has not entered that budget (nothing may then be given under it)."""

    budget: str
    amount: Decimal | None
    ceiling: Decimal | None
    given: Decimal
    remaining: Decimal | None
    excess: Decimal  # given beyond the ceiling (or with no budget entered)

    def allows(self, amount: Decimal) -> bool:
        return self.remaining is not None and amount <= self.remaining


@dataclass(frozen=True, slots=True)
class Headroom:
    lines: tuple[Line, ...]

    def line(self, budget: str) -> Line:
        for line in self.lines:
            if line.budget == budget:
                return line
        raise KeyError(budget)

    @property
    def remaining(self) -> Decimal:
        """The three remainders added up, for a summary; each is spent separately."""
        return sum((line.remaining or ZERO for line in self.lines), ZERO)


def ceiling(budget: Decimal) -> Decimal:
    """1 % of a budget, rounded down to the cent."""
    if budget < 0:
        raise ValueError("a budget cannot be negative")
    return (budget * RATE).quantize(CENT, rounding=ROUND_DOWN)


def headroom(
    budgets: Mapping[str, Decimal | None], given: Mapping[str, Decimal] | None = None
) -> Headroom:
    """The headroom of each budget: its 1 % ceiling less what was given under it this year.

    `budgets` and `given` are keyed by "water", "sanitation" and "waste"; a missing key is
    a budget not entered or nothing given.
    """
    given = given or {}
    unknown = (set(budgets) | set(given)) - set(BUDGETS)
    if unknown:
        raise ValueError(f"unknown budgets: {sorted(unknown)}")
    lines = []
    for name in BUDGETS:
        amount = budgets.get(name)
        spent = given.get(name, ZERO)
        if spent < 0:
            raise ValueError("an amount given cannot be negative")
        if amount is None:
            lines.append(Line(name, None, None, spent, None, spent))
            continue
        top = ceiling(amount)
        lines.append(Line(name, amount, top, spent, max(ZERO, top - spent), max(ZERO, spent - top)))
    return Headroom(tuple(lines))
