"""French (and English) date phrases, resolved against the meeting's date.

"du 16 au 19 novembre 2016", "les 4 et 5 juillet", "le 7 juin", "fin avril", "début mai",
"au printemps 2022", "en octobre 2021", "janvier et février prochain", "12/01/2023",
"3 May 2022". A day or month without a year is its next occurrence after the meeting (the
previous one when the sentence tells of something past: "a eu lieu", "dernier"). A yearless
mention in a sentence that names one year ("la foire du mois de mai ... en 2017") takes it.
"""

from __future__ import annotations

import datetime as dt
import re

from .periods import (
    SEASONS,
    DateMention,
    last_day,
    period,
    relative,
    resolve_season,
    safe_date,
    season_span,
)
from .text import plain

MONTHS = {
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
_ENGLISH_ONLY = {"may", "march", "mar", "june", "jun", "july", "jul", "jan", "feb", "apr", "aug"}
_ENGLISH_NAMES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
}  # fmt: skip
MONTH = (
    r"(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre"
    r"|january|february|march|april|may|june|july|august|september|october|november|december"
    r"|janv\.?|fevr?\.|avr\.|juil\.|sept\.|oct\.|nov\.|dec\.|jan\.|feb\.|mar\.|apr\.|jun\.|jul\."
    r"|aug\.|sep\.)"
    r"(?![a-z])"
)
_DAY = r"(?:1er|1st|premier|[0-3]?\d)(?:st|nd|rd|th)?"
_WEEKDAY = (
    r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday),?\s+)"
)
_YEAR = r"(?:19[5-9]\d|20\d\d|2100)"
_NOT_AMOUNT = r"(?!\s*(?:€|euros?|dollars?|\$|%|personnes|habitants|participants|m2|km|k€)|\d)"
_SEASON = r"(?:printemps|ete|automne|hiver|spring|summer|autumn|winter|fall)"
_NEXT = r"(?:\s+(?P<rel>prochaine?s?|derniere?s?|next|last))?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "iso",
        re.compile(r"\b(?P<y>" + _YEAR + r")(?P<sep>[-/.])(?P<m>[01]\d)(?P=sep)(?P<d>[0-3]\d)\b"),
    ),
    (
        "numeric_range",
        re.compile(
            r"\b(?:du\s+|from\s+)?(?P<d>[0-3]?\d)[/.](?P<m>[01]?\d)(?:[/.](?P<y>\d{4}))?\s*"
            r"(?:au|a|-|–|to)\s*(?P<d2>[0-3]?\d)[/.](?P<m2>[01]?\d)[/.](?P<y2>\d{4}|\d\d)\b"
        ),
    ),
    (
        "numeric_short",
        re.compile(
            r"\b(?:le|du|au|avant\s+le|pour\s+le|d'ici\s+le|jusqu'au|by|on|before)\s+"
            r"(?P<d>[0-3]?\d)/(?P<m>[01]?\d)\b(?![/.]\d)"
        ),
    ),
    (
        "numeric",
        re.compile(r"(?<![\w.])(?P<d>[0-3]?\d)[/.](?P<m>[01]?\d)[/.](?P<y>\d{4}|\d\d)\b(?![/.]\d)"),
    ),
    (
        "range_months",
        re.compile(
            r"(?:(?:du|from|entre le|between)\s+)?" + _WEEKDAY + r"?(?P<d>" + _DAY + r")\s+"
            r"(?P<m>" + MONTH + r")(?:\s+(?P<y>" + _YEAR + r"))?\s*"
            r"(?:au|a|jusqu'au|-|–|to|until|till|et le|and)\s*" + _WEEKDAY + r"?"
            r"(?P<d2>" + _DAY + r")\s+(?P<m2>" + MONTH + r")(?:\s+(?P<y2>" + _YEAR + r"))?"
        ),
    ),
    (
        "range_days",
        re.compile(
            r"(?:(?:du|from|entre le|between(?: the)?|les|des|the|on)\s+)?" + _WEEKDAY + r"?"
            r"(?P<d>" + _DAY + r")(?P<more>(?:\s*,\s*" + _DAY + r")*)\s*"
            r"(?:au|-|–|to|until|et le|et|and|&)\s*" + _WEEKDAY + r"?"
            r"(?P<d2>" + _DAY + r")\s+(?P<m>" + MONTH + r")(?:\s+(?P<y>" + _YEAR + r"))?" + _NEXT
        ),
    ),
    (
        "english_range",
        re.compile(
            r"\b(?P<m>"
            + MONTH
            + r")\s+(?P<d>"
            + _DAY
            + r")\s*(?:-|–|to|and)\s*(?P<d2>"
            + _DAY
            + r")(?:,?\s+(?P<y>"
            + _YEAR
            + r"))?"
        ),
    ),
    (
        "day",
        re.compile(
            _WEEKDAY + r"?\b(?P<d>" + _DAY + r")(?:\s+(?:of\s+)?|-)(?P<m>" + MONTH + r")"
            r"(?:,?\s+(?P<y>" + _YEAR + r")|-(?P<y0>" + _YEAR + r"))?" + _NEXT
        ),
    ),
    (
        "english_day",
        re.compile(
            _WEEKDAY
            + r"?\b(?P<m>"
            + MONTH
            + r")\s+(?P<d>"
            + _DAY
            + r")\b(?:,?\s+(?P<y>"
            + _YEAR
            + r"))?"
        ),
    ),
    (
        "range_of_months",
        re.compile(
            r"(?:(?:de|d'|entre|between|from|en|in)\s*)?(?P<m>"
            + MONTH
            + r")(?:\s+(?P<y0>"
            + _YEAR
            + r"))?\s*(?:a|au|-|–|to|et|and|&)\s*(?P<m2>"
            + MONTH
            + r")"
            r"(?:\s+(?P<y>" + _YEAR + r"))?" + _NEXT
        ),
    ),
    (
        "part_of_month",
        re.compile(
            r"\b(?P<part>a la fin du mois|au debut du mois|fin du mois|debut du mois|milieu du mois"
            r"|la fin|le debut|fin|debut|mi-|mi|courant|the end of|end of|beginning of|early"
            r"|mid-|mid|late)\s*(?:de\s+|d'|of\s+)?(?P<m>" + MONTH + r")"
            r"(?:\s+(?P<y>" + _YEAR + r"))?" + _NEXT
        ),
    ),
    (
        "month",
        re.compile(
            r"(?:\b(?:en|au mois de|du mois de|le mois de|mois de|d'ici|avant|pour|courant|depuis"
            r"|des|jusqu'en|a partir de|in|by|during|until|since|from|of|de|d')\s*)"
            r"(?P<m>"
            + MONTH
            + r")(?:\s+(?P<y>"
            + _YEAR
            + r"))?"
            + _NEXT
            + r"|\b(?P<m_>"
            + MONTH
            + r")\s+(?P<y_>"
            + _YEAR
            + r")\b"
            r"|\b(?P<m__>" + MONTH + r")\s+(?P<rel_>prochaine?s?|derniere?s?)\b"
        ),
    ),
    (
        "season",
        re.compile(
            r"\b(?:(?:au|en|a l'|cet|cette|(?<!de )l'|ce|pendant l'|durant l'|d'ici l'|avant l'"
            r"|des l'|in(?: the)?|this|next|last|during(?: the)?|by(?: the)?)\s*)"
            r"(?P<s>"
            + _SEASON
            + r")(?:\s+(?P<y>"
            + _YEAR
            + r"))?"
            + _NEXT
            + r"|\b(?P<s_>"
            + _SEASON
            + r")\s+(?P<y_>"
            + _YEAR
            + r")\b"
        ),
    ),
    (
        "period",
        re.compile(
            r"\b(?P<n>1er|premier|1st|2e|2eme|deuxieme|second|2nd|3e|3eme|troisieme|third|3rd|4e|4eme"
            r"|quatrieme|fourth|4th|dernier|last|first)\s+(?P<unit>trimestre|semestre|quarter|half)"
            r"(?:\s+(?:de\s+|of\s+)?(?:l'annee\s+)?(?P<y>" + _YEAR + r"))?"
            r"|\b(?P<code>[qt][1-4]|[sh][12])\s+(?P<y_>" + _YEAR + r")\b"
        ),
    ),
    (
        "rentree",
        re.compile(
            r"\b(?:a|pour|des|avant|apres|d'ici|de|depuis)\s+la\s+rentree(?:\s+scolaire)?"
            r"(?:\s+(?:de\s+septembre\s+)?(?P<y>" + _YEAR + r"))?"
        ),
    ),
    (
        "year_end",
        re.compile(
            r"\bfin\s+(?:d'annee|de\s+l'annee)(?:\s+(?P<y>" + _YEAR + r"))?"
            r"|\b(?:the\s+)?end\s+of\s+(?:the\s+)?year\b"
        ),
    ),
    (
        "year",
        re.compile(
            r"\b(?:en|des|depuis|courant|pour|d'ici (?:a )?(?:la )?fin|d'ici a|d'ici"
            r"|avant (?:la )?fin|avant|fin|debut|a partir de|jusqu'en|in|by|from|during|until"
            r"|since|the end of|end of|early|late|l'annee|annee)\s+(?P<y>"
            + _YEAR
            + r")\b"
            + _NOT_AMOUNT
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>l'annee prochaine|l'an prochain|next year|cette annee|this year"
            r"|le mois prochain|next month|la semaine prochaine|next week)\b"
        ),
    ),
]

