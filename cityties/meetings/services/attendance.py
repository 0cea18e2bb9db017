"""Who is invited to a meeting and how they attended: present, remote, represented (with
the proxy), excused or absent. Each row copies the person's name, function and
organisation from the directory when it is made: the minutes keep what they held that
day, whatever the directory says later."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as
from cityties.network.models import Civility, Organisation, Person

from ..models import ATTENDED, Attendance, AttendanceStatus, Meeting
from .errors import MeetingError, ensure_draft


def person_language(person: Person | None) -> str:
    """The language a person reads their mail in: their account's, else the first of
    their languages the platform speaks, else French."""
    if person is None:
        return settings.LANGUAGE_CODE
    user = person.user
    if user is not None and user.language in ("fr", "en"):
        return str(user.language)
    for code in (part.strip().lower() for part in person.languages.split(",")):
        if code in ("fr", "en"):
            return code
    return settings.LANGUAGE_CODE


def is_group_member(meeting: Meeting, organisation_id: int | None) -> bool:
    if organisation_id is None:
        return False
    return meeting.group.members.filter(pk=organisation_id).exists()


def copied_from(person: Person) -> dict[str, Any]:
    """What an attendance row keeps of a person, as the directory has it today."""
    organisation = person.organisation
    return {
        "person": person,
        "civility": person.civility,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "function": person.function,
        "organisation": organisation,
        "organisation_name": organisation.name,
        "email": person.email,
        "language": person_language(person),
    }


def check_add_attendees(
    meeting: Meeting,
    *,
    actor: Any,
    people: Iterable[Person],
    status: str = AttendanceStatus.INVITED,
) -> list[Attendance]:
    """Invite people of the directory; those already on the list are left as they are.
    People from outside the group's member organisations are its guests."""
    ensure_draft(meeting)
    if status not in AttendanceStatus.values or status == AttendanceStatus.REPRESENTED:
        raise MeetingError(_("Unknown attendance."), code="invalid_status")
    people = [person for person in people if person.erased_at is None]
    members = set(meeting.group.members.values_list("pk", flat=True))
    existing = set(meeting.attendances.values_list("person_id", flat=True))
    rows = []
    with transaction.atomic(), acting_as(actor):
        for person in people:
            if person.pk in existing:
                continue
            existing.add(person.pk)
            rows.append(
                Attendance.objects.create(
                    meeting=meeting,
                    status=status,
                    is_guest=person.organisation_id not in members,
                    **copied_from(person),
                )
            )
    return rows


def _clean_text(value: str, limit: int) -> str:
    return " ".join((value or "").split())[:limit]


def check_add_guest(
    meeting: Meeting,
    *,
    actor: Any,
    last_name: str,
    first_name: str = "",
    civility: str = "",
    function: str = "",
    organisation_name: str = "",
    organisation: Organisation | None = None,
    email: str = "",
    language: str = "fr",
    status: str = AttendanceStatus.INVITED,
) -> Attendance:
    """Someone who is not in the directory (a speaker from a partner city, an expert)."""
    ensure_draft(meeting)
    last_name = _clean_text(last_name, 100)
    if not last_name:
        raise MeetingError(_("A last name is required."), code="last_name_required")
    if civility not in ("", *Civility.values):
        raise MeetingError(_("Unknown civility."), code="invalid_civility")
    if language not in ("fr", "en"):
        raise MeetingError(_("Unknown language."), code="invalid_language")
    if status not in AttendanceStatus.values or status == AttendanceStatus.REPRESENTED:
        raise MeetingError(_("Unknown attendance."), code="invalid_status")
    if organisation is not None and not organisation_name:
        organisation_name = organisation.name
    with transaction.atomic(), acting_as(actor):
        return Attendance.objects.create(
            meeting=meeting,
            civility=civility,
            first_name=_clean_text(first_name, 100),
            last_name=last_name,
            function=_clean_text(function, 200),
            organisation=organisation,
            organisation_name=_clean_text(organisation_name, 200),
            email=(email or "").strip().lower(),
            language=language,
            is_guest=not is_group_member(meeting, organisation.pk if organisation else None),
            status=status,
        )


