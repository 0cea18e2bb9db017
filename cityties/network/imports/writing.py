"""Writing the valid rows of a network import in bulk, with their history entries."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, time
from typing import Any

from django.db import models
from django.utils import timezone

from cityties.core.audit import acting_as
from cityties.imports.audit import log_created, log_updated
from cityties.imports.models import ImportJob
from cityties.imports.registry import WriteResult
from cityties.imports.validation import CleanRow, ValidationResult

from ..models import (
    Organisation,
    OrganisationKind,
    Partnership,
    PartnershipMember,
    Person,
)
from ..names import members_key
from .fields import BATCH_SIZE
from .matching import Planned

# --- Writing --------------------------------------------------------------------------------


def _updates(values: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """Fields to change on a merge: the file's non-empty values only."""
    return {n: values[n] for n in names if values.get(n) not in (None, "")}


def _merge(
    model: type[models.Model],
    rows: list[CleanRow],
    names: list[str],
    now: datetime,
    extra: Callable[[Any, CleanRow, dict[str, tuple[Any, Any]]], None] | None = None,
) -> tuple[list[tuple[Any, dict[str, tuple[Any, Any]]]], dict[str, dict[str, Any]]]:
    """Apply merge rows; returns the changes (for the history) and previous values (undo)."""
    merged = [row for row in rows if row.existing_id is not None]
    existing = model._default_manager.in_bulk([row.existing_id for row in merged])
    changes: list[tuple[Any, dict[str, tuple[Any, Any]]]] = []
    previous: dict[str, dict[str, Any]] = {}
    changed_fields: set[str] = set()
    for row in merged:
        obj = existing[row.existing_id]
        diff: dict[str, tuple[Any, Any]] = {}
        for name, value in _updates(row.values, names).items():
            attname = model._meta.get_field(name).attname  # type: ignore[union-attr]
            before = getattr(obj, attname)
            if before != value:
                diff[attname] = (before, value)
                setattr(obj, attname, value)
        if extra is not None:
            extra(obj, row, diff)
        if diff:
            # Bulk writes skip save(): the folded name key follows the name here.
            if hasattr(obj, "set_name_key"):
                obj.set_name_key()
                changed_fields.add("name_key")
            changes.append((obj, diff))
            changed_fields.update(diff)
            previous[str(obj.pk)] = {
                k: (b.isoformat() if hasattr(b, "isoformat") else b) for k, (b, _a) in diff.items()
            }
            obj.updated_at = now  # type: ignore[attr-defined]
    if changed_fields:
        model._default_manager.bulk_update(
            [obj for obj, _diff in changes],
            sorted(changed_fields | {"updated_at"}),
            BATCH_SIZE,
        )
    return changes, previous