# A sentence without any of these holds no date: most sentences are skipped at once.
_MAYBE_DATE = re.compile(
    r"\d|\b(?:janv|fevr?|mars|avr|mai|juin|juil|aout|sept?|oct|nov|dec|jan|feb|mar|apr|may"
    r"|jun|jul|aug|printemps|ete|automne|hiver|spring|summer|autumn|winter|fall|prochaine?"
    r"|next|annee|year|mois|month|semaine|week|rentree|trimestre|semestre|quarter|half"
    r"|premier|fin|end)"
)
# Passé composé and plus-que-parfait ("a dégagé", "ont démarré"): a yearless date told in
# the past is the previous occurrence when the next one is more than half a year away.
_RECENT_PAST = re.compile(
    r"\b(?:a|ont|avait|avaient|avons)\s+(?:(?:déjà|bien|été|pu|su|notamment|aussi)\s+)?"
    r"[a-zàâçéèêëîïôûùüÿœ'-]{2,}(?:é|ée|és|ées|is|ie|ies|it|u|us|ue|ert|erte|eint|uit)\b"
    r"|\bbilan\b|\bretour sur\b|\bwas\b|\bwere\b|\bhad\b"
)
_PAST = re.compile(
    r"\b(?:a|ont|avait|avaient) eu lieu\b|s'est (?:tenue?|deroulee?|reunie?)|se sont (?:tenue?s"
    r"|deroulee?s)|\b(?:a|ont) (?:reuni|rassemble|accueilli|demarre|commence)\b|\btook place\b"
    r"|\b(?:was|were) held\b"
)


