"""Indicators of a partnership: its activities' figures summed per year."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear

from ..models import Activity, Partnership


@dataclass
class YearIndicators:
    year: int
    activities: int = 0
    people_involved: int = 0
    students: int = 0
    companies: int = 0
    contracts: int = 0
    # Budgets in different currencies are never added together.
    budgets: dict[str, Decimal] = field(default_factory=dict)


_INDICATORS = ("people_involved", "students", "companies", "contracts")


def yearly_indicators(partnership: Partnership) -> list[YearIndicators]:
    """The indicators of a partnership's activities summed per year, latest year first."""
    rows = (
        Activity.objects.filter(partnership=partnership)
        .annotate(year=ExtractYear("start_date"))
        .values("year", "budget_currency")
        .annotate(
            n=Count("id"),
            budget_sum=Sum("budget"),
            people_involved_sum=Sum("people_involved"),
            students_sum=Sum("students"),
            companies_sum=Sum("companies"),
            contracts_sum=Sum("contracts"),
        )
        .order_by("-year", "budget_currency")
    )
    years: dict[int, YearIndicators] = {}
    row: dict[str, Any]
    for row in rows:  # type: ignore[assignment]
        item = years.setdefault(row["year"], YearIndicators(year=row["year"]))
        item.activities += row["n"]
        for name in _INDICATORS:
            setattr(item, name, getattr(item, name) + (row[f"{name}_sum"] or 0))
        budget = Decimal(row["budget_sum"] or 0).quantize(Decimal("0.01"))
        if budget:
            item.budgets[row["budget_currency"]] = budget
    return list(years.values())


def total_indicators(years: Sequence[YearIndicators]) -> YearIndicators:
    total = YearIndicators(year=0)
    for item in years:
        total.activities += item.activities
        for name in _INDICATORS:
            setattr(total, name, getattr(total, name) + getattr(item, name))
        for currency, amount in item.budgets.items():
            total.budgets[currency] = total.budgets.get(currency, Decimal("0.00")) + amount
    return total
