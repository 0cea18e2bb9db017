"""Meetings and their agenda; each meeting is also an event of the calendar, kept in step
here through the calendar's services; open action items of earlier meetings of the
group are carried to the next meeting's agenda."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cityties.accounts.permissions import is_network_staff, officer_org_ids
from cityties.core.audit import acting_as
from cityties.core.validators import is_web_url
from cityties.events import services as event_services
from cityties.events.models import Event, EventKind, Visibility
from cityties.network.models import CountryGroup, Person

from .. import richtext
from ..models import OPEN_ACTION_STATUSES, ActionItem, AgendaItem, Meeting, MinutesStatus
from .errors import MeetingError, ensure_draft

MEETING_FIELDS = (
    "title",
    "starts_at",
    "ends_at",
    "time_zone",
    "place",
    "video_link",
    "chair",
    "secretary",
    "opening",
)
# Changing these makes the invitations already sent out of date.
SCHEDULE_FIELDS = frozenset({"starts_at", "ends_at", "time_zone", "place", "video_link"})
MAX_DURATION_MINUTES = 600


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise MeetingError(_("Unknown time zone."), code="invalid_time_zone") from exc


def local_to_utc(value: datetime, zone_name: str) -> datetime:
    """A wall-clock time of the meeting's zone as an aware UTC datetime."""
    naive = value.replace(tzinfo=None)
    return naive.replace(tzinfo=_zone(zone_name)).astimezone(ZoneInfo("UTC"))


def _person(person: Any, role: str) -> Person | None:
    if person is None:
        return None
    if not isinstance(person, Person) or person.erased_at is not None:
        raise MeetingError(_("Unknown person."), code=f"unknown_{role}", field=role)
    return person


def _validate(actor: Any, values: dict[str, Any]) -> dict[str, Any]:
    values["title"] = (values.get("title") or "").strip()
    if not values["title"]:
        raise MeetingError(_("A meeting needs a title."), code="title_required", field="title")
    if len(values["title"]) > 200:
        raise MeetingError(_("The title is too long."), code="title_too_long", field="title")
    _zone(values["time_zone"])
    starts_at, ends_at = values["starts_at"], values["ends_at"]
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise MeetingError(_("Times must carry their time zone."), code="naive_time")
    if ends_at < starts_at:
        raise MeetingError(
            _("A meeting cannot end before it starts."), code="end_before_start", field="ends_at"
        )
    if not (
        starts_at.year >= event_services.EARLIEST_YEAR
        and ends_at.year <= event_services.LATEST_YEAR
    ):
        raise MeetingError(
            _("A meeting takes place between %(first)s and %(last)s.")
            % {"first": event_services.EARLIEST_YEAR, "last": event_services.LATEST_YEAR},
            code="year_out_of_range",
            field="starts_at",
        )
    values["place"] = (values.get("place") or "").strip()[:200]
    values["video_link"] = (values.get("video_link") or "").strip()
    if values["video_link"] and not is_web_url(values["video_link"]):
        raise MeetingError(
            _("The video link is not a web address."), code="invalid_link", field="video_link"
        )
    values["chair"] = _person(values.get("chair"), "chair")
    values["secretary"] = _person(values.get("secretary"), "secretary")
    values["opening"] = richtext.sanitise(values.get("opening") or "")
    # An officer convenes a meeting their organisation chairs or minutes, so that they
    # keep the right to change it.
    if actor is not None and not is_network_staff(actor):
        convenors = {p.organisation_id for p in (values["chair"], values["secretary"]) if p}
        if not convenors & officer_org_ids(actor):
            raise MeetingError(
                _("The chair or the secretary must belong to your organisation."),
                code="own_organisation_required",
                field="chair",
            )
    return values


def meeting_values(meeting: Meeting) -> dict[str, Any]:
    return {name: getattr(meeting, name) for name in MEETING_FIELDS}


