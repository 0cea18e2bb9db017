"""Properties of the homestay engine on any valid input (hypothesis), and its optimum
against a brute force on small inputs."""

from __future__ import annotations

import copy
import itertools
import random
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cityties.solvers.homestays import (
    InvalidInput,
    assign,
    parse_input,
    result_to_json,
    violations,
)

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DAY0 = date(2016, 11, 14)


def day(i: int) -> str:
    return (DAY0 + timedelta(days=i)).isoformat()


@st.composite
def inputs(draw: st.DrawFn, max_hosts: int = 3, max_guests: int = 6) -> dict[str, Any]:
    """Small inputs touching every rule; locks that would be refused are dropped."""
    n_hosts = draw(st.integers(0, max_hosts))
    n_guests = draw(st.integers(1, max_guests))
    languages = st.lists(st.sampled_from(["fr", "en", "es"]), min_size=0, max_size=2)
    hosts = []
    for i in range(n_hosts):
        start = draw(st.integers(0, 2))
        host: dict[str, Any] = {
            "id": f"h{i}",
            "beds": draw(st.integers(0, 3)),
            "from": day(start),
            "to": day(draw(st.integers(start + 1, 5))),
            "languages": draw(languages),
            "pets": draw(st.booleans()),
            "smoking": draw(st.booleans()),
            "same_gender_only": draw(st.booleans()),
        }
        if draw(st.booleans()):
            host["genders"] = draw(st.lists(st.sampled_from(["f", "m"]), unique=True))
        if draw(st.booleans()):
            host["minutes_to_venue"] = draw(st.integers(0, 60))
        hosts.append(host)
    guests = []
    for i in range(n_guests):
        arrive = draw(st.integers(0, 3))
        guest: dict[str, Any] = {
            "id": f"g{i}",
            "arrive": day(arrive),
            "leave": day(draw(st.integers(arrive + 1, 5))),
            "languages": draw(languages),
            "pet_allergy": draw(st.booleans()),
            "non_smoking": draw(st.booleans()),
            "priority": draw(st.integers(0, 4)),
        }
        gender = draw(st.sampled_from(["f", "m", "f", "m", None]))
        if gender is not None:
            guest["gender"] = gender
        if draw(st.booleans()):
            guest["max_minutes"] = draw(st.integers(0, 60))
        others = [f"g{j}" for j in range(n_guests) if j != i]
        if others:
            guest["with"] = draw(st.lists(st.sampled_from(others), max_size=2, unique=True))
        guests.append(guest)
    locks: list[dict[str, str]] = []
    if hosts:
        for g in draw(st.lists(st.integers(0, n_guests - 1), max_size=2, unique=True)):
            locks.append({"guest": f"g{g}", "host": f"h{draw(st.integers(0, n_hosts - 1))}"})
    data = {"hosts": hosts, "guests": guests, "locked": locks}
    while data["locked"]:
        try:
            parse_input(data)
            break
        except InvalidInput:
            data["locked"] = data["locked"][:-1]
    return data


def brute_force(data: dict[str, Any]) -> tuple[int, int]:
    """The best (priority, pairs) over every assignment, each checked by ``violations``."""
    from cityties.solvers.homestays.model import Assignment, Result

    inp = parse_input(data)
    choices = [None, *(h.id for h in inp.hosts)]
    best = (-1, -1)
    pairs = inp.pairs
    priority_of = {g.id: g.priority for g in inp.guests}
    for combo in itertools.product(choices, repeat=len(inp.guests)):
        host_of = {g.id: h for g, h in zip(inp.guests, combo, strict=True) if h is not None}
        score = (
            sum(priority_of[g] for g in host_of),
            sum(1 for a, b in pairs if a in host_of and host_of.get(b) == host_of[a]),
        )
        if score <= best:
            continue
        result = Result(
            assignments=tuple(Assignment(g, h) for g, h in host_of.items()),
            unplaced=(),
            placed=len(host_of),
            priority=score[0],
            pairs=score[1],
            upper_bound=score[0],
            pairs_upper_bound=score[1],
            seconds=0,
            method="brute force",
        )
        # Only rule breaches count here (unplaced guests are not listed).
        if not [v for v in violations(inp, result) if "unplaced" not in v]:
            best = score
    return best


@FAST
@given(inputs())
def test_every_result_keeps_every_rule_and_states_true_figures(data: dict[str, Any]) -> None:
    inp = parse_input(data)
    assert violations(inp, assign(inp)) == []


@FAST
@given(inputs())
def test_locks_are_kept(data: dict[str, Any]) -> None:
    host_of = assign(parse_input(data)).host_of()
    for lock in data["locked"]:
        assert host_of[lock["guest"]] == lock["host"]


@FAST
@given(inputs())
def test_the_priority_placed_never_passes_the_bound(data: dict[str, Any]) -> None:
    result = assign(parse_input(data))
    assert result.priority <= result.upper_bound
    assert result.upper_bound <= sum(g["priority"] for g in data["guests"])


@FAST
@given(inputs(), st.randoms(use_true_random=False))
def test_shuffling_the_input_changes_neither_priority_nor_pairs(
    data: dict[str, Any], rnd: random.Random
) -> None:
    shuffled = copy.deepcopy(data)
    for key in ("hosts", "guests", "locked"):
        rnd.shuffle(shuffled[key])
    for guest in shuffled["guests"]:
        rnd.shuffle(guest.get("with", []))
    a, b = assign(parse_input(data)), assign(parse_input(shuffled))
    assert (a.priority, a.pairs) == (b.priority, b.pairs)


@FAST
@given(inputs())
def test_the_result_is_the_brute_force_optimum(data: dict[str, Any]) -> None:
    result = assign(parse_input(data))
    assert (result.priority, result.pairs) == brute_force(data)
    assert result.method == "exact"
    assert result.upper_bound == result.priority


@FAST
@given(inputs())
def test_every_unplaced_guest_has_reasons_in_words(data: dict[str, Any]) -> None:
    out = result_to_json(assign(parse_input(data)))
    for entry in out["unplaced"]:
        assert entry["reasons"] and all(isinstance(r, str) and r for r in entry["reasons"])
        assert [c["code"] for c in entry["codes"]]