def _month(token: str | None, original: str, position: int, *, english: bool = False) -> int | None:
    """The month a token names; English names count when written with a capital
    ("May", not the verb), and only English names follow the English order ("May 3")."""
    if not token:
        return None
    key = token.rstrip(".")
    number = MONTHS.get(key)
    capital = original[position : position + 1].isupper()
    if number and (key in _ENGLISH_ONLY or english) and not capital:
        return None
    if english and key not in _ENGLISH_NAMES:
        return None
    return number


def _day(token: str | None) -> int | None:
    if not token:
        return None
    digits = re.match(r"\d+", token)
    if not digits:
        return 1 if token.startswith(("premier", "1er")) else None
    return int(digits.group())


def _year(token: str | None) -> int | None:
    if not token:
        return None
    value = int(token)
    if value < 100:
        value += 2000 if value < 70 else 1900
    return value if 1950 <= value <= 2100 else None


def _resolve_year(month: int, day: int, reference: dt.date, direction: str) -> int:
    """The year of the next (or, for something past, previous) occurrence of a day."""
    candidate = (month, day)
    here = (reference.month, reference.day)
    if direction == "past":
        return reference.year if candidate <= here else reference.year - 1
    if direction == "next_strict":
        return reference.year if candidate > here else reference.year + 1
    year = reference.year if candidate >= here else reference.year + 1
    if direction == "recent":
        ahead = safe_date(year, month, min(day, 28))
        if ahead and (ahead - reference).days > _HALF_YEAR:
            return year - 1
    return year


def _direction(groups: dict[str, str | None], past: bool | str) -> str:
    """ "next" (or later), "next_strict" (after the meeting's month), "past", or "recent"
    (told in the past: the previous occurrence when the next one is far)."""
    rel = groups.get("rel") or groups.get("rel_") or ""
    if rel.startswith(("dernier", "last")):
        return "past"
    if rel.startswith(("prochain", "next")):
        return "next_strict"
    if past == "recent":
        return "recent"
    return "past" if past else "next"


_HALF_YEAR = 183


def _resolve_month(month: int, reference: dt.date, direction: str) -> int:
    if direction == "past":
        return reference.year if month <= reference.month else reference.year - 1
    if direction == "next_strict":
        return reference.year if month > reference.month else reference.year + 1
    year = reference.year if month >= reference.month else reference.year + 1
    if direction == "recent" and (year - reference.year) * 12 + month - reference.month > 6:
        return year - 1
    return year


def find_dates(sentence: str, reference: dt.date | None) -> list[DateMention]:
    """The date phrases of one sentence, resolved against `reference` (the meeting's date)."""
    text = plain(sentence)
    if not _MAYBE_DATE.search(text):
        return []
    past: bool | str = bool(_PAST.search(text)) or (
        "recent" if _RECENT_PAST.search(sentence.lower()) else False
    )
    taken = [False] * len(text)
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            while start < end and text[start] == " ":
                start += 1
            if any(taken[start:end]):
                continue
            mention = _mention(kind, match, sentence, reference, past)
            if mention:
                found.append(mention)
                for index in range(start, end):
                    taken[index] = True
    return _share_year(sorted(found, key=lambda m: m.span), text, reference, past)


