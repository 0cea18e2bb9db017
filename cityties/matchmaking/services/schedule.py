"""The automatic schedule: the accepted requests of an event placed by the scheduler engine
(`cityties.solvers.meetings`), run as a background task with its progress recorded.

`load` adapts rows to the engine's dataclasses: slots (a plenary blocks its slots for
everyone), places (a company meets at its own stand; everybody else at the shared tables
and rooms), people (their unavailable slots and their sessions, the meeting cap) and the
accepted requests with their priority; locked and confirmed meetings are kept as locks.
`write` replaces every other meeting with the engine's in one transaction, and each
request left out gets its reason: no common free slot, a person at their cap, no table.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.delegations.models import Session
from cityties.events.models import Event
from cityties.solvers.meetings import Instance, Lock, Party, Place, Request, Slot, solve
from cityties.solvers.meetings.model import check_locks

from ..models import (
    Booking,
    EventSetup,
    Meeting,
    MeetingRequest,
    PlaceKind,
    Profile,
    RequestStatus,
    RunStatus,
    ScheduleRun,
    Unavailability,
)
from ..models import Place as PlaceRow
from ..models import Slot as SlotRow
from .errors import MatchmakingError
from .setup import plenaries, setup_of, stand_places_by_participant

logger = logging.getLogger(__name__)

REASONS = {
    "no_common_slot": _("no common free slot"),
    "at_cap": _("a person at their cap of meetings"),
    "no_table": _("no table free when both are"),
}


STALE_RUN = timedelta(minutes=30)


def solver_seconds() -> float:
    return float(getattr(settings, "MATCHMAKING_SOLVER_SECONDS", 10.0))


@dataclass
class Loaded:
    instance: Instance
    # request id -> (sender profile, recipient profile)
    parties: dict[int, tuple[int, int]]
    # slots no meeting may take, per profile (its own choice, its sessions, plenaries)
    unavailable: dict[int, set[int]]
    blocked: set[int]
    allowed: dict[int, tuple[int, ...]]
    kept: list[tuple[int, int, int]]  # (request, slot, place)
    slots: list[int] = field(default_factory=list)
    capacity: dict[int, int] = field(default_factory=dict)
    cap: int = 0


def _overlapping(slots: list[SlotRow], start: datetime, end: datetime) -> set[int]:
    return {s.pk for s in slots if s.starts_at < end and start < s.ends_at}


def session_busy(
    event: Event, delegates: dict[int, tuple[int, int, int]], slots: list[SlotRow]
) -> dict[int, set[int]]:
    """Profile id -> slots taken by the sessions the delegate attends or speaks at.
    `delegates`: profile id -> (delegate id, person id, delegation id)."""
    sessions = list(Session.objects.filter(delegation__event=event))
    if not sessions or not delegates:
        return {}
    covered = {s.pk: _overlapping(slots, s.starts_at, s.ends_at) for s in sessions}
    chosen: dict[int, set[int]] = defaultdict(set)
    for session_id, delegate_id in Session.delegates.through.objects.filter(
        session__in=sessions
    ).values_list("session_id", "delegate_id"):
        chosen[delegate_id].add(session_id)
    speaking: dict[int, set[int]] = defaultdict(set)
    for session_id, person_id in Session.speakers.through.objects.filter(
        session__in=sessions
    ).values_list("session_id", "person_id"):
        speaking[person_id].add(session_id)
    everyone: dict[int, set[int]] = defaultdict(set)
    for s in sessions:
        if s.for_everyone:
            everyone[s.delegation_id].add(s.pk)
    busy: dict[int, set[int]] = {}
    for profile_id, (delegate_id, person_id, delegation_id) in delegates.items():
        ids = everyone[delegation_id] | chosen[delegate_id] | speaking[person_id]
        busy[profile_id] = set().union(*(covered[i] for i in ids)) if ids else set()
    return busy


def load(event: Event) -> Loaded:
    setup = setup_of(event)
    slots = list(SlotRow.objects.filter(event=event).order_by("starts_at"))
    places = list(PlaceRow.objects.filter(event=event))
    blocked: set[int] = set()
    for session in plenaries(event):
        blocked |= _overlapping(slots, session.starts_at, session.ends_at)
    rows = list(
        MeetingRequest.objects.filter(event=event, status=RequestStatus.ACCEPTED).values_list(
            "pk", "sender_id", "recipient_id", "priority"
        )
    )
    parties = {pk: (sender, recipient) for pk, sender, recipient, _p in rows}
    people = {p for pair in parties.values() for p in pair}
    unavailable: dict[int, set[int]] = {p: set(blocked) for p in people}
    for profile_id, slot_id in Unavailability.objects.filter(profile_id__in=people).values_list(
        "profile_id", "slot_id"
    ):
        unavailable[profile_id].add(slot_id)
    delegates = {
        pk: (delegate, person, delegation)
        for pk, delegate, person, delegation in Profile.objects.filter(
            pk__in=people, delegate__isnull=False
        ).values_list(
            "pk", "delegate_id", "delegate__person_id", "delegate__participant__delegation_id"
        )
    }
    for profile_id, busy in session_busy(event, delegates, slots).items():
        unavailable[profile_id] |= busy
    participant_of = dict(
        Profile.objects.filter(pk__in=people, delegate__isnull=False).values_list(
            "pk", "delegate__participant_id"
        )
    )
    stands = stand_places_by_participant(event)
    shared = tuple(p.pk for p in places if p.kind != PlaceKind.STAND) or tuple(p.pk for p in places)
    allowed: dict[int, tuple[int, ...]] = {}
    for pk, (sender, recipient) in parties.items():
        own = [
            place
            for person in (sender, recipient)
            for place in stands.get(participant_of.get(person, 0), [])
        ]
        allowed[pk] = tuple(dict.fromkeys(own)) or shared
    kept = list(
        Meeting.objects.filter(event=event, request__status=RequestStatus.ACCEPTED)
        .filter(Q(locked=True) | Q(confirmed_at__isnull=False))
        .values_list("request_id", "slot_id", "place_id")
    )
    for request_id, slot_id, place_id in kept:
        # A kept meeting is honoured as it stands: its slot and place are allowed to it.
        for person in parties[request_id]:
            unavailable[person].discard(slot_id)
        if place_id not in allowed[request_id]:
            allowed[request_id] = (*allowed[request_id], place_id)
    instance = Instance(
        slots=tuple(Slot(f"s{s.pk}", s.starts_at, s.ends_at) for s in slots),
        places=tuple(Place(f"l{p.pk}", p.capacity) for p in places),
        parties=tuple(
            Party(
                f"p{person}",
                frozenset(f"s{s}" for s in unavailable[person]),
                setup.max_meetings,
            )
            for person in sorted(people)
        ),
        requests=tuple(
            Request(
                f"r{pk}",
                (f"p{sender}", f"p{recipient}"),
                float(priority),
                tuple(f"l{p}" for p in allowed[pk]),
            )
            for pk, sender, recipient, priority in rows
        ),
        locked=tuple(Lock(f"r{r}", f"s{s}", f"l{p}") for r, s, p in kept),
    )
    return Loaded(
        instance=instance,
        parties=parties,
        unavailable=unavailable,
        blocked=blocked,
        allowed=allowed,
        kept=kept,
        slots=[s.pk for s in slots],
        capacity={p.pk: p.capacity for p in places},
        cap=setup.max_meetings,
    )


def _id(text: str) -> int:
    return int(text[1:])


def reasons(
    loaded: Loaded, placed: list[tuple[int, int, int]], left: list[int]
) -> list[dict[str, Any]]:
    """Why each request left out could not be placed, given the final schedule."""
    count: dict[int, int] = defaultdict(int)
    busy: dict[int, set[int]] = defaultdict(set)
    used: dict[tuple[int, int], int] = defaultdict(int)
    for request, slot, place in placed:
        for person in loaded.parties[request]:
            count[person] += 1
            busy[person].add(slot)
        used[(place, slot)] += 1
    out = []
    for request in left:
        a, b = loaded.parties[request]
        closed = loaded.unavailable[a] | loaded.unavailable[b]
        if all(s in closed for s in loaded.slots):
            reason = "no_common_slot"  # never both free, whatever the other meetings
        elif count[a] >= loaded.cap or count[b] >= loaded.cap:
            reason = "at_cap"
        elif all(s in closed or s in busy[a] or s in busy[b] for s in loaded.slots):
            reason = "no_common_slot"
        else:
            reason = "no_table"
        out.append({"request": request, "reason": reason})
    return out


def check_start_run(event: Event, *, actor: Any, time_limit: float | None = None) -> ScheduleRun:
    """Queue a run of the scheduler; one at a time per event (the database says so)."""
    from ..tasks import run_schedule

    if not SlotRow.objects.filter(event=event).exists():
        raise MatchmakingError(_("Make the slots first."), code="no_slots")
    if not PlaceRow.objects.filter(event=event).exists():
        raise MatchmakingError(_("Add at least one place first."), code="no_places")
    # A run whose worker died long ago would block every other: it is marked failed.
    ScheduleRun.objects.filter(
        event=event,
        status__in=[RunStatus.QUEUED, RunStatus.RUNNING],
        created_at__lt=timezone.now() - STALE_RUN,
    ).update(status=RunStatus.FAILED, error=str(_("Abandoned: the worker stopped.")))
    try:
        with transaction.atomic():
            run = ScheduleRun.objects.create(
                event=event,
                started_by=actor if getattr(actor, "is_authenticated", False) else None,
                stage="queued",
            )
    except IntegrityError as exc:
        raise MatchmakingError(
            _("The schedule is being computed already; wait for it to finish."),
            code="run_in_progress",
        ) from exc
    transaction.on_commit(lambda: run_schedule.enqueue(run.pk, time_limit))
    return run


def _progress(run: ScheduleRun, stage: str, percent: int, **fields: Any) -> None:
    # Written outside the write transaction, so that the progress bar sees it.
    ScheduleRun.objects.filter(pk=run.pk).update(stage=stage, progress=percent, **fields)


def run(run_id: int, time_limit: float | None = None) -> ScheduleRun:
    """Load, solve, write: the body of the background task."""
    run = ScheduleRun.objects.select_related("event").get(pk=run_id)
    if run.status != RunStatus.QUEUED:
        return run
    _progress(run, "load", 5, status=RunStatus.RUNNING)
    try:
        loaded = load(run.event)
        check_locks(loaded.instance)
        _progress(run, "solve", 25, requests=len(loaded.parties), kept=len(loaded.kept))
        result = solve(loaded.instance, time_limit=time_limit or solver_seconds())
        _progress(run, "write", 85)
        placed = [(_id(m.request), _id(m.slot), _id(m.place)) for m in result.meetings]
        write(run.event, loaded, placed)
        left = [_id(r) for r in result.unscheduled]
        ScheduleRun.objects.filter(pk=run.pk).update(
            status=RunStatus.DONE,
            stage="done",
            progress=100,
            placed=len(placed),
            weight=result.weight,
            upper_bound=result.upper_bound,
            seconds=round(result.seconds, 3),
            method=result.method[:60],
            unplaced=reasons(loaded, placed, left),
            finished_at=timezone.now(),
        )
    except Exception as exc:
        logger.exception("Schedule run %s failed", run.pk)
        message = (
            _("The schedule changed while it was computed; run it again.")
            if isinstance(exc, IntegrityError)
            else _("The schedule could not be computed: %(error)s") % {"error": exc}
        )
        ScheduleRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, stage="failed", error=str(message), finished_at=timezone.now()
        )
    run.refresh_from_db()
    return run


def write(event: Event, loaded: Loaded, placed: list[tuple[int, int, int]]) -> int:
    """Replace the meetings not kept with the engine's, in one transaction."""
    kept = {request for request, _slot, _place in loaded.kept}
    with transaction.atomic():
        EventSetup.objects.select_for_update().filter(event=event).first()
        Meeting.objects.filter(event=event, locked=False, confirmed_at__isnull=True).delete()
        tables: dict[tuple[int, int], set[int]] = defaultdict(set)
        for place, slot, table in Meeting.objects.filter(event=event).values_list(
            "place_id", "slot_id", "table"
        ):
            tables[(place, slot)].add(table)
        meetings = []
        for request, slot, place in placed:
            if request in kept:
                continue
            taken = tables[(place, slot)]
            table = next(n for n in range(1, len(taken) + 2) if n not in taken)
            taken.add(table)
            meetings.append(
                Meeting(event=event, request_id=request, slot_id=slot, place_id=place, table=table)
            )
        Meeting.objects.bulk_create(meetings, batch_size=1_000)
        Booking.objects.bulk_create(
            [
                Booking(meeting=meeting, profile_id=person, slot_id=meeting.slot_id)
                for meeting in meetings
                for person in loaded.parties[meeting.request_id]
            ],
            batch_size=2_000,
        )
    return len(meetings)


def last_run(event: Event) -> ScheduleRun | None:
    return ScheduleRun.objects.filter(event=event).order_by("-created_at", "-pk").first()


def unplaced_rows(run: ScheduleRun, limit: int = 200) -> list[dict[str, Any]]:
    """The requests a run left out, with their people and the reason, for the page."""
    entries = run.unplaced[:limit]
    requests = MeetingRequest.objects.in_bulk([e["request"] for e in entries])
    names = {
        profile.pk: profile
        for profile in Profile.objects.filter(
            pk__in={p for r in requests.values() for p in (r.sender_id, r.recipient_id)}
        )
    }
    rows = []
    for entry in entries:
        request = requests.get(entry["request"])
        if request is None:
            continue
        rows.append(
            {
                "request": request,
                "sender": names.get(request.sender_id),
                "recipient": names.get(request.recipient_id),
                "reason": REASONS.get(entry["reason"], entry["reason"]),
                "code": entry["reason"],
            }
        )
    return rows
