"""The all-or-nothing write of a validated file, in one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cityties.core.audit import acting_as
from cityties.core.errors import DomainError

from ..models import (
    ImportKind,
    Organisation,
    OrganisationKind,
    Partnership,
    PartnershipMember,
    Person,
)
from .validation import CleanRow, ValidationResult

BATCH_SIZE = 500


def _updates(values: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """Fields to change on a merge: the file's non-empty values only."""
    return {n: values[n] for n in names if values.get(n) not in (None, "")}


def _write_organisations(rows: list[CleanRow], now: datetime) -> tuple[int, int]:
    names = [
        "name",
        "short_name",
        "kind",
        "country",
        "region",
        "city",
        "latitude",
        "longitude",
        "website",
        "email",
        "is_member",
        "description",
    ]
    new = [
        Organisation(
            **{
                **{n: row.values[n] for n in names if row.values.get(n) is not None},
                "kind": row.values["kind"] or OrganisationKind.OTHER,
                "is_member": bool(row.values["is_member"]),
            }
        )
        for row in rows
        if row.existing_id is None
    ]
    for organisation in new:
        organisation.set_name_key()
    Organisation.objects.bulk_create(new, batch_size=BATCH_SIZE)
    merged = [row for row in rows if row.existing_id is not None]
    existing = Organisation.objects.in_bulk([row.existing_id for row in merged])
    changed: set[str] = {"updated_at", "name_key"}
    for row in merged:
        organisation = existing[row.existing_id]
        for name, value in _updates(row.values, names).items():
            setattr(organisation, name, value)
            changed.add(name)
        organisation.set_name_key()
        organisation.updated_at = now
    Organisation.objects.bulk_update(list(existing.values()), sorted(changed), BATCH_SIZE)
    return len(new), len(merged)


def _consent_time(values: dict[str, Any], now: datetime) -> datetime | None:
    if not values["consent"]:
        return None
    if values["consent_date"]:
        return timezone.make_aware(datetime.combine(values["consent_date"], time(12)))
    return now


def _write_people(rows: list[CleanRow], now: datetime) -> tuple[int, int]:
    names = "civility first_name last_name function email phone languages organisation_id"
    fields = names.split()
    new = []
    for row in rows:
        if row.existing_id is None:
            person = Person(**{n: row.values[n] or "" for n in fields if n != "organisation_id"})
            person.organisation_id = row.values["organisation_id"]
            person.consent_given = bool(row.values["consent"])
            person.consent_date = _consent_time(row.values, now)
            person.set_name_key()
            new.append(person)
    Person.objects.bulk_create(new, batch_size=BATCH_SIZE)
    merged = [row for row in rows if row.existing_id is not None]
    existing = Person.objects.in_bulk([row.existing_id for row in merged])
    changed: set[str] = {"updated_at", "name_key"}
    for row in merged:
        person = existing[row.existing_id]
        for name, value in _updates(row.values, fields).items():
            setattr(person, name, value)
            changed.add(name)
        if row.values["consent"] is not None:
            person.consent_given = row.values["consent"]
            person.consent_date = _consent_time(row.values, now)
            changed |= {"consent_given", "consent_date"}
        person.set_name_key()
        person.updated_at = now
    Person.objects.bulk_update(list(existing.values()), sorted(changed), BATCH_SIZE)
    return len(new), len(merged)


def _write_partnerships(rows: list[CleanRow], user: Any, now: datetime) -> tuple[int, int]:
    fields = ["title", "kind", "status", "signed_on", "renewed_on", "description", "is_public"]
    created_rows = [row for row in rows if row.existing_id is None]
    new = [
        Partnership(
            **{n: row.values[n] for n in fields if row.values.get(n) is not None},
            created_by=user,
        )
        for row in created_rows
    ]
    Partnership.objects.bulk_create(new, batch_size=BATCH_SIZE)
    through = Partnership.themes.through
    members = []
    themes = []
    for row, partnership in zip(created_rows, new, strict=True):
        members += [
            PartnershipMember(partnership_id=partnership.pk, organisation_id=org_id)
            for org_id in row.values["partner_ids"]
        ]
        themes += [
            through(partnership_id=partnership.pk, theme_id=theme_id)
            for theme_id in row.values["theme_ids"]
        ]
    merged = [row for row in rows if row.existing_id is not None]
    existing = Partnership.objects.in_bulk([row.existing_id for row in merged])
    have = set(
        through.objects.filter(partnership_id__in=existing).values_list(
            "partnership_id", "theme_id"
        )
    )
    changed: set[str] = {"updated_at"}
    for row in merged:
        partnership = existing[row.existing_id]
        for name, value in _updates(row.values, fields).items():
            setattr(partnership, name, value)
            changed.add(name)
        partnership.updated_at = now
        themes += [
            through(partnership_id=partnership.pk, theme_id=theme_id)
            for theme_id in row.values["theme_ids"]
            if (partnership.pk, theme_id) not in have
        ]
    Partnership.objects.bulk_update(list(existing.values()), sorted(changed), BATCH_SIZE)
    PartnershipMember.objects.bulk_create(members, batch_size=BATCH_SIZE)
    through.objects.bulk_create(themes, batch_size=BATCH_SIZE)
    return len(new), len(merged)


def write_rows(result: ValidationResult, *, user: Any) -> tuple[int, int]:
    """Write a validated file in one transaction; returns (created, updated)."""
    if not result.ok:
        raise DomainError(_("The file has errors; nothing was imported."), code="invalid_file")
    now = timezone.now()
    with transaction.atomic(), acting_as(user):
        if result.kind == ImportKind.ORGANISATIONS:
            return _write_organisations(result.rows, now)
        if result.kind == ImportKind.PEOPLE:
            return _write_people(result.rows, now)
        return _write_partnerships(result.rows, user, now)