def _share_year(
    found: list[DateMention], text: str, reference: dt.date | None, past: bool | str
) -> list[DateMention]:
    """Yearless mentions take the one year the sentence names; a year that only served
    to date another mention drops out ("la foire du mois de mai ... en 2017")."""
    years = {m.start.year for m in found if m.explicit_year}
    bare_years = [m for m in found if m.precision == "year" and m.explicit_year]
    yearless = [m for m in found if not m.explicit_year and m.precision != "year"]
    if len(years) != 1 or not yearless or not bare_years:
        return found
    year = years.pop()
    result = []
    changed = False
    for mention in found:
        if mention in yearless and mention.start.year != year:
            shift = year - mention.start.year
            start = safe_date(year, mention.start.month, mention.start.day) or mention.start
            end = safe_date(mention.end.year + shift, mention.end.month, mention.end.day)
            if mention.precision in ("month", "season"):
                end = last_day(mention.end.year + shift, mention.end.month)
            mention = DateMention(start, end or mention.end, mention.precision, mention.span, True)
            changed = True
        result.append(mention)
    return [m for m in result if not (changed and m in bare_years)]


def _group_start(match: re.Match[str], *names: str) -> tuple[str | None, int]:
    for name in names:
        if match.group(name):
            return match.group(name), match.start(name)
    return None, match.start()


def _mention(
    kind: str, match: re.Match[str], sentence: str, reference: dt.date | None, past: bool | str
) -> DateMention | None:
    groups = match.groupdict()
    span = match.span()
    direction = _direction(groups, past)
    year = _year(groups.get("y") or groups.get("y_") or groups.get("y0"))
    explicit = year is not None
    if kind == "relative":
        return relative(groups["rel"] or "", reference, span)
    if kind in ("period", "rentree", "year_end"):
        return period(kind, groups, year, reference, span)
    if kind == "year":
        if year is None:
            return None
        return DateMention(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", span, True)
    if kind == "season":
        season = SEASONS[groups.get("s") or groups.get("s_") or ""]
        if year is None:
            if reference is None:
                return None
            year = resolve_season(season, reference, direction)
        first, last = season_span(season, year)
        return DateMention(first, last, "season", span, explicit)
    token, at = _group_start(match, "m", "m_", "m__")
    if kind in ("iso", "numeric", "numeric_range", "numeric_short"):
        month = int(token or 0)
        day_value = _day(groups.get("d")) or 0
        if month > 12 and day_value <= 12 and kind == "numeric":
            month, day_value = day_value, month
            groups["d"] = str(day_value)
        if not 1 <= month <= 12:
            return None
    else:
        found_month = _month(token, sentence, at, english=kind.startswith("english"))
        if found_month is None:
            return None
        month = found_month
    if kind in ("month", "part_of_month", "range_of_months"):
        month2 = month
        if kind == "range_of_months":
            token2, at2 = _group_start(match, "m2")
            month2 = _month(token2, sentence, at2) or 0
            if not month2:
                return None
        if year is None:
            if reference is None:
                return None
            year = _resolve_month(month, reference, direction)
        elif kind == "range_of_months" and not groups.get("y0") and month2 < month:
            year -= 1
        end_year = year if month2 >= month else year + 1
        first = dt.date(year, month, 1)
        return DateMention(first, last_day(end_year, month2), "month", span, explicit)
    day = _day(groups.get("d"))
    if day is None:
        return None
    if kind == "numeric" and len(groups.get("y") or "") == 2 and "/" not in match.group():
        return None  # "2.3.10" is a version, "12/01/23" a date
    month2, day2 = month, day
    if groups.get("d2"):
        day2 = _day(groups["d2"]) or day
        if kind == "numeric_range":
            month2 = int(groups["m2"])
        elif groups.get("m2"):
            token2, at2 = _group_start(match, "m2")
            month2 = _month(token2, sentence, at2) or month
    year2 = _year(groups.get("y2"))
    if year is None and year2 is not None:
        # "du 28 novembre au 2 décembre 2022": the year written once, at the end.
        year = year2 if (month, day) <= (month2, day2) else year2 - 1
        explicit = True
    if year is None:
        if reference is None:
            return None
        year = _resolve_year(month, day, reference, direction)
    first_day = safe_date(year, month, day)
    if first_day is None:
        return None
    if not groups.get("d2"):
        return DateMention(first_day, first_day, "day", span, explicit)
    final_day = safe_date(year2 or year, month2, day2) if 1 <= month2 <= 12 else None
    if final_day and final_day < first_day:
        final_day = safe_date(final_day.year + 1, month2, day2)
    if final_day is None or (final_day - first_day).days > 370:
        return None
    return DateMention(first_day, final_day, "day", span, explicit)
