from decimal import Decimal, InvalidOperation

from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency
from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    """The country's name in the current language, from its ISO 3166 code."""
    if not code:
        return ""
    try:
        locale = Locale.parse((get_language() or "fr").replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        locale = Locale("fr")
    return locale.territories.get(code.upper(), code)


@register.filter
def money(amount: object, currency: str = "EUR") -> str:
    """An exact amount with its currency, formatted for the current language."""
    if amount is None or amount == "":
        return "—"
    locale = (get_language() or "fr").replace("-", "_")
    try:
        return format_currency(Decimal(str(amount)), currency or "EUR", locale=locale)
    except (InvalidOperation, ValueError, UnknownLocaleError):
        return f"{amount} {currency}"


_AUDIT_ACTIONS = {0: _("created"), 1: _("changed"), 2: _("deleted"), 3: _("viewed")}


@register.filter
def audit_action(action: int) -> str:
    """A django-auditlog action (create, update, delete, access) in the current language."""
    return str(_AUDIT_ACTIONS.get(action, action))
