"""Hypothesis strategies and helpers shared by the scheduler tests."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

from cityties.solvers.meetings import Instance, Meeting, violations

T0 = datetime(2016, 11, 17, 9, 0, tzinfo=timezone(timedelta(hours=-5)))


def slot_json(i: int, per_day: int = 4) -> dict[str, str]:
    start = T0 + timedelta(days=i // per_day, minutes=20 * (i % per_day))
    return {
        "id": f"s{i}",
        "start": start.isoformat(),
        "end": (start + timedelta(minutes=20)).isoformat(),
    }


@st.composite
def instances(draw: st.DrawFn, max_requests: int = 8) -> dict[str, Any]:
    n_slots = draw(st.integers(1, 6))
    n_places = draw(st.integers(1, 3))
    n_parties = draw(st.integers(2, 6))
    slots = [slot_json(i) for i in range(n_slots)]
    slot_ids = [s["id"] for s in slots]
    places = [{"id": f"t{i}", "capacity": draw(st.integers(0, 2))} for i in range(n_places)]
    parties = []
    for i in range(n_parties):
        p: dict[str, Any] = {
            "id": f"p{i}",
            "unavailable": draw(st.lists(st.sampled_from(slot_ids), unique=True)),
        }
        if draw(st.booleans()):
            p["max_meetings"] = draw(st.integers(0, 3))
        parties.append(p)
    requests = []
    for i in range(draw(st.integers(0, max_requests))):
        members = draw(
            st.lists(
                st.sampled_from([p["id"] for p in parties]), min_size=2, max_size=3, unique=True
            )
        )
        r: dict[str, Any] = {"id": f"r{i}", "parties": members, "priority": draw(st.integers(1, 3))}
        if draw(st.integers(0, 3)) == 0:
            r["places"] = draw(
                st.lists(st.sampled_from([p["id"] for p in places]), min_size=1, unique=True)
            )
        requests.append(r)
    return {"slots": slots, "places": places, "parties": parties, "requests": requests}


def brute_force_optimum(instance: Instance) -> float:
    """Exhaustive search over every assignment; only for tiny instances."""
    options: list[list[Meeting | None]] = []
    locks = {lk.request: lk for lk in instance.locked}
    for req in instance.requests:
        if req.id in locks:
            lk = locks[req.id]
            options.append([Meeting(req.id, lk.slot, lk.place)])
            continue
        places = req.places or tuple(p.id for p in instance.places)
        options.append(
            [None] + [Meeting(req.id, s.id, lid) for s in instance.slots for lid in places]
        )
    weight = {r.id: r.priority for r in instance.requests}
    best = 0.0
    for combo in itertools.product(*options):
        chosen = [m for m in combo if m is not None]
        w = sum(weight[m.request] for m in chosen)
        if w > best and not violations(instance, chosen):
            best = w
    return best
