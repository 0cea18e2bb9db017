"""Input and output model of the meeting scheduler, and the input validator.

Everything is a frozen dataclass that refers to other items by id, so instances can be
built by hand in tests, parsed from JSON, or produced by the Django side from querysets.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class SolverInputError(ValueError):
    """The instance is malformed or its locked meetings cannot all be honoured."""


@dataclass(frozen=True, slots=True)
class Slot:
    id: str
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    capacity: int


@dataclass(frozen=True, slots=True)
class Party:
    id: str
    unavailable: frozenset[str] = frozenset()
    # None means "no limit besides one meeting per slot".
    max_meetings: int | None = None


@dataclass(frozen=True, slots=True)
class Request:
    id: str
    parties: tuple[str, ...]
    priority: float = 1
    # Empty means any place will do.
    places: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Lock:
    request: str
    slot: str
    place: str


@dataclass(frozen=True, slots=True)
class Meeting:
    request: str
    slot: str
    place: str


@dataclass(frozen=True, slots=True)
class Instance:
    """A validated instance; slots are kept in chronological order."""

    slots: tuple[Slot, ...]
    places: tuple[Place, ...]
    parties: tuple[Party, ...]
    requests: tuple[Request, ...]
    locked: tuple[Lock, ...] = ()


@dataclass(frozen=True, slots=True)
class Result:
    meetings: tuple[Meeting, ...]
    unscheduled: tuple[str, ...]
    weight: float
    upper_bound: float
    seconds: float
    method: str
    idle_gaps: int = 0
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def optimal(self) -> bool:
        return self.weight >= self.upper_bound - 1e-6

    @property
    def ratio(self) -> float:
        return 1.0 if self.upper_bound <= 0 else self.weight / self.upper_bound


# --------------------------------------------------------------------------- parsing


def _fail(msg: str) -> SolverInputError:
    return SolverInputError(msg)


def _list(data: Mapping[str, Any], key: str, where: str, required: bool = True) -> list[Any]:
    if key not in data:
        if required:
            raise _fail(f"{where}: missing '{key}'")
        return []
    value = data[key]
    if not isinstance(value, list):
        raise _fail(f"{where}: '{key}' must be a list, got {type(value).__name__}")
    return value


def _obj(item: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(item, dict):
        raise _fail(f"{where}: must be an object, got {type(item).__name__}")
    return item


def _id(item: Mapping[str, Any], where: str, key: str = "id") -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value:
        raise _fail(f"{where}: '{key}' must be a non-empty string, got {value!r}")
    return value


def _int(value: Any, where: str, key: str, minimum: int = 0) -> int:
    # bool is an int subclass in Python but never a meaningful count here.
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(f"{where}: '{key}' must be an integer, got {value!r}")
    if value < minimum:
        raise _fail(f"{where}: '{key}' must be >= {minimum}, got {value}")
    return value


def _time(item: Mapping[str, Any], where: str, key: str) -> datetime:
    value = item.get(key)
    if not isinstance(value, str):
        raise _fail(f"{where}: '{key}' must be an ISO 8601 string, got {value!r}")
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise _fail(f"{where}: '{key}' is not an ISO 8601 date-time: {value!r}") from None


def _ids(value: Any, where: str, key: str, known: set[str], kind: str) -> list[str]:
    if not isinstance(value, list):
        raise _fail(f"{where}: '{key}' must be a list of {kind} ids, got {value!r}")
    out: list[str] = []
    for ref in value:
        if not isinstance(ref, str):
            raise _fail(f"{where}: '{key}' must contain {kind} ids (strings), got {ref!r}")
        if ref not in known:
            raise _fail(f"{where}: unknown {kind} '{ref}'")
        out.append(ref)
    return out


def parse_instance(data: Any) -> Instance:
    """Validate a JSON-like dict and build an Instance.

    Raises SolverInputError with a message naming the offending item for unknown or
    duplicate ids, wrong types, and locked meetings that break a rule.
    """
    root = _obj(data, "input")
    slots: list[Slot] = []
    seen: set[str] = set()
    for i, raw in enumerate(_list(root, "slots", "input")):
        item = _obj(raw, f"slots[{i}]")
        sid = _id(item, f"slots[{i}]")
        where = f"slot '{sid}'"
        if sid in seen:
            raise _fail(f"{where}: duplicate slot id")
        seen.add(sid)
        start, end = _time(item, where, "start"), _time(item, where, "end")
        try:
            if not start < end:
                raise _fail(f"{where}: 'start' must be before 'end'")
        except TypeError:
            raise _fail(
                f"{where}: 'start' and 'end' must both have a UTC offset or neither"
            ) from None
        slots.append(Slot(sid, start, end))
    try:
        # Chronological order defines "earliest slot" and idle gaps.
        slots.sort(key=lambda s: (s.start, s.end, s.id))
    except TypeError:
        raise _fail("slots: mixing date-times with and without a UTC offset") from None
    slot_ids = {s.id for s in slots}

    places: list[Place] = []
    seen = set()
    for i, raw in enumerate(_list(root, "places", "input")):
        item = _obj(raw, f"places[{i}]")
        pid = _id(item, f"places[{i}]")
        where = f"place '{pid}'"
        if pid in seen:
            raise _fail(f"{where}: duplicate place id")
        seen.add(pid)
        if "capacity" not in item:
            raise _fail(f"{where}: missing 'capacity'")
        places.append(Place(pid, _int(item["capacity"], where, "capacity")))
    place_ids = {p.id for p in places}

    parties: list[Party] = []
    seen = set()
    for i, raw in enumerate(_list(root, "parties", "input")):
        item = _obj(raw, f"parties[{i}]")
        pid = _id(item, f"parties[{i}]")
        where = f"party '{pid}'"
        if pid in seen:
            raise _fail(f"{where}: duplicate party id")
        seen.add(pid)
        unavailable = _ids(item.get("unavailable", []), where, "unavailable", slot_ids, "slot")
        max_raw = item.get("max_meetings")
        max_meetings = None if max_raw is None else _int(max_raw, where, "max_meetings")
        parties.append(Party(pid, frozenset(unavailable), max_meetings))
    party_ids = {p.id for p in parties}

    requests: list[Request] = []
    seen = set()
    for i, raw in enumerate(_list(root, "requests", "input")):
        item = _obj(raw, f"requests[{i}]")
        rid = _id(item, f"requests[{i}]")
        where = f"request '{rid}'"
        if rid in seen:
            raise _fail(f"{where}: duplicate request id")
        seen.add(rid)
        if "parties" not in item:
            raise _fail(f"{where}: missing 'parties'")
        members = _ids(item["parties"], where, "parties", party_ids, "party")
        if not members:
            raise _fail(f"{where}: 'parties' must not be empty")
        if len(set(members)) != len(members):
            raise _fail(f"{where}: a party is listed twice")
        priority = item.get("priority", 1)
        if (
            isinstance(priority, bool)
            or not isinstance(priority, int | float)
            or not math.isfinite(priority)
            or priority < 0
        ):
            raise _fail(f"{where}: 'priority' must be a finite number >= 0, got {priority!r}")
        allowed = _ids(item.get("places", []), where, "places", place_ids, "place")
        requests.append(Request(rid, tuple(members), priority, tuple(dict.fromkeys(allowed))))

    request_ids = {r.id for r in requests}
    locks: list[Lock] = []
    seen = set()
    for i, raw in enumerate(_list(root, "locked", "input", required=False)):
        where = f"locked[{i}]"
        item = _obj(raw, where)
        rid = _id(item, where, "request")
        where = f"locked meeting of request '{rid}'"
        if rid not in request_ids:
            raise _fail(f"{where}: unknown request '{rid}'")
        if rid in seen:
            raise _fail(f"{where}: request is locked twice")
        seen.add(rid)
        sid, pid = _id(item, where, "slot"), _id(item, where, "place")
        if sid not in slot_ids:
            raise _fail(f"{where}: unknown slot '{sid}'")
        if pid not in place_ids:
            raise _fail(f"{where}: unknown place '{pid}'")
        locks.append(Lock(rid, sid, pid))

    instance = Instance(tuple(slots), tuple(places), tuple(parties), tuple(requests), tuple(locks))
    check_locks(instance)
    return instance


def check_locks(instance: Instance) -> None:
    """Raise SolverInputError explaining why the locked meetings cannot all be kept."""
    requests = {r.id: r for r in instance.requests}
    parties = {p.id: p for p in instance.parties}
    capacity = {p.id: p.capacity for p in instance.places}
    busy: dict[tuple[str, str], str] = {}
    used: dict[tuple[str, str], list[str]] = {}
    count: dict[str, int] = {}
    for lock in instance.locked:
        req = requests.get(lock.request)
        where = f"locked meeting of request '{lock.request}'"
        if req is None:
            raise _fail(f"{where}: unknown request")
        if req.places and lock.place not in req.places:
            raise _fail(f"{where}: place '{lock.place}' is not one of the request's places")
        for pid in req.parties:
            party = parties[pid]
            if lock.slot in party.unavailable:
                raise _fail(f"{where}: party '{pid}' is unavailable in slot '{lock.slot}'")
            other = busy.get((pid, lock.slot))
            if other is not None:
                raise _fail(
                    f"{where}: party '{pid}' is also locked in request '{other}' "
                    f"in slot '{lock.slot}'"
                )
            busy[(pid, lock.slot)] = req.id
            count[pid] = count.get(pid, 0) + 1
            if party.max_meetings is not None and count[pid] > party.max_meetings:
                raise _fail(
                    f"{where}: party '{pid}' would have {count[pid]} locked meetings, "
                    f"more than its max_meetings={party.max_meetings}"
                )
        holders = used.setdefault((lock.place, lock.slot), [])
        holders.append(req.id)
        if len(holders) > capacity[lock.place]:
            raise _fail(
                f"{where}: place '{lock.place}' (capacity {capacity[lock.place]}) is over-full "
                f"in slot '{lock.slot}' with locked requests {', '.join(holders)}"
            )


# --------------------------------------------------------------------------- output


def _number(x: float) -> float | int:
    return int(x) if float(x).is_integer() else round(x, 6)


def result_to_json(result: Result) -> dict[str, Any]:
    """The JSON document written by the command line."""
    stats: dict[str, Any] = {
        "scheduled": len(result.meetings),
        "weight": _number(result.weight),
        "upper_bound": _number(result.upper_bound),
        "seconds": round(result.seconds, 3),
        "method": result.method,
        "optimal": result.optimal,
        "idle_gaps": result.idle_gaps,
    }
    stats.update(result.extra)
    return {
        "meetings": [
            {"request": m.request, "slot": m.slot, "place": m.place} for m in result.meetings
        ],
        "unscheduled": list(result.unscheduled),
        "stats": stats,
    }


def instance_to_json(instance: Instance) -> dict[str, Any]:
    """Inverse of parse_instance, used by benchmarks and tests."""
    return {
        "slots": [
            {"id": s.id, "start": s.start.isoformat(), "end": s.end.isoformat()}
            for s in instance.slots
        ],
        "places": [{"id": p.id, "capacity": p.capacity} for p in instance.places],
        "parties": [
            {
                "id": p.id,
                "unavailable": sorted(p.unavailable),
                **({} if p.max_meetings is None else {"max_meetings": p.max_meetings}),
            }
            for p in instance.parties
        ],
        "requests": [
            {
                "id": r.id,
                "parties": list(r.parties),
                "priority": r.priority,
                **({"places": list(r.places)} if r.places else {}),
            }
            for r in instance.requests
        ],
        "locked": [
            {"request": lk.request, "slot": lk.slot, "place": lk.place} for lk in instance.locked
        ],
    }
