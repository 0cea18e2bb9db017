"""Writing the attendee rows: new attendees and their profiles in bulk, people already
listed updated (their previous values kept for undo), then the event's recommendations
asked for again. Runs inside the import engine's transaction: all or nothing."""

from __future__ import annotations

from typing import Any

from cityties.imports.registry import WriteResult
from cityties.imports.validation import ValidationResult

from ..models import Attendee, Profile

ATTENDEE_COPY = (
    "first_name",
    "last_name",
    "email",
    "organisation",
    "function",
    "country",
    "state",
    "city",
    "language",
    "name_key",
    "organisation_key",
)
PROFILE_COPY = (
    "name",
    "organisation_name",
    "kind",
    "state",
    "country",
    "needs",
    "offers",
    "interests",
)
BATCH = 1_000


def _profile_values(values: dict[str, Any]) -> dict[str, Any]:
    name = f"{values['first_name']} {values['last_name']}".strip()
    return {
        "name": (name or values["email"] or values["organisation"])[:301],
        "organisation_name": values["organisation"][:300],
        "kind": values["kind"],
        "state": values["state"],
        "country": values["country"],
        "needs": "\n".join(values["needs"]),
        "offers": "\n".join(values["offers"]),
        "interests": values["interests"],
    }


def write_attendees(result: ValidationResult, *, user: Any, job: Any) -> WriteResult:
    from ..services.profiles import mark_recommendations_stale

    new = [row for row in result.rows if row.existing_id is None]
    old = {row.existing_id: row for row in result.rows if row.existing_id is not None}
    attendees = Attendee.objects.bulk_create(
        [
            Attendee(
                event_id=row.values["event"],
                import_job=job if getattr(job, "pk", None) else None,
                **{name: row.values[name] for name in ATTENDEE_COPY},
            )
            for row in new
        ],
        batch_size=BATCH,
    )
    profiles = Profile.objects.bulk_create(
        [
            Profile(event_id=attendee.event_id, attendee=attendee, **_profile_values(row.values))
            for attendee, row in zip(attendees, new, strict=True)
        ],
        batch_size=BATCH,
    )
    through = Profile.sectors.through
    links = [
        through(profile_id=profile.pk, sector_id=sector)
        for profile, row in zip(profiles, new, strict=True)
        for sector in row.values["sectors"]
    ]
    touched_count = 0
    previous: dict[str, dict[str, dict[str, Any]]] = {
        "matchmaking.attendee": {},
        "matchmaking.profile": {},
    }
    if old:
        current = Attendee.objects.select_related("profile").in_bulk(list(old))
        changed_attendees, changed_profiles = [], []
        touched: set[int] = set()
        for pk, row in old.items():
            attendee = current[pk]
            before = {name: getattr(attendee, name) for name in ATTENDEE_COPY}
            for name in ATTENDEE_COPY:
                value = row.values[name]
                if value and value != getattr(attendee, name):
                    setattr(attendee, name, value)
            if before != {name: getattr(attendee, name) for name in ATTENDEE_COPY}:
                previous["matchmaking.attendee"][str(pk)] = before
                changed_attendees.append(attendee)
                touched.add(pk)
            profile = attendee.profile
            profile_before = {name: getattr(profile, name) for name in PROFILE_COPY}
            for name, value in _profile_values(row.values).items():
                if value and value != getattr(profile, name):
                    setattr(profile, name, value)
            if profile_before != {name: getattr(profile, name) for name in PROFILE_COPY}:
                previous["matchmaking.profile"][str(profile.pk)] = profile_before
                changed_profiles.append(profile)
                touched.add(pk)
            have = set(profile.sectors.values_list("pk", flat=True))
            links += [
                through(profile_id=profile.pk, sector_id=sector)
                for sector in row.values["sectors"]
                if sector not in have
            ]
        touched_count = len(touched)
        Attendee.objects.bulk_update(changed_attendees, list(ATTENDEE_COPY), batch_size=BATCH)
        Profile.objects.bulk_update(changed_profiles, list(PROFILE_COPY), batch_size=BATCH)
    through.objects.bulk_create(links, batch_size=BATCH * 5)
    for event_id in {row.values["event"] for row in result.rows}:
        from cityties.events.models import Event

        mark_recommendations_stale(Event.objects.get(pk=event_id))
    return WriteResult(
        created={"attendees": len(attendees)},
        updated=touched_count,
        matched=len(old),
        skipped=int(result.planned.get("skipped", 0)),
        created_ids={
            "matchmaking.attendee": [a.pk for a in attendees],
            "matchmaking.profile": [p.pk for p in profiles],
        },
        previous={k: v for k, v in previous.items() if v},
    )
