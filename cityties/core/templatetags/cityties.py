import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel import UnknownLocaleError
from babel.numbers import format_currency
from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cityties.core.phones import format_phone
from cityties.core.text import current_locale, format_number, language_names
from cityties.core.validators import is_web_url

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    """The country's name in the current language, from its ISO 3166 code."""
    if not code:
        return ""
    return current_locale().territories.get(code.upper(), code)


def _locale() -> str:
    return (get_language() or "fr").replace("-", "_")


@register.filter
def number(value: object) -> str:
    """A count or an amount, grouped the way the reader writes numbers."""
    return format_number(value)


@register.filter(name="is_web_url")
def is_web_url_filter(value: object) -> bool:
    """Only http(s) addresses become links; a stored `javascript:` one stays plain text."""
    return isinstance(value, str) and is_web_url(value)


@register.filter
def phone(value: str) -> str:
    """A number stored in E.164, shown with its spaces ("+33 2 31 30 41 00")."""
    return format_phone(value)


@register.filter(name="language_names")
def language_names_filter(codes: str) -> str:
    """Stored ISO codes ("fr,en") as names in the reader's language."""
    return language_names(codes or "")


@register.filter
def money(amount: object, currency: str = "EUR") -> str:
    """An exact amount with its currency, formatted for the current language."""
    if amount is None or amount == "":
        return "—"
    try:
        value = Decimal(str(amount))
        shape = _money_shape(_locale(), currency or "EUR")
    except (InvalidOperation, ValueError, UnknownLocaleError):
        return f"{amount} {currency}"
    if shape is None or not value.is_finite():
        return format_currency(value, currency or "EUR", locale=_locale())
    return shape.format(value)


def money_formatter(currency: str = "EUR") -> Callable[[object], str]:
    """`money` for one currency in the current language, the language looked up once:
    for the long tables written in Python, where that lookup is most of the cost."""
    try:
        shape = _money_shape(_locale(), currency or "EUR")
    except (ValueError, UnknownLocaleError):
        shape = None
    if shape is None:
        return lambda amount: money(amount, currency)

    written: dict[Decimal, str] = {}  # a long table repeats its amounts (zeros first)

    def formatted(amount: object) -> str:
        if not isinstance(amount, Decimal) or not amount.is_finite():
            return money(amount, currency)
        text = written.get(amount)
        if text is None:
            text = written[amount] = shape.format(amount)
        return text

    return formatted


@dataclass(frozen=True)
class _MoneyShape:
    """How a language writes an amount of a currency, learnt once from Babel: budget
    pages print thousands of amounts, and Babel's formatting costs a page per thousand."""

    places: int
    group: str
    decimal: str
    pattern: str  # "{number}" in place, e.g. "{number} €" or "€{number}"
    negative: str

    def format(self, value: Decimal) -> str:
        digits = f"{abs(value):,.{self.places}f}"
        whole, _sep, fraction = digits.partition(".")
        number = whole.replace(",", self.group) + (self.decimal + fraction if fraction else "")
        text = self.pattern.replace("{number}", number)
        if value < 0:  # as Babel: "-0,00 €" for a tiny negative
            return self.negative.replace("{text}", text)
        return text


_SAMPLE = Decimal("1234567.891")


@lru_cache(maxsize=128)
def _money_shape(locale: str, currency: str) -> _MoneyShape | None:
    """The shape of Babel's output for a sample amount, or None when it cannot be read
    back with certainty (then Babel formats every amount itself)."""
    from babel.numbers import get_currency_precision

    places = get_currency_precision(currency)
    sample = format_currency(_SAMPLE, currency, locale=locale)
    negative = format_currency(-_SAMPLE, currency, locale=locale)
    found = re.search(r"1(\D?)234(\D?)567(?:(\D)(\d+))?", sample)
    if not found:
        return None
    group = found.group(1)
    if group != found.group(2):
        return None
    decimal = found.group(3) or ""
    pattern = sample[: found.start()] + "{number}" + sample[found.end() :]
    if negative.replace(sample, "{text}") == negative or "{text}" not in negative.replace(
        sample, "{text}"
    ):
        return None
    shape = _MoneyShape(places, group, decimal, pattern, negative.replace(sample, "{text}"))
    # Only a shape that gives Babel's own answers is used.
    for probe in ("0", "0.5", "-12.34", "1000", "999999.995", "-0.004"):
        if shape.format(Decimal(probe)) != format_currency(Decimal(probe), currency, locale=locale):
            return None
    return shape


_AUDIT_ACTIONS = {0: _("created"), 1: _("changed"), 2: _("deleted"), 3: _("viewed")}


@register.filter
def audit_action(action: int) -> str:
    """A django-auditlog action (create, update, delete, access) in the current language."""
    return str(_AUDIT_ACTIONS.get(action, action))
