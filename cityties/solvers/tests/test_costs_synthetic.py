"""The synthetic pavilion the benchmark and the page timings are built on."""

from __future__ import annotations

from cityties.solvers.costs import allocate, parse_input, violations
from cityties.solvers.costs.synthetic import build_instance


def test_the_default_village_has_the_benchmark_sizes_and_allocates_soundly() -> None:
    data = build_instance()
    inp = parse_input(data)
    assert len(inp.participants) == 300
    assert sum(1 for it in inp.items if it.kind == "stand") == 150
    assert len(inp.items) == 190
    assert len(inp.subsidies) == 6
    assert {len(it.shares) for it in inp.items if it.kind == "stand"} == {1, 2, 3, 4}
    assert {it.split for it in inp.items if it.kind == "stand"} == {"area", "equal", "days"}
    res = allocate(inp)
    assert violations(inp, res) == []
    assert all(res.funders[r.id] > 0 for r in inp.subsidies)


def test_the_village_is_the_same_for_a_seed_and_differs_across_seeds() -> None:
    assert build_instance(seed=3) == build_instance(seed=3)
    assert build_instance(seed=3) != build_instance(seed=4)


def test_the_sizes_follow_the_arguments() -> None:
    inp = parse_input(build_instance(participants=40, stands=10, others=5, rules=8))
    assert (len(inp.participants), len(inp.items), len(inp.subsidies)) == (40, 15, 8)
    assert violations(inp, allocate(inp)) == []
