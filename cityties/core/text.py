"""Folded text: the key that French sorting and accent-insensitive search compare."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal
from django.utils.translation import get_language

# Letters that do not decompose into a base letter and an accent.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l"})


def fold(text: str) -> str:
    """Lower case, without accents or punctuation, spaces collapsed: "Échirolles" and
    "echirolles" fold alike, and sort between "dijon" and "fontainebleau".

    Comparing folded keys orders names as a French dictionary does at its first level
    (letters before accents), on SQLite and PostgreSQL alike, without a database collation.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LIGATURES))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", bare).split())


@cache
def _parsed_locale(tag: str) -> Locale:
    try:
        return Locale.parse(tag)
    except (ValueError, UnknownLocaleError):
        return Locale("fr")


def current_locale() -> Locale:
    """The reader's Babel locale; parsed once per language (60 µs a parse, once per cell in
    a list of 50 rows)."""
    return _parsed_locale((get_language() or "fr").replace("-", "_"))


def countries_by_name(codes: Iterable[str]) -> list[tuple[str, str]]:
    """(code, name) pairs, names in the reader's language, in that language's order."""
    territories = current_locale().territories
    pairs = {(code, territories.get(code, code)) for code in codes if code}
    return sorted(pairs, key=lambda pair: (fold(pair[1]), pair[1]))


def format_number(value: object) -> str:
    """A count or an amount in the current language: "3 455" (narrow no-break space) in
    French, "3,455" in English. Anything that is not a number is shown as it is."""
    if value is None or value == "" or isinstance(value, bool):
        return "" if value is None else str(value)
    try:
        return format_decimal(Decimal(str(value)), locale=current_locale())
    except (InvalidOperation, ValueError):
        return str(value)


# The languages offered first when picking a person's languages; any other ISO 639 code
# already recorded stays offered too.
COMMON_LANGUAGES = (
    "fr", "en", "es", "de", "it", "pt", "nl", "ar", "zh", "ja", "ko", "ru", "pl", "ro",
    "el", "tr", "he", "hi", "vi", "wo", "sw", "uk", "cs", "sv",
)  # fmt: skip


def language_choices(extra: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(code, name) pairs, names in the reader's language, in its alphabetical order."""
    names = current_locale().languages
    codes = dict.fromkeys([*COMMON_LANGUAGES, *extra])
    pairs = [(code, names.get(code, code)) for code in codes if code]
    return sorted(pairs, key=lambda pair: (fold(pair[1]), pair[1]))


def language_names(codes: str) -> str:
    """ "fr,en" as "français, anglais" for a French reader."""
    names = current_locale().languages
    return ", ".join(names.get(code, code) for code in codes.split(",") if code)
