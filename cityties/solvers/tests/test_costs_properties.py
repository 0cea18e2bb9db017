"""Properties of the allocation engine for any valid input (hypothesis)."""

from __future__ import annotations

import copy
import random
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cityties.solvers.costs import allocate, parse_input, result_to_json, violations
from cityties.solvers.tests.costs_reference import reference
from cityties.solvers.tests.costs_strategies import inputs

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(inputs())
def test_every_result_keeps_every_invariant(data: dict[str, Any]) -> None:
    inp = parse_input(data)
    assert violations(inp, allocate(inp)) == []


@FAST
@given(inputs())
def test_shares_add_up_exactly_to_each_item(data: dict[str, Any]) -> None:
    res = allocate(parse_input(data))
    for item in res.items:
        assert sum(item.shares.values(), Decimal(0)) + sum(item.covered.values(), Decimal(0)) == (
            item.amount
        )
        assert all(v >= 0 for v in item.shares.values())


@FAST
@given(inputs())
def test_no_subsidy_passes_a_cap_a_window_or_the_cost(data: dict[str, Any]) -> None:
    inp = parse_input(data)
    res = allocate(inp)
    people = {p.id: p for p in inp.participants}
    for pres in res.participants:
        assert pres.net >= 0
        windowed = people[pres.id].aid_received
        given_so_far = Decimal(0)
        for rule in inp.subsidies:
            amount = pres.subsidies[rule.id]
            assert amount >= 0
            if rule.cap_per_participant is not None:
                assert amount <= rule.cap_per_participant
            if rule.window is not None:
                windowed += amount
                assert amount == 0 or windowed <= rule.window.limit
            assert amount <= pres.gross - given_so_far
            given_so_far += amount
    for rule in inp.subsidies:
        if rule.cap_total is not None:
            assert res.funders[rule.id] <= rule.cap_total


@FAST
@given(inputs())
def test_the_total_balances(data: dict[str, Any]) -> None:
    res = allocate(parse_input(data))
    nets = sum((p.net for p in res.participants), Decimal(0))
    funders = sum(res.funders.values(), Decimal(0))
    items = sum((it.amount for it in res.items), Decimal(0))
    assert res.total == items == nets + funders


@FAST
@given(inputs(), st.randoms(use_true_random=False))
def test_shuffling_participants_shares_and_covers_changes_nothing(
    data: dict[str, Any], rnd: random.Random
) -> None:
    shuffled = copy.deepcopy(data)
    rnd.shuffle(shuffled["participants"])
    for item in shuffled["items"]:
        rnd.shuffle(item["shares"])
        rnd.shuffle(item.get("covered", []))
    first, second = allocate(parse_input(data)), allocate(parse_input(shuffled))
    assert second == first
    assert result_to_json(second) == result_to_json(first)


@FAST
@given(inputs())
def test_the_engine_agrees_with_a_literal_reading_of_the_rules(data: dict[str, Any]) -> None:
    inp = parse_input(data)
    res = allocate(inp)
    shares, subsidies = reference(inp)
    assert {it.id: {k: Fraction(v) for k, v in it.shares.items()} for it in res.items} == shares
    assert {
        p.id: {k: Fraction(v) for k, v in p.subsidies.items()} for p in res.participants
    } == subsidies
