"""Rich text of the minutes in pages: cleaned once more on the way out."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from .. import richtext

register = template.Library()


@register.filter
def rich(value: str) -> SafeString:
    return mark_safe(richtext.sanitise(value or ""))  # noqa: S308 — nh3 has cleaned it
