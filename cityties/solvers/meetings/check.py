"""Independent validator of a schedule, written without sharing code with the engine.

Used by tests and benchmarks: it restates every rule of the issue directly on ids.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .model import Instance, Meeting


def violations(instance: Instance, meetings: Iterable[Meeting]) -> list[str]:
    """Every broken rule, as human-readable messages; empty means the schedule is valid."""
    out: list[str] = []
    slots = {s.id for s in instance.slots}
    places = {p.id: p for p in instance.places}
    parties = {p.id: p for p in instance.parties}
    requests = {r.id: r for r in instance.requests}
    placed: dict[str, Meeting] = {}
    party_slot: Counter[tuple[str, str]] = Counter()
    party_total: Counter[str] = Counter()
    place_slot: Counter[tuple[str, str]] = Counter()
    for m in meetings:
        req = requests.get(m.request)
        if req is None:
            out.append(f"meeting for unknown request '{m.request}'")
            continue
        if m.request in placed:
            out.append(f"request '{m.request}' is placed twice")
            continue
        placed[m.request] = m
        if m.slot not in slots:
            out.append(f"request '{m.request}' placed in unknown slot '{m.slot}'")
        if m.place not in places:
            out.append(f"request '{m.request}' placed in unknown place '{m.place}'")
        if req.places and m.place not in req.places:
            out.append(f"request '{m.request}' placed in '{m.place}', not one of its places")
        place_slot[(m.place, m.slot)] += 1
        for pid in req.parties:
            party_slot[(pid, m.slot)] += 1
            party_total[pid] += 1
            if m.slot in parties[pid].unavailable:
                out.append(
                    f"party '{pid}' is unavailable in slot '{m.slot}' (request '{m.request}')"
                )
    for (pid, sid), n in party_slot.items():
        if n > 1:
            out.append(f"party '{pid}' has {n} meetings in slot '{sid}'")
    for pid, n in party_total.items():
        limit = parties[pid].max_meetings
        if limit is not None and n > limit:
            out.append(f"party '{pid}' has {n} meetings, more than max_meetings={limit}")
    for (lid, sid), n in place_slot.items():
        if lid in places and n > places[lid].capacity:
            cap = places[lid].capacity
            out.append(f"place '{lid}' holds {n} meetings in slot '{sid}' (capacity {cap})")
    for lock in instance.locked:
        kept = placed.get(lock.request)
        if kept is None or (kept.slot, kept.place) != (lock.slot, lock.place):
            out.append(f"locked request '{lock.request}' was not kept at {lock.slot}/{lock.place}")
    return out


def schedule_weight(instance: Instance, meetings: Iterable[Meeting]) -> float:
    weight = {r.id: r.priority for r in instance.requests}
    return sum(weight[m.request] for m in meetings)


def idle_gaps(instance: Instance, meetings: Iterable[Meeting]) -> int:
    """Empty slots between a party's first and last meeting of each day, summed over parties."""
    index = {s.id: i for i, s in enumerate(instance.slots)}
    day = {s.id: s.start.date() for s in instance.slots}
    parties_of = {r.id: r.parties for r in instance.requests}
    used: dict[tuple[str, object], list[int]] = {}
    for m in meetings:
        for pid in parties_of[m.request]:
            used.setdefault((pid, day[m.slot]), []).append(index[m.slot])
    return sum(max(v) - min(v) + 1 - len(v) for v in used.values())
