"""Times shown in the zone of their event, not the reader's."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django import template

register = template.Library()


@register.filter
def in_zone(value: datetime | None, zone: str) -> datetime | None:
    """The wall-clock time in `zone`, naive so that the `date` filter leaves it as is."""
    if value is None:
        return None
    return value.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


@register.filter
def get_item(mapping: dict, key: object) -> object:
    return mapping.get(key, "") if mapping else ""
