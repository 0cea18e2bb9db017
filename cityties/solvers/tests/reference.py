"""Test helpers independent from the engine: a random instance generator and the exact
optimum of an instance from a plain x[request, slot, place] MILP solved by HiGHS."""

from __future__ import annotations

import random
from typing import Any

import highspy
import numpy as np

from cityties.solvers.meetings import Instance, greedy, parse_instance
from cityties.solvers.tests.strategies import slot_json


def random_instance(seed: int, requests: int = 30, locks: bool = False) -> dict[str, Any]:
    """A small random instance: 2 days, random place subsets (not laminar), limits, and
    optionally some meetings of the greedy schedule locked."""
    rng = random.Random(seed)
    per_day = rng.randint(3, 5)
    slots = [slot_json(i, per_day) for i in range(2 * per_day)]
    slot_ids = [s["id"] for s in slots]
    places = [{"id": f"t{i}", "capacity": rng.randint(1, 2)} for i in range(rng.randint(2, 4))]
    parties = []
    for i in range(rng.randint(6, 12)):
        party: dict[str, Any] = {
            "id": f"p{i}",
            "unavailable": rng.sample(slot_ids, rng.randint(0, len(slot_ids) // 3)),
        }
        if rng.random() < 0.5:
            party["max_meetings"] = rng.randint(1, 4)
        parties.append(party)
    reqs = []
    for i in range(requests):
        members = rng.sample([p["id"] for p in parties], rng.choice((2, 2, 2, 3)))
        req: dict[str, Any] = {"id": f"r{i}", "parties": members, "priority": rng.randint(1, 3)}
        if rng.random() < 0.4:
            req["places"] = rng.sample([p["id"] for p in places], rng.randint(1, len(places)))
        reqs.append(req)
    data = {"slots": slots, "places": places, "parties": parties, "requests": reqs}
    if locks:
        kept = greedy(parse_instance(data)).meetings
        data["locked"] = [
            {"request": m.request, "slot": m.slot, "place": m.place}
            for m in kept
            if rng.random() < 0.4
        ]
    return data


def milp_optimum(instance: Instance) -> float:
    """The maximum total priority, from scratch: one binary per (request, slot, place)."""
    parties = {p.id: p for p in instance.parties}
    locks = {lk.request: lk for lk in instance.locked}
    var: list[tuple[int, str, str]] = []  # (request index, slot, place)
    lower: list[float] = []
    for r_i, req in enumerate(instance.requests):
        for slot in instance.slots:
            if any(slot.id in parties[p].unavailable for p in req.parties):
                continue
            for place in instance.places:
                if req.places and place.id not in req.places:
                    continue
                lock = locks.get(req.id)
                if lock is not None and (lock.slot, lock.place) != (slot.id, place.id):
                    continue
                var.append((r_i, slot.id, place.id))
                lower.append(1.0 if lock is not None else 0.0)
    if not var:
        return 0.0
    rows: dict[tuple[str, ...], list[int]] = {}
    bound: dict[tuple[str, ...], float] = {}
    for j, (r_i, sid, lid) in enumerate(var):
        req = instance.requests[r_i]
        rows.setdefault(("request", req.id), []).append(j)
        bound[("request", req.id)] = 1
        rows.setdefault(("place", lid, sid), []).append(j)
        bound[("place", lid, sid)] = next(p.capacity for p in instance.places if p.id == lid)
        for pid in req.parties:
            rows.setdefault(("busy", pid, sid), []).append(j)
            bound[("busy", pid, sid)] = 1
            limit = parties[pid].max_meetings
            if limit is not None:
                rows.setdefault(("limit", pid), []).append(j)
                bound[("limit", pid)] = limit
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("mip_rel_gap", 0.0)
    n = len(var)
    h.addVars(n, np.array(lower), np.ones(n))
    h.changeColsCost(
        n,
        np.arange(n, dtype=np.int32),
        np.array([float(instance.requests[r].priority) for r, _, _ in var]),
    )
    h.changeColsIntegrality(
        n, np.arange(n, dtype=np.int32), np.full(n, highspy.HighsVarType.kInteger)
    )
    for key, cols in rows.items():
        h.addRow(
            -highspy.kHighsInf,
            float(bound[key]),
            len(cols),
            np.array(cols, np.int32),
            np.ones(len(cols)),
        )
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.run()
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal, h.getModelStatus()
    return float(h.getInfo().objective_function_value)