def check_create_meeting(
    group: CountryGroup,
    *,
    actor: Any,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    time_zone: str = "Europe/Paris",
    place: str = "",
    video_link: str = "",
    chair: Person | None = None,
    secretary: Person | None = None,
    opening: str = "",
) -> Meeting:
    values = _validate(
        actor,
        {
            "title": title,
            "starts_at": starts_at,
            "ends_at": ends_at,
            "time_zone": time_zone,
            "place": place,
            "video_link": video_link,
            "chair": chair,
            "secretary": secretary,
            "opening": opening,
        },
    )
    return do_create_meeting(group, actor=actor, **values)


def do_create_meeting(group: CountryGroup, *, actor: Any, **values: Any) -> Meeting:
    with transaction.atomic(), acting_as(actor):
        creator = actor if getattr(actor, "is_authenticated", False) else None
        meeting = Meeting.objects.create(group=group, created_by=creator, **values)
        _sync_event(meeting, actor=actor)
        carry_open_actions(meeting)
    return meeting


def check_update_meeting(meeting: Meeting, *, actor: Any, **changes: Any) -> Meeting:
    """Change only the fields given."""
    ensure_draft(meeting)
    unknown = set(changes) - set(MEETING_FIELDS)
    if unknown:
        raise MeetingError(_("Unknown field."), code="unknown_field")
    values = _validate(actor, meeting_values(meeting) | changes)
    return do_update_meeting(meeting, actor=actor, **values)


def do_update_meeting(meeting: Meeting, *, actor: Any, **values: Any) -> Meeting:
    with transaction.atomic(), acting_as(actor):
        rescheduled = any(getattr(meeting, name) != values[name] for name in SCHEDULE_FIELDS)
        for name, value in values.items():
            setattr(meeting, name, value)
        if rescheduled:
            meeting.sequence += 1
        meeting.save()
        _sync_event(meeting, actor=actor)
        carry_open_actions(meeting)
    return meeting


def _sync_event(meeting: Meeting, *, actor: Any) -> None:
    """The meeting's event in the calendar, shown to the group, organised by its
    federation. The meeting's own rules have been checked: the trusting services save."""
    group = meeting.group
    values: event_services.EventValues = {
        **event_services.DEFAULTS,
        "kind": EventKind.MEETING,
        "title_fr": meeting.title,
        "title_en": "",
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "time_zone": meeting.time_zone,
        "venue": meeting.place,
        "country": group.federation.country or "FR",
        "organiser": group.federation,
        "group": group,
        "link": meeting.video_link,
        "visibility": Visibility.GROUP,
    }
    event = meeting.event
    if event is None:
        # A meeting the calendar announced before it was recorded here: that event.
        event = Event.objects.filter(
            group=group,
            kind=EventKind.MEETING,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            meeting__isnull=True,
        ).first()
    if event is None:
        meeting.event = event_services.do_create_event(actor=actor, **values)
        meeting.save(update_fields=["event"])
        return
    if meeting.event_id != event.pk:
        meeting.event = event
        meeting.save(update_fields=["event"])
    current = event_services.event_values(event)
    changed = {name: value for name, value in values.items() if current.get(name) != value}
    # What the calendar adds (an English title, descriptions) stays; everything the
    # meeting owns follows it.
    for name in ("title_en", "description_fr", "description_en"):
        changed.pop(name, None)
    if changed:
        event_services.do_update_event(event, actor=actor, **changed)  # type: ignore[arg-type]


# --- Agenda ---------------------------------------------------------------------------


def _agenda_values(values: dict[str, Any]) -> dict[str, Any]:
    values["title"] = (values.get("title") or "").strip()
    if not values["title"]:
        raise MeetingError(_("An agenda item needs a title."), code="title_required")
    if len(values["title"]) > 200:
        raise MeetingError(_("The title is too long."), code="title_too_long")
    duration = values.get("duration_minutes")
    if duration is not None and not (0 < duration <= MAX_DURATION_MINUTES):
        raise MeetingError(
            _("A duration is between 1 and %(max)s minutes.") % {"max": MAX_DURATION_MINUTES},
            code="invalid_duration",
            field="duration_minutes",
        )
    values["presenter"] = _person(values.get("presenter"), "presenter")
    if "minutes" in values:
        values["minutes"] = richtext.sanitise(values["minutes"] or "")
    return values


def _next_position(meeting: Meeting) -> int:
    top = meeting.agenda_items.aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


