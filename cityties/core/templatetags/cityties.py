from babel import Locale, UnknownLocaleError
from django import template
from django.utils.translation import get_language

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
