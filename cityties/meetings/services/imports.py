"""Import of existing minutes: the reader's proposal waits in a row (its file private)
until a person has reviewed and corrected it; confirming writes the meeting, its
attendance, decisions, action items and the calendar events it mentions, all at once.
Matching (see `matching`) suggests; the reviewer decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as
from cityties.events import services as event_services
from cityties.events.models import Visibility
from cityties.network import services as network_services
from cityties.network.models import CountryGroup, Organisation, Person

from ..models import ActionStatus, AttendanceStatus, Decision, ImportStatus, Meeting, MinutesImport
from .actions import do_add_action
from .attendance import add_attendee_from_import, copied_from
from .errors import MeetingError
from .meetings import check_create_meeting

ACCEPTED_EXTENSIONS = (".txt", ".md", ".markdown", ".docx", ".pdf")
PENDING_RETENTION = timedelta(days=7)


def check_upload(filename: str, size: int) -> str:
    if size == 0:
        raise MeetingError(_("The file is empty."), code="file_empty")
    if size > settings.MAX_UPLOAD_BYTES:
        raise MeetingError(
            _("The file is too large (at most %(mb)s MB).")
            % {"mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024)},
            code="file_too_large",
        )
    extension = PurePath(filename).suffix.lower()
    if extension not in ACCEPTED_EXTENSIONS:
        raise MeetingError(
            _("Accepted files: TXT, Markdown, DOCX and PDF."), code="file_type_not_allowed"
        )
    return extension


def read_proposal(data: bytes, filename: str) -> dict[str, Any]:
    """The reader's proposal for a document, as JSON-ready data."""
    from cityties.meetings.reader import UnreadableMinutes, read_file

    try:
        return read_file(data, filename).to_json()
    except UnreadableMinutes as exc:
        raise MeetingError(
            _("These minutes could not be read: %(reason)s") % {"reason": exc},
            code="unreadable_minutes",
        ) from exc


def check_start_import(
    group: CountryGroup, *, actor: Any, filename: str, data: bytes
) -> MinutesImport:
    check_upload(filename, len(data))
    proposal = read_proposal(data, filename)
    return do_create_import(group, actor=actor, filename=filename, data=data, proposal=proposal)


def do_create_import(
    group: CountryGroup, *, actor: Any, filename: str, data: bytes, proposal: dict[str, Any]
) -> MinutesImport:
    name = get_valid_filename(PurePath(filename).name) or "minutes"
    with transaction.atomic():
        pending = MinutesImport(
            group=group, created_by=actor, original_filename=name[:255], proposal=proposal
        )
        pending.file.save(name, ContentFile(data), save=False)
        stored, storage = pending.file.name or "", pending.file.storage
        try:
            pending.save()
        except Exception:
            storage.delete(stored)
            raise
    return pending


# --- Confirming -------------------------------------------------------------------------


@dataclass
class ReviewedPerson:
    status: str
    last_name: str
    first_name: str = ""
    civility: str = ""
    function: str = ""
    organisation_name: str = ""
    organisation: Organisation | None = None
    person: Person | None = None
    create: bool = False
    proxy_name: str = ""


@dataclass
class ReviewedEvent:
    title: str
    start: date
    end: date
    kind: str
    country: str
    organiser: Organisation


@dataclass
class ReviewedAction:
    text: str
    owner_organisation: Organisation
    owner_person: Person | None = None
    due_on: date | None = None


@dataclass
class Review:
    title: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    place: str = ""
    chair: Person | None = None
    secretary: Person | None = None
    people: list[ReviewedPerson] = field(default_factory=list)
    events: list[ReviewedEvent] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    actions: list[ReviewedAction] = field(default_factory=list)
    next_meeting: datetime | None = None


def _directory_person(row: ReviewedPerson, actor: Any) -> Person | None:
    if row.person is not None:
        return row.person
    if not row.create:
        return None
    if not (row.first_name and row.last_name):
        raise MeetingError(
            _("A first and a last name are needed to add %(name)s to the directory.")
            % {"name": f"{row.first_name} {row.last_name}".strip()},
            code="name_required",
        )
    if row.organisation is None:
        raise MeetingError(
            _("Choose the organisation of %(name)s to add them to the directory.")
            % {"name": f"{row.first_name} {row.last_name}".strip()},
            code="organisation_required",
        )
    return network_services.check_create_person(
        actor=actor,
        civility=row.civility,
        first_name=row.first_name,
        last_name=row.last_name,
        function=row.function,
        organisation=row.organisation,
    )