_ORG_WRITE_FIELDS = [
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


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def write_organisations(
    result: ValidationResult, *, user: Any, job: ImportJob | None
) -> WriteResult:
    now = timezone.now()
    new = [
        Organisation(
            **{
                **{n: row.values[n] for n in _ORG_WRITE_FIELDS if row.values.get(n) is not None},
                "kind": row.values["kind"] or OrganisationKind.OTHER,
                "is_member": bool(row.values["is_member"]),
            }
        )
        for row in result.rows
        if row.existing_id is None
    ]
    for organisation in new:
        organisation.set_name_key()
    with acting_as(user):
        Organisation.objects.bulk_create(new, batch_size=BATCH_SIZE)
        log_created(new, actor=user, job=job, fields=["name", "kind", "country", "city"])
        changes, previous = _merge(Organisation, result.rows, _ORG_WRITE_FIELDS, now)
        log_updated(changes, actor=user, job=job)
    return WriteResult(
        created={"organisations": len(new)},
        updated=len(changes),
        matched=len(result.duplicates),
        skipped=len(result.duplicates) - sum(1 for r in result.rows if r.existing_id),
        created_ids={_label(Organisation): [o.pk for o in new]},
        previous={_label(Organisation): previous},
    )


def _consent_time(values: dict[str, Any], now: datetime) -> datetime | None:
    if not values["consent"]:
        return None
    if values["consent_date"]:
        return timezone.make_aware(datetime.combine(values["consent_date"], time(12)))
    return now


_PERSON_WRITE_FIELDS = [
    "civility",
    "first_name",
    "last_name",
    "function",
    "email",
    "phone",
    "languages",
    "organisation",
]


def write_people(result: ValidationResult, *, user: Any, job: ImportJob | None) -> WriteResult:
    now = timezone.now()
    new = []
    for row in result.rows:
        if row.existing_id is None:
            person = Person(
                **{n: row.values[n] or "" for n in _PERSON_WRITE_FIELDS if n != "organisation"}
            )
            person.organisation_id = row.values["organisation_id"]
            person.consent_given = bool(row.values["consent"])
            person.consent_date = _consent_time(row.values, now)
            new.append(person)

    def consent(person: Any, row: CleanRow, diff: dict[str, tuple[Any, Any]]) -> None:
        if row.values["consent"] is not None and row.values["consent"] != person.consent_given:
            diff["consent_given"] = (person.consent_given, row.values["consent"])
            diff["consent_date"] = (person.consent_date, _consent_time(row.values, now))
            person.consent_given = row.values["consent"]
            person.consent_date = _consent_time(row.values, now)

    for row in result.rows:
        row.values["organisation"] = row.values["organisation_id"]
    for person in new:
        person.set_name_key()
    with acting_as(user):
        Person.objects.bulk_create(new, batch_size=BATCH_SIZE)
        log_created(new, actor=user, job=job, fields=["first_name", "last_name", "email"])
        names = [n if n != "organisation" else "organisation" for n in _PERSON_WRITE_FIELDS]
        changes, previous = _merge(Person, result.rows, names, now, consent)
        log_updated(changes, actor=user, job=job)
    return WriteResult(
        created={"people": len(new)},
        updated=len(changes),
        matched=len(result.duplicates),
        skipped=len(result.duplicates) - sum(1 for r in result.rows if r.existing_id),
        created_ids={_label(Person): [p.pk for p in new]},
        previous={_label(Person): previous},
    )


_PARTNERSHIP_WRITE_FIELDS = [
    "title",
    "kind",
    "status",
    "signed_on",
    "renewed_on",
    "description",
    "is_public",
]


def write_partnerships(
    result: ValidationResult, *, user: Any, job: ImportJob | None
) -> WriteResult:
    now = timezone.now()
    planned: dict[tuple[str, str, str], Planned] = result.extra.get("planned", {})
    needed = {pk for row in result.rows for pk in row.values["partner_ids"] if pk < 0}
    to_create = [p for p in planned.values() if p.org.pk in needed]
    organisations = [
        Organisation(
            name=p.org.name,
            kind=p.org.kind,
            country=p.org.country,
            region=p.org.region,
            city=p.org.city,
            latitude=p.latitude,
            longitude=p.longitude,
            time_zone=p.time_zone,
        )
        for p in to_create
    ]
    created_rows = [row for row in result.rows if row.existing_id is None]
    for organisation in organisations:
        organisation.set_name_key()
    with acting_as(user):
        Organisation.objects.bulk_create(organisations, batch_size=BATCH_SIZE)
        real = {p.org.pk: o.pk for p, o in zip(to_create, organisations, strict=True)}
        log_created(organisations, actor=user, job=job, fields=["name", "kind", "country", "city"])
        new = [
            Partnership(
                **{
                    n: row.values[n]
                    for n in _PARTNERSHIP_WRITE_FIELDS
                    if row.values.get(n) is not None
                },
                created_by=user if getattr(user, "is_authenticated", False) else None,
                # The member set the duplicate check and the database's constraint compare.
                members_key=members_key(real.get(pk, pk) for pk in row.values["partner_ids"]),
            )
            for row in created_rows
        ]
        Partnership.objects.bulk_create(new, batch_size=BATCH_SIZE)
        through = Partnership.themes.through
        members: list[PartnershipMember] = []
        themes = []
        for row, partnership in zip(created_rows, new, strict=True):
            members += [
                PartnershipMember(partnership_id=partnership.pk, organisation_id=real.get(pk, pk))
                for pk in row.values["partner_ids"]
            ]
            themes += [
                through(partnership_id=partnership.pk, theme_id=theme_id)
                for theme_id in row.values["theme_ids"]
            ]
        PartnershipMember.objects.bulk_create(members, batch_size=BATCH_SIZE)
        # One entry per partnership, naming its partners (not one more per partner link).
        partners = {
            partnership.pk: " / ".join(
                row.values["partner_names"][pk] for pk in row.values["partner_ids"]
            )
            for row, partnership in zip(created_rows, new, strict=True)
        }
        log_created(
            new,
            actor=user,
            job=job,
            fields=["title", "kind", "status"],
            extra=lambda p: {"members": ["None", partners[p.pk]]},
        )
        merged = [row for row in result.rows if row.existing_id is not None]
        have = set(
            through.objects.filter(partnership_id__in=[r.existing_id for r in merged]).values_list(
                "partnership_id", "theme_id"
            )
        )
        for row in merged:
            themes += [
                through(partnership_id=row.existing_id, theme_id=theme_id)
                for theme_id in row.values["theme_ids"]
                if (row.existing_id, theme_id) not in have
            ]
        changes, previous = _merge(Partnership, result.rows, _PARTNERSHIP_WRITE_FIELDS, now)
        log_updated(changes, actor=user, job=job)
        through.objects.bulk_create(themes, batch_size=BATCH_SIZE)
    return WriteResult(
        created={"partnerships": len(new), "organisations": len(organisations)},
        updated=len(changes),
        matched=len(result.duplicates),
        skipped=len(result.duplicates) - len(merged) + result.planned.get("skipped", 0),
        created_ids={
            _label(Organisation): [o.pk for o in organisations],
            _label(Partnership): [p.pk for p in new],
            _label(PartnershipMember): [m.pk for m in members],
        },
        previous={_label(Partnership): previous},
    )
