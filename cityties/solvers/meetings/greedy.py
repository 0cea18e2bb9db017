"""The baseline the engine is measured against: highest priority first, earliest common slot.

Deliberately naive and independent from the engine's data structures: requests are taken
by priority (input order breaks ties) and each goes to the earliest slot where all of its
parties are free and one of its allowed places has room; it never revisits a decision.
"""

from __future__ import annotations

import time

from .model import Instance, Meeting, Result


def greedy(instance: Instance) -> Result:
    result = greedy_until(instance, None)
    assert result is not None
    return result


def greedy_until(instance: Instance, deadline: float | None) -> Result | None:
    """The baseline, or None if time.perf_counter() passes `deadline` before it is done."""
    started = time.perf_counter()
    parties = {p.id: p for p in instance.parties}
    requests = {r.id: r for r in instance.requests}
    all_places = [p.id for p in instance.places]
    capacity = {p.id: p.capacity for p in instance.places}
    busy: set[tuple[str, str]] = set()
    used: dict[tuple[str, str], int] = {}
    count: dict[str, int] = {}
    meetings: list[Meeting] = []
    cursor: dict[str, int] = {}

    def book(rid: str, sid: str, lid: str) -> None:
        meetings.append(Meeting(rid, sid, lid))
        used[(lid, sid)] = used.get((lid, sid), 0) + 1
        for pid in requests[rid].parties:
            busy.add((pid, sid))
            count[pid] = count.get(pid, 0) + 1

    for lock in instance.locked:
        book(lock.request, lock.slot, lock.place)
    locked = {lk.request for lk in instance.locked}
    order = sorted((r for r in instance.requests if r.id not in locked), key=lambda r: -r.priority)
    for i, req in enumerate(order):
        if deadline is not None and (i & 63) == 0 and time.perf_counter() > deadline:
            return None
        if any(
            parties[p].max_meetings is not None
            and count.get(p, 0) >= (parties[p].max_meetings or 0)
            for p in req.parties
        ):
            continue
        for slot in instance.slots:
            if any((p, slot.id) in busy or slot.id in parties[p].unavailable for p in req.parties):
                continue
            if req.places:
                free = next(
                    (lid for lid in req.places if used.get((lid, slot.id), 0) < capacity[lid]),
                    None,
                )
            else:
                # Places only fill up in this baseline, so a cursor per slot skips full ones.
                i = cursor.get(slot.id, 0)
                while (
                    i < len(all_places)
                    and used.get((all_places[i], slot.id), 0) >= capacity[all_places[i]]
                ):
                    i += 1
                cursor[slot.id] = i
                free = all_places[i] if i < len(all_places) else None
            if free is not None:
                book(req.id, slot.id, free)
                break
    placed = {m.request for m in meetings}
    weight = sum(requests[m.request].priority for m in meetings)
    return Result(
        meetings=tuple(meetings),
        unscheduled=tuple(r.id for r in instance.requests if r.id not in placed),
        weight=weight,
        upper_bound=sum(r.priority for r in instance.requests),
        seconds=time.perf_counter() - started,
        method="greedy",
    )