def check_add_agenda_item(
    meeting: Meeting,
    *,
    actor: Any,
    title: str,
    presenter: Person | None = None,
    duration_minutes: int | None = None,
    minutes: str = "",
) -> AgendaItem:
    ensure_draft(meeting)
    values = _agenda_values(
        {
            "title": title,
            "presenter": presenter,
            "duration_minutes": duration_minutes,
            "minutes": minutes,
        }
    )
    with transaction.atomic(), acting_as(actor):
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        return AgendaItem.objects.create(
            meeting=meeting, position=_next_position(meeting), **values
        )


AGENDA_FIELDS = ("title", "presenter", "duration_minutes", "minutes")


def agenda_values(item: AgendaItem) -> dict[str, Any]:
    return {name: getattr(item, name) for name in AGENDA_FIELDS}


def check_update_agenda_item(item: AgendaItem, *, actor: Any, **changes: Any) -> AgendaItem:
    ensure_draft(item.meeting)
    if set(changes) - set(AGENDA_FIELDS):
        raise MeetingError(_("Unknown field."), code="unknown_field")
    values = _agenda_values(agenda_values(item) | changes)
    with transaction.atomic(), acting_as(actor):
        for name, value in values.items():
            setattr(item, name, value)
        item.save()
    return item


def check_delete_agenda_item(item: AgendaItem, *, actor: Any) -> None:
    ensure_draft(item.meeting)
    with transaction.atomic(), acting_as(actor):
        item.delete()


def check_move_agenda_item(item: AgendaItem, *, actor: Any, up: bool) -> AgendaItem:
    """Swap the item with its neighbour above (or below); at either end, nothing moves."""
    ensure_draft(item.meeting)
    with transaction.atomic(), acting_as(actor):
        items = list(
            AgendaItem.objects.select_for_update()
            .filter(meeting_id=item.meeting_id)
            .order_by("position", "id")
        )
        index = next(i for i, other in enumerate(items) if other.pk == item.pk)
        target = index - 1 if up else index + 1
        if 0 <= target < len(items):
            items[index], items[target] = items[target], items[index]
        for position, other in enumerate(items):
            if other.position != position:
                other.position = position
                other.save(update_fields=["position"])
            if other.pk == item.pk:
                item.position = position
    return item


# --- Carrying open action items ---------------------------------------------------------


def _follow_up_title(action: ActionItem) -> str:
    text = " ".join(action.text.split())
    if len(text) > 170:
        text = text[:169] + "…"
    return gettext("Follow-up: %(action)s") % {"action": text}


def carry_open_actions(meeting: Meeting) -> int:
    """Put on the meeting's agenda every open action item of the group's earlier meetings
    it does not carry yet; return how many. Approved minutes are left alone."""
    if meeting.minutes_status != MinutesStatus.DRAFT:
        return 0
    carried = AgendaItem.objects.filter(meeting=meeting, carried_action__isnull=False)
    actions = (
        ActionItem.objects.filter(
            meeting__group_id=meeting.group_id,
            meeting__starts_at__lt=meeting.starts_at,
            status__in=OPEN_ACTION_STATUSES,
        )
        .exclude(pk__in=carried.values("carried_action_id"))
        .select_related("owner_person")
        .order_by("meeting__starts_at", "created_at", "id")
    )
    count = 0
    for action in actions:
        AgendaItem.objects.create(
            meeting=meeting,
            position=_next_position(meeting),
            title=_follow_up_title(action),
            presenter=action.owner_person
            if action.owner_person and action.owner_person.erased_at is None
            else None,
            carried_action=action,
        )
        count += 1
    return count


def carry_to_next_meeting(action: ActionItem) -> None:
    """An action item added or reopened after the group's next meeting was planned: that
    meeting's agenda carries it too."""
    if not action.is_open:
        return
    following = (
        Meeting.objects.filter(
            group_id=action.meeting.group_id,
            starts_at__gt=action.meeting.starts_at,
            minutes_status=MinutesStatus.DRAFT,
        )
        .order_by("starts_at", "id")
        .first()
    )
    if following is not None:
        carry_open_actions(following)
