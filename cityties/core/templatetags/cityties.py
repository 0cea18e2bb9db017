from decimal import Decimal, InvalidOperation

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
        return format_currency(Decimal(str(amount)), currency or "EUR", locale=_locale())
    except (InvalidOperation, ValueError, UnknownLocaleError):
        return f"{amount} {currency}"


_AUDIT_ACTIONS = {0: _("created"), 1: _("changed"), 2: _("deleted"), 3: _("viewed")}


@register.filter
def audit_action(action: int) -> str:
    """A django-auditlog action (create, update, delete, access) in the current language."""
    return str(_AUDIT_ACTIONS.get(action, action))
