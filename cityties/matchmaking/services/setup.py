"""An event's matchmaking settings, its slots (congress days cut into slots, breaks and
plenaries left out) and its places (shared tables, rooms, the pavilion's stands)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as
from cityties.delegations.models import Session, SessionKind
from cityties.events.models import Event

from ..models import EventSetup, Place, PlaceKind, Slot
from .errors import MatchmakingError

SETUP_FIELDS = (
    "first_day",
    "last_day",
    "day_starts",
    "day_ends",
    "slot_minutes",
    "breaks",
    "max_requests",
    "max_meetings",
    "request_days",
    "reminder_hours",
)
MAX_SLOTS = 2_000


def zone_of(event: Event) -> ZoneInfo:
    return ZoneInfo(event.time_zone)


def setup_of(event: Event) -> EventSetup:
    """The event's settings, created with the event's own days the first time."""
    try:
        return event.matchmaking
    except EventSetup.DoesNotExist:
        pass
    zone = zone_of(event)
    setup, _created = EventSetup.objects.get_or_create(
        event=event,
        defaults={
            "first_day": event.starts_at.astimezone(zone).date(),
            "last_day": event.ends_at.astimezone(zone).date(),
        },
    )
    event.matchmaking = setup
    return setup


def parse_breaks(text: str) -> list[list[str]]:
    """ "12:30-14:00, 15:30-15:45" -> [["12:30", "14:00"], ["15:30", "15:45"]]."""
    breaks = []
    for part in text.replace(";", ",").replace("\n", ",").split(","):
        part = part.strip().replace("–", "-").replace("h", ":")
        if not part:
            continue
        start, sep, end = part.partition("-")
        try:
            begin = time.fromisoformat(_padded(start))
            finish = time.fromisoformat(_padded(end))
        except ValueError:
            raise MatchmakingError(
                _("Write each break as 12:30-14:00, separated by commas."), code="invalid_breaks"
            ) from None
        if not sep or finish <= begin:
            raise MatchmakingError(
                _("A break ends after it starts (12:30-14:00)."), code="invalid_breaks"
            )
        breaks.append([begin.strftime("%H:%M"), finish.strftime("%H:%M")])
    return breaks


def _padded(text: str) -> str:
    text = text.strip()
    if text.endswith(":"):
        text += "00"
    hours, _sep, minutes = text.partition(":")
    return f"{int(hours or 0):02d}:{(minutes or '00'):0>2}"


def breaks_text(breaks: Iterable[list[str]]) -> str:
    return ", ".join(f"{start}-{end}" for start, end in breaks)


def check_save_setup(event: Event, *, actor: Any, **values: Any) -> EventSetup:
    unknown = set(values) - set(SETUP_FIELDS)
    if unknown:
        raise MatchmakingError(_("Unknown field."), code="unknown_field")
    setup = setup_of(event)
    for name, value in values.items():
        setattr(setup, name, value)
    if setup.day_ends <= setup.day_starts:
        raise MatchmakingError(_("The day must end after it starts."), code="day_ends_first")
    if setup.first_day and setup.last_day and setup.last_day < setup.first_day:
        raise MatchmakingError(_("The last day comes before the first."), code="days_reversed")
    with transaction.atomic(), acting_as(actor):
        setup.save()
    return setup


# --- Slots ----------------------------------------------------------------------------


def plenaries(event: Event) -> QuerySet[Session]:
    """Plenaries of the programmes of the event's delegations: no meeting during them."""
    return Session.objects.filter(delegation__event=event, kind=SessionKind.PLENARY)


def _overlaps(start: datetime, end: datetime, spans: Iterable[tuple[datetime, datetime]]) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end in spans)


def planned_slots(setup: EventSetup) -> list[tuple[datetime, datetime]]:
    """The slots the settings describe, in UTC, without breaks and plenaries."""
    event = setup.event
    zone = zone_of(event)
    first = setup.first_day or event.starts_at.astimezone(zone).date()
    last = setup.last_day or event.ends_at.astimezone(zone).date()
    length = timedelta(minutes=setup.slot_minutes)
    busy = [(s.starts_at, s.ends_at) for s in plenaries(event)]
    slots: list[tuple[datetime, datetime]] = []
    day: date = first
    while day <= last:
        day_busy = busy + [
            (
                datetime.combine(day, time.fromisoformat(start), zone),
                datetime.combine(day, time.fromisoformat(end), zone),
            )
            for start, end in setup.breaks
        ]
        start = datetime.combine(day, setup.day_starts, zone)
        close = datetime.combine(day, setup.day_ends, zone)
        while start + length <= close:
            end = start + length
            if not _overlaps(start, end, day_busy):
                slots.append((start.astimezone(UTC), end.astimezone(UTC)))
            start = end
            if len(slots) > MAX_SLOTS:
                raise MatchmakingError(
                    _("These settings make more than %(n)s slots.") % {"n": MAX_SLOTS},
                    code="too_many_slots",
                )
        day += timedelta(days=1)
    return slots


