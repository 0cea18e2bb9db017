"""Spans longer than a day: seasons, quarters and halves, "la rentrée", "fin d'année", and
years, months and weeks counted from the meeting ("l'année prochaine", "le mois prochain")."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class DateMention:
    start: dt.date
    end: dt.date
    precision: str
    span: tuple[int, int]
    explicit_year: bool


def last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


SEASONS = {
    "printemps": 3, "ete": 6, "automne": 9, "hiver": 12,
    "spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12,
}  # fmt: skip


def season_span(season: int, year: int) -> tuple[dt.date, dt.date]:
    if season == 12:
        return dt.date(year, 12, 1), last_day(year + 1, 2)
    return dt.date(year, season, 1), last_day(year, season + 2)


def resolve_season(season: int, reference: dt.date, direction: str) -> int:
    year = reference.year - 1 if season == 12 and reference.month <= 2 else reference.year
    first, last = season_span(season, year)
    if direction == "past":
        return year if first <= reference else year - 1
    if direction == "next_strict":
        return year if first > reference else year + 1
    return year if last >= reference else year + 1


_ORDINALS = {
    "1er": 1, "premier": 1, "1st": 1, "first": 1, "2e": 2, "2eme": 2, "deuxieme": 2, "second": 2,
    "2nd": 2, "3e": 3, "3eme": 3, "troisieme": 3, "third": 3, "3rd": 3, "4e": 4, "4eme": 4,
    "quatrieme": 4, "fourth": 4, "4th": 4,
}  # fmt: skip


def period(
    kind: str, groups: dict[str, str | None], year: int | None, reference: dt.date | None,
    span: tuple[int, int],
) -> DateMention | None:  # fmt: skip
    """Quarters and halves ("au premier trimestre 2023", "Q2 2024"), "la rentrée"
    (September) and "fin d'année" (December): months, the next ones if no year is given."""
    if kind == "rentree":
        first_month = last_month = 9
    elif kind == "year_end":
        first_month = last_month = 12
    else:
        code = groups.get("code") or ""
        unit = groups.get("unit") or {"q": "quarter", "t": "trimestre"}.get(code[:1], "half")
        size = 3 if unit in ("trimestre", "quarter") else 6
        word = groups.get("n") or ""
        number = int(code[1:]) if code else _ORDINALS.get(word, 12 // size)
        first_month, last_month = size * (number - 1) + 1, size * number
    if year is None:
        if reference is None:
            return None
        year = reference.year
        if last_day(year, last_month) < reference:
            year += 1
    explicit = bool(groups.get("y") or groups.get("y_"))
    return DateMention(
        dt.date(year, first_month, 1), last_day(year, last_month), "month", span, explicit
    )


def relative(rel: str, reference: dt.date | None, span: tuple[int, int]) -> DateMention | None:
    if reference is None:
        return None
    if "annee" in rel or "an " in rel or "year" in rel:
        year = reference.year + (0 if rel in ("cette annee", "this year") else 1)
        return DateMention(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", span, False)
    if "mois" in rel or "month" in rel:
        year, month = divmod(reference.month, 12)
        first = dt.date(reference.year + year, month + 1, 1)
        return DateMention(first, last_day(first.year, first.month), "month", span, False)
    monday = reference + dt.timedelta(days=7 - reference.weekday())
    return DateMention(monday, monday + dt.timedelta(days=6), "day", span, False)
