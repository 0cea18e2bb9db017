"""State changes of the calendar: events, members' marks, feed tokens.

`check_*` validates and raises an `EventError` with a stable code, then calls `do_*`,
which trusts its caller. Who may call them is decided before, by `access_*` and the rules.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any, TypedDict, Unpack
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.accounts.permissions import is_network_staff, officer_org_ids
from cityties.core.audit import acting_as
from cityties.core.errors import DomainError
from cityties.network.models import CountryGroup, Organisation

from .models import (
    Attendance,
    AttendanceStatus,
    Event,
    EventKind,
    FeedScope,
    FeedToken,
    Visibility,
    new_feed_token,
)


class EventError(DomainError):
    code = "event_error"
    status = 400


class EventValues(TypedDict, total=False):
    kind: str
    title_fr: str
    title_en: str
    description_fr: str
    description_en: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    venue: str
    city: str
    country: str
    organiser: Organisation
    group: CountryGroup | None
    link: str
    visibility: str


EVENT_FIELDS: tuple[str, ...] = tuple(EventValues.__annotations__)
DEFAULTS: EventValues = {
    "title_fr": "",
    "title_en": "",
    "description_fr": "",
    "description_en": "",
    "time_zone": "Europe/Paris",
    "venue": "",
    "city": "",
    "group": None,
    "link": "",
    "visibility": Visibility.NETWORK,
}


EARLIEST_YEAR, LATEST_YEAR = 1950, 2100


def zone_or_error(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise EventError(_("Unknown time zone."), code="invalid_time_zone") from exc


def local_to_utc(value: datetime, zone_name: str) -> datetime:
    """A wall-clock time of the event's zone (naive, or aware in any zone taken as wall
    clock) as an aware UTC datetime."""
    naive = value.replace(tzinfo=None)
    return naive.replace(tzinfo=zone_or_error(zone_name)).astimezone(ZoneInfo("UTC"))


def local_day(day: date, zone_name: str, at: time = time(0, 0)) -> datetime:
    return local_to_utc(datetime.combine(day, at), zone_name)


def _validate(actor: Any, values: EventValues) -> None:
    if values["kind"] not in EventKind.values:
        raise EventError(_("Unknown kind of event."), code="invalid_kind")
    if values["visibility"] not in Visibility.values:
        raise EventError(_("Unknown visibility."), code="invalid_visibility")
    if not (values["title_fr"].strip() or values["title_en"].strip()):
        raise EventError(
            _("An event needs a title in French or in English."), code="title_required"
        )
    if max(len(values["title_fr"]), len(values["title_en"])) > 200:
        raise EventError(_("The title is too long."), code="title_too_long")
    zone_or_error(values["time_zone"])
    starts_at, ends_at = values["starts_at"], values["ends_at"]
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise EventError(_("Times must carry their time zone."), code="naive_time")
    if ends_at < starts_at:
        raise EventError(_("An event cannot end before it starts."), code="end_before_start")
    # Years outside this range are typing slips, and time zones there have no offset in
    # whole minutes (local mean time), which calendars and RFC 3339 cannot carry.
    if not (starts_at.year >= EARLIEST_YEAR and ends_at.year <= LATEST_YEAR):
        raise EventError(
            _("An event takes place between %(first)s and %(last)s.")
            % {"first": EARLIEST_YEAR, "last": LATEST_YEAR},
            code="year_out_of_range",
        )
    country = values["country"]
    if len(country) != 2 or not country.isalpha():
        raise EventError(_("The country is a two-letter ISO code."), code="invalid_country")
    if values["link"]:
        try:
            URLValidator(schemes=["http", "https"])(values["link"])
        except ValidationError as exc:
            raise EventError(_("The link is not a web address."), code="invalid_link") from exc
    if values["visibility"] == Visibility.GROUP and values["group"] is None:
        raise EventError(
            _("An event shown to a country group must name the group."), code="group_required"
        )
    organiser = values["organiser"]
    if organiser.archived_at is not None:
        raise EventError(_("An archived organisation cannot organise."), code="organiser_archived")
    # Officers announce events of their own organisation; the staff announce anyone's.
    if not is_network_staff(actor) and organiser.pk not in officer_org_ids(actor):
        raise EventError(
            _("You may only announce events organised by your organisation."),
            code="own_organisation_required",
        )


def _normalised(values: EventValues) -> EventValues:
    clean: EventValues = {**DEFAULTS, **values}
    for name in ("title_fr", "title_en", "venue", "city", "link"):
        clean[name] = clean[name].strip()
    clean["country"] = clean.get("country", "").strip().upper()
    return clean


def check_create_event(*, actor: Any, **values: Unpack[EventValues]) -> Event:
    clean = _normalised(values)
    missing = [
        name
        for name in ("kind", "starts_at", "ends_at", "country", "organiser")
        if name not in clean
    ]
    if missing:
        raise EventError(_("Missing: %(fields)s") % {"fields": ", ".join(missing)}, code="missing")
    _validate(actor, clean)
    return do_create_event(actor=actor, **clean)


def do_create_event(*, actor: Any, **values: Unpack[EventValues]) -> Event:
    with transaction.atomic(), acting_as(actor):
        creator = actor if getattr(actor, "is_authenticated", False) else None
        return Event.objects.create(created_by=creator, **values)


def event_values(event: Event) -> EventValues:
    values: dict[str, Any] = {name: getattr(event, name) for name in EVENT_FIELDS}
    return values  # type: ignore[return-value]


def check_update_event(event: Event, *, actor: Any, **changes: Unpack[EventValues]) -> Event:
    """Change only the fields given."""
    clean = _normalised({**event_values(event), **changes})
    _validate(actor, clean)
    return do_update_event(event, actor=actor, **clean)


def do_update_event(event: Event, *, actor: Any, **values: Unpack[EventValues]) -> Event:
    with transaction.atomic(), acting_as(actor):
        for name, value in values.items():
            setattr(event, name, value)
        event.save()
    return event


# --- Marks: interested / going -------------------------------------------------------


def check_mark_event(event: Event, *, actor: Any, status: str | None) -> Attendance | None:
    """Set the actor's mark on an event; None removes it."""
    if status is not None and status not in AttendanceStatus.values:
        raise EventError(_("Unknown mark."), code="invalid_mark")
    return do_mark_event(event, actor=actor, status=status)