def check_confirm_import(pending: MinutesImport, *, actor: Any, review: Review) -> Meeting:
    """Write what the reviewer kept, all or nothing; the file goes once it is done."""
    if pending.status != ImportStatus.PENDING:
        raise MeetingError(_("This import is finished already."), code="import_finished")
    group = pending.group
    with transaction.atomic(), acting_as(actor):
        locked = MinutesImport.objects.select_for_update().get(pk=pending.pk)
        if locked.status != ImportStatus.PENDING:
            raise MeetingError(_("This import is finished already."), code="import_finished")
        meeting = check_create_meeting(
            group,
            actor=actor,
            title=review.title,
            starts_at=review.starts_at,
            ends_at=review.ends_at,
            time_zone=review.time_zone,
            place=review.place,
            chair=review.chair,
            secretary=review.secretary,
        )
        members = set(group.members.values_list("pk", flat=True))
        for row in review.people:
            person = _directory_person(row, actor)
            values: dict[str, Any] = (
                copied_from(person)
                if person is not None
                else {
                    "organisation": row.organisation,
                    "email": "",
                    "language": settings.LANGUAGE_CODE,
                }
            )
            # What the minutes say that day wins over the directory's current record.
            values |= {
                "civility": row.civility or values.get("civility", ""),
                "first_name": row.first_name or values.get("first_name", ""),
                "last_name": row.last_name,
                "function": row.function or values.get("function", ""),
                "organisation_name": row.organisation_name
                or (row.organisation.name if row.organisation else ""),
            }
            if person is not None:
                values["first_name"], values["last_name"] = person.first_name, person.last_name
            organisation_id = values["organisation"].pk if values.get("organisation") else None
            add_attendee_from_import(
                meeting,
                status=row.status,
                proxy_name=row.proxy_name if row.status == AttendanceStatus.REPRESENTED else "",
                is_guest=organisation_id not in members,
                **values,
            )
        for text in review.decisions:
            Decision.objects.create(meeting=meeting, text=text[:5000])
        for action in review.actions:
            do_add_action(
                meeting,
                actor=actor,
                text=action.text,
                owner_organisation=action.owner_organisation,
                owner_person=action.owner_person,
                due_on=action.due_on,
                status=ActionStatus.OPEN,
            )
        zone = review.time_zone
        for event in review.events:
            event_services.check_create_event(
                actor=actor,
                kind=event.kind,
                title_fr=event.title[:200],
                starts_at=event_services.local_day(event.start, zone, time(9, 0)),
                ends_at=event_services.local_day(event.end, zone, time(18, 0)),
                time_zone=zone,
                country=event.country,
                organiser=event.organiser,
                group=group,
                visibility=Visibility.NETWORK,
            )
        if review.next_meeting is not None:
            check_create_meeting(
                group,
                actor=actor,
                title=review.title,
                starts_at=review.next_meeting,
                ends_at=review.next_meeting + (review.ends_at - review.starts_at),
                time_zone=zone,
                place=review.place,
                chair=review.chair,
                secretary=review.secretary,
            )
        _finish(locked, ImportStatus.CONFIRMED, meeting)
    return meeting


def check_discard_import(pending: MinutesImport, *, actor: Any) -> None:
    if pending.status != ImportStatus.PENDING:
        raise MeetingError(_("This import is finished already."), code="import_finished")
    with transaction.atomic(), acting_as(actor):
        _finish(pending, ImportStatus.DISCARDED, None)


def _finish(pending: MinutesImport, status: str, meeting: Meeting | None) -> None:
    name, storage = pending.file.name or "", pending.file.storage
    pending.status = status
    pending.meeting = meeting
    pending.finished_at = timezone.now()
    pending.file = ""
    pending.save(update_fields=["status", "meeting", "finished_at", "file"])
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def purge_imports(now: datetime) -> int:
    """Pending imports nobody confirmed within a week go, with their files; return how
    many. Deleting a file twice is harmless, so a crash halfway only leaves work for the
    next tick."""
    old = MinutesImport.objects.filter(
        status=ImportStatus.PENDING, created_at__lt=now - PENDING_RETENTION
    )
    count = 0
    for pending in old.iterator():
        if pending.file.name:
            pending.file.storage.delete(pending.file.name)
        pending.delete()
        count += 1
    # Files of finished imports are deleted when they finish; any left by a crash go too.
    for pending in MinutesImport.objects.exclude(status=ImportStatus.PENDING).exclude(file=""):
        pending.file.storage.delete(pending.file.name or "")
        MinutesImport.objects.filter(pk=pending.pk).update(file="")
        count += 1
    return count