def check_generate_slots(event: Event, *, actor: Any) -> tuple[int, int]:
    """Make the slots the settings describe; keep those already booked. Returns (created,
    removed). Refused when a booked slot would have to go."""
    setup = setup_of(event)
    wanted = planned_slots(setup)
    with transaction.atomic(), acting_as(actor):
        EventSetup.objects.select_for_update().get(pk=setup.pk)
        existing = {
            slot.starts_at: slot
            for slot in Slot.objects.filter(event=event).annotate(n=Count("meetings"))
        }
        keep = {
            start for start, end in wanted if start in existing and existing[start].ends_at == end
        }
        doomed = [slot for start, slot in existing.items() if start not in keep]
        booked = [slot for slot in doomed if slot.n]
        if booked:
            raise MatchmakingError(
                _(
                    "%(n)s slots to remove hold meetings; move or cancel them first, or keep "
                    "the settings that made them."
                )
                % {"n": len(booked)},
                code="slots_booked",
            )
        Slot.objects.filter(pk__in=[slot.pk for slot in doomed]).delete()
        Slot.objects.bulk_create(
            [Slot(event=event, starts_at=s, ends_at=e) for s, e in wanted if s not in keep]
        )
    return len(wanted) - len(keep), len(doomed)


# --- Places ---------------------------------------------------------------------------


def check_add_place(
    event: Event, *, actor: Any, name: str, kind: str, capacity: int, stand: Any = None
) -> Place:
    name = name.strip()
    if not name:
        raise MatchmakingError(_("A place needs a name."), code="name_required")
    if kind not in PlaceKind.values:
        raise MatchmakingError(_("Unknown kind of place."), code="invalid_kind")
    if not 1 <= capacity <= 500:
        raise MatchmakingError(_("Between 1 and 500 tables."), code="invalid_capacity")
    try:
        with transaction.atomic(), acting_as(actor):
            return Place.objects.create(
                event=event, name=name, kind=kind, capacity=capacity, stand=stand
            )
    except IntegrityError as exc:
        raise MatchmakingError(
            _("A place of this name exists already."), code="place_exists"
        ) from exc


def check_remove_place(place: Place, *, actor: Any) -> None:
    if place.meetings.exists():
        raise MatchmakingError(
            _("Meetings are planned at this place; move them first."), code="place_booked"
        )
    with transaction.atomic(), acting_as(actor):
        place.delete()


def check_places_from_stands(event: Event, *, actor: Any) -> int:
    """A place for each stand of the pavilions of the event's delegations not yet one: as
    many tables as companies share it, and theirs alone."""
    from cityties.pavilion.models import CostItem, ItemKind

    stands = (
        CostItem.objects.filter(delegation__event=event, kind=ItemKind.STAND)
        .exclude(match_places__event=event)
        .annotate(n=Count("shares"))
        .order_by("label", "pk")
    )
    taken = set(Place.objects.filter(event=event).values_list("name", flat=True))
    created = 0
    with transaction.atomic(), acting_as(actor):
        for stand in stands:
            name = stand.label
            if name in taken:
                name = f"{stand.label} ({stand.delegation_id})"
            Place.objects.create(
                event=event,
                name=name[:200],
                kind=PlaceKind.STAND,
                capacity=max(1, stand.n),
                stand=stand,
            )
            taken.add(name)
            created += 1
    return created


def stand_places_by_participant(event: Event) -> dict[int, list[int]]:
    """Participant id -> the places of the stands it shares."""
    from cityties.pavilion.models import Share

    places: dict[int, list[int]] = {}
    rows = Share.objects.filter(
        item__match_places__event=event, item__match_places__kind=PlaceKind.STAND
    ).values_list("participant_id", "item__match_places__id")
    for participant_id, place_id in rows:
        places.setdefault(participant_id, []).append(place_id)
    return places


def slots_by_day(event: Event) -> list[tuple[date, list[Slot]]]:
    zone = zone_of(event)
    days: dict[date, list[Slot]] = {}
    for slot in Slot.objects.filter(event=event).order_by("starts_at"):
        days.setdefault(slot.starts_at.astimezone(zone).date(), []).append(slot)
    return list(days.items())


def free_places(event: Event) -> QuerySet[Place]:
    return Place.objects.filter(event=event).filter(~Q(kind=PlaceKind.STAND))