def do_mark_event(event: Event, *, actor: Any, status: str | None) -> Attendance | None:
    with transaction.atomic(), acting_as(actor):
        if status is None:
            Attendance.objects.filter(event=event, user=actor).delete()
            return None
        attendance, _created = Attendance.objects.update_or_create(
            event=event, user=actor, defaults={"status": status}
        )
        return attendance


def with_counts(qs: QuerySet[Event]) -> QuerySet[Event]:
    """Interested and going counts, computed in the same query as the events."""
    return qs.annotate(
        interested_count=Count(
            "attendances", filter=Q(attendances__status=AttendanceStatus.INTERESTED)
        ),
        going_count=Count("attendances", filter=Q(attendances__status=AttendanceStatus.GOING)),
    )


def marks_of(user: Any, events: list[Event]) -> dict[int, str]:
    if not getattr(user, "is_authenticated", False) or not events:
        return {}
    rows = Attendance.objects.filter(user=user, event__in=[e.pk for e in events])
    return dict(rows.values_list("event_id", "status"))


def filter_events(
    qs: QuerySet[Event],
    *,
    user: Any = None,
    kind: str = "",
    country: str = "",
    group: int | None = None,
    organisation: int | None = None,
    mine: bool = False,
    start: datetime | None = None,
    end: datetime | None = None,
) -> QuerySet[Event]:
    """The events overlapping [start, end) that match the filters."""
    if kind:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(country=country.upper()[:2])
    if group:
        members = CountryGroup.members.through.objects.filter(countrygroup_id=group)
        qs = qs.filter(Q(group_id=group) | Q(organiser_id__in=members.values("organisation_id")))
    if organisation:
        qs = qs.filter(organiser_id=organisation)
    if mine and getattr(user, "is_authenticated", False):
        marked = Attendance.objects.filter(user=user).values("event_id")
        own = user.memberships.values("organisation_id")
        qs = qs.filter(Q(pk__in=marked) | Q(organiser_id__in=own))
    if start is not None:
        qs = qs.filter(ends_at__gte=start)
    if end is not None:
        qs = qs.filter(starts_at__lt=end)
    return qs


# --- Feed tokens ---------------------------------------------------------------------


def feed_token(owner: CountryGroup | Organisation | Any) -> FeedToken:
    """The feed token of a group, an organisation or a user, made on first use."""
    if isinstance(owner, CountryGroup):
        token, _created = FeedToken.objects.get_or_create(scope=FeedScope.GROUP, group=owner)
    elif isinstance(owner, Organisation):
        token, _created = FeedToken.objects.get_or_create(
            scope=FeedScope.ORGANISATION, organisation=owner
        )
    else:
        token, _created = FeedToken.objects.get_or_create(scope=FeedScope.PERSON, user=owner)
    return token


def do_reset_feed_token(token: FeedToken, *, actor: Any) -> FeedToken:
    with transaction.atomic(), acting_as(actor):
        token.token = new_feed_token()
        token.save(update_fields=["token", "reset_at"])
    return token


FEED_PAST = timedelta(days=365)


def feed_events(token: FeedToken) -> QuerySet[Event]:
    """The events a feed shows: what its owner may see, from a year ago on."""
    since = timezone.now() - FEED_PAST
    qs = Event.objects.filter(ends_at__gte=since).select_related("organiser")
    shared = Q(visibility__in=[Visibility.PUBLIC, Visibility.NETWORK])
    if token.scope == FeedScope.GROUP:
        assert token.group_id is not None
        members = CountryGroup.members.through.objects.filter(countrygroup_id=token.group_id)
        return qs.filter(
            Q(group_id=token.group_id)
            | (shared & Q(organiser_id__in=members.values("organisation_id")))
        ).exclude(visibility=Visibility.ORGANISATION)
    if token.scope == FeedScope.ORGANISATION:
        assert token.organisation_id is not None
        going = Attendance.objects.filter(user__memberships__organisation_id=token.organisation_id)
        return qs.filter(
            Q(organiser_id=token.organisation_id) | (shared & Q(pk__in=going.values("event_id")))
        )
    from .access import visible_events

    assert token.user_id is not None
    marked = Attendance.objects.filter(user_id=token.user_id).values("event_id")
    return visible_events(token.user).filter(pk__in=marked, ends_at__gte=since)
