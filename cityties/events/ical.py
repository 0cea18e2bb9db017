"""iCalendar output shared by the calendar feeds and the delegates' itineraries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar
from icalendar import Event as VEvent

PRODID = "-//CityTies//Calendar//EN"


@dataclass(frozen=True)
class CalendarItem:
    uid: str
    summary: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    description: str = ""
    location: str = ""
    url: str = ""


def calendar_bytes(name: str, items: Iterable[CalendarItem]) -> bytes:
    """A VCALENDAR whose times carry their own zone (TZID), with its VTIMEZONE blocks."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = datetime.now(UTC)
    for item in items:
        zone = ZoneInfo(item.time_zone)
        vevent = VEvent()
        vevent.add("uid", item.uid)
        vevent.add("dtstamp", stamp)
        vevent.add("summary", item.summary)
        vevent.add("dtstart", item.starts_at.astimezone(zone))
        vevent.add("dtend", item.ends_at.astimezone(zone))
        if item.description:
            vevent.add("description", item.description)
        if item.location:
            vevent.add("location", item.location)
        if item.url:
            vevent.add("url", item.url)
        calendar.add_component(vevent)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
