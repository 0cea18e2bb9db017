from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cityties.solvers.meetings import (
    greedy,
    parse_instance,
    schedule_weight,
    solve,
    violations,
)
from cityties.solvers.tests.reference import milp_optimum, random_instance
from cityties.solvers.tests.strategies import brute_force_optimum, instances, slot_json

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(instances())
def test_every_engine_schedule_respects_every_rule(data: dict[str, Any]) -> None:
    inst = parse_instance(data)
    res = solve(inst, time_limit=5)
    assert violations(inst, res.meetings) == []
    assert schedule_weight(inst, res.meetings) == res.weight


@FAST
@given(instances())
def test_weight_never_exceeds_the_bound(data: dict[str, Any]) -> None:
    res = solve(parse_instance(data), time_limit=5)
    assert res.weight <= res.upper_bound + 1e-9


@FAST
@given(instances())
def test_greedy_never_beats_the_engine(data: dict[str, Any]) -> None:
    inst = parse_instance(data)
    base = greedy(inst)
    assert violations(inst, base.meetings) == []
    assert solve(inst, time_limit=5).weight >= base.weight


@FAST
@given(instances(), st.randoms(use_true_random=False))
def test_locked_meetings_are_kept(data: dict[str, Any], rnd: Any) -> None:
    inst = parse_instance(data)
    first = solve(inst, time_limit=5)
    keep = [m for m in first.meetings if rnd.random() < 0.5]
    data = {
        **data,
        "locked": [{"request": m.request, "slot": m.slot, "place": m.place} for m in keep],
    }
    locked = parse_instance(data)
    res = solve(locked, time_limit=5)
    assert violations(locked, res.meetings) == []
    placed = {m.request: m for m in res.meetings}
    for m in keep:
        assert placed[m.request] == m


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_requests=4))
def test_engine_matches_exhaustive_optimum_on_tiny_instances(data: dict[str, Any]) -> None:
    data["slots"] = data["slots"][:3]
    for p in data["parties"]:
        p["unavailable"] = [s for s in p["unavailable"] if s in {x["id"] for x in data["slots"]}]
    inst = parse_instance(data)
    res = solve(inst, time_limit=5)
    best = brute_force_optimum(inst)
    assert res.weight == best
    assert res.upper_bound >= best


def test_request_with_three_parties_blocks_all_three() -> None:
    data = {
        "slots": [slot_json(0)],
        "places": [{"id": "t1", "capacity": 5}],
        "parties": [{"id": x} for x in ("city", "company", "chamber")],
        "requests": [
            {"id": "table", "parties": ["city", "company", "chamber"], "priority": 3},
            {"id": "pair", "parties": ["company", "chamber"], "priority": 2},
        ],
    }
    res = solve(parse_instance(data))
    assert [m.request for m in res.meetings] == ["table"]
    assert res.unscheduled == ("pair",)


def test_request_uses_one_of_its_named_places() -> None:
    data = {
        "slots": [slot_json(0), slot_json(1)],
        "places": [{"id": "hall", "capacity": 3}, {"id": "stand", "capacity": 1}],
        "parties": [{"id": f"p{i}"} for i in range(4)],
        "requests": [
            {"id": "a", "parties": ["p0", "p1"], "places": ["stand"]},
            {"id": "b", "parties": ["p2", "p3"], "places": ["stand"]},
        ],
    }
    res = solve(parse_instance(data))
    assert {m.place for m in res.meetings} == {"stand"}
    assert len({m.slot for m in res.meetings}) == 2


def test_higher_priority_wins_a_contested_slot() -> None:
    data = {
        "slots": [slot_json(0)],
        "places": [{"id": "t", "capacity": 1}],
        "parties": [{"id": f"p{i}"} for i in range(4)],
        "requests": [
            {"id": "low", "parties": ["p0", "p1"], "priority": 1},
            {"id": "high", "parties": ["p2", "p3"], "priority": 3},
        ],
    }
    res = solve(parse_instance(data))
    assert [m.request for m in res.meetings] == ["high"]
    assert res.upper_bound == 3


def test_idle_gaps_are_compacted_without_losing_weight() -> None:
    data = {
        "slots": [slot_json(i) for i in range(4)],
        "places": [{"id": "t", "capacity": 2}],
        "parties": [{"id": "city"}, {"id": "a"}, {"id": "b"}],
        "requests": [
            {"id": "r1", "parties": ["city", "a"]},
            {"id": "r2", "parties": ["city", "b"]},
        ],
        "locked": [],
    }
    res = solve(parse_instance(data))
    assert res.weight == 2
    assert res.idle_gaps == 0


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("locks", [False, True])
def test_engine_reaches_the_milp_optimum_on_small_random_instances(seed: int, locks: bool) -> None:
    inst = parse_instance(random_instance(seed, requests=30, locks=locks))
    best = milp_optimum(inst)
    res = solve(inst, time_limit=10)
    assert violations(inst, res.meetings) == []
    assert res.weight == pytest.approx(best)
    assert res.upper_bound >= best - 1e-9
    assert res.extra["greedy_checked"]