ATTENDANCE_FIELDS = ("status", "proxy_name", "proxy", "function", "organisation_name", "language")


def attendance_values(row: Attendance) -> dict[str, Any]:
    return {name: getattr(row, name) for name in ATTENDANCE_FIELDS}


def check_update_attendance(row: Attendance, *, actor: Any, **changes: Any) -> Attendance:
    """Record how someone attended, or correct what the row copied. A represented person
    names their proxy: a person of the directory, or a name."""
    ensure_draft(row.meeting)
    if set(changes) - set(ATTENDANCE_FIELDS):
        raise MeetingError(_("Unknown field."), code="unknown_field")
    values = attendance_values(row) | changes
    if values["status"] not in AttendanceStatus.values:
        raise MeetingError(_("Unknown attendance."), code="invalid_status")
    if values["language"] not in ("fr", "en"):
        raise MeetingError(_("Unknown language."), code="invalid_language")
    proxy = values["proxy"]
    if proxy is not None and (not isinstance(proxy, Person) or proxy.erased_at is not None):
        raise MeetingError(_("Unknown person."), code="unknown_proxy", field="proxy")
    if values["status"] == AttendanceStatus.REPRESENTED:
        if proxy is not None and row.person_id is not None and proxy.pk == row.person_id:
            raise MeetingError(
                _("Nobody represents themselves."), code="proxy_is_self", field="proxy"
            )
        if proxy is not None and not values["proxy_name"].strip():
            values["proxy_name"] = f"{proxy.full_name} ({proxy.organisation.name})"
        if not values["proxy_name"].strip():
            raise MeetingError(
                _("Name who represents them."), code="proxy_required", field="proxy_name"
            )
    else:
        values["proxy"], values["proxy_name"] = None, ""
    values["proxy_name"] = _clean_text(values["proxy_name"], 200)
    values["function"] = _clean_text(values["function"], 200)
    values["organisation_name"] = _clean_text(values["organisation_name"], 200)
    with transaction.atomic(), acting_as(actor):
        for name, value in values.items():
            setattr(row, name, value)
        row.save()
    return row


def check_take_attendance(
    meeting: Meeting, *, actor: Any, statuses: dict[int, str]
) -> list[Attendance]:
    """Several rows at once, as the attendance sheet sends them: row id -> status.
    Representation needs its proxy, so it is recorded row by row."""
    ensure_draft(meeting)
    rows = {row.pk: row for row in meeting.attendances.filter(pk__in=list(statuses))}
    if set(statuses) - set(rows):
        raise MeetingError(_("Unknown attendance row."), code="unknown_row")
    changed = []
    with transaction.atomic():
        for pk, status in statuses.items():
            row = rows[pk]
            if status == row.status:
                continue
            if status == AttendanceStatus.REPRESENTED and not row.proxy_name:
                raise MeetingError(
                    _("Name who represents %(name)s.") % {"name": row.full_name},
                    code="proxy_required",
                )
            changed.append(check_update_attendance(row, actor=actor, status=status))
    return changed


def do_remove_attendance(row: Attendance, *, actor: Any) -> None:
    ensure_draft(row.meeting)
    with transaction.atomic(), acting_as(actor):
        row.delete()


def attendance_rows(meeting: Meeting) -> QuerySet[Attendance]:
    return meeting.attendances.select_related("person", "organisation", "proxy").order_by(
        "last_name", "first_name", "id"
    )


def attendance_counts(meeting: Meeting) -> dict[str, int]:
    counts = dict.fromkeys(AttendanceStatus.values, 0)
    for status in meeting.attendances.values_list("status", flat=True):
        counts[status] += 1
    counts["attended"] = sum(counts[status] for status in ATTENDED)
    return counts


def add_attendee_from_import(meeting: Meeting, **values: Any) -> Attendance:
    """One row of a confirmed import, its copied fields as reviewed (no check: the import
    service validated the whole proposal)."""
    try:
        with transaction.atomic():
            return Attendance.objects.create(meeting=meeting, **values)
    except IntegrityError as exc:
        raise MeetingError(
            _("%(name)s is listed twice.")
            % {"name": f"{values.get('first_name', '')} {values['last_name']}".strip()},
            code="person_listed_twice",
        ) from exc
