"""The Oudin-Santini headroom: 1 % of each budget, separately, less what was given; a pure
function, tested by hand computations and by properties over any budgets."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cityties.solidarity.headroom import BUDGETS, ceiling, headroom

D = Decimal
amounts = st.decimals(min_value=0, max_value=D("999999999.99"), places=2)
budgets = st.fixed_dictionaries({}, optional=dict.fromkeys(BUDGETS, amounts))
givens = st.fixed_dictionaries({}, optional=dict.fromkeys(BUDGETS, amounts))


def test_caen_by_hand():
    # Water 12 480 000.00, sanitation 8 250 000.00, waste 3 000 050.00; 40 000 given for
    # sanitation: 124 800.00, 82 500 - 40 000 = 42 500.00, 30 000.50.
    room = headroom(
        {"water": D("12480000.00"), "sanitation": D("8250000.00"), "waste": D("3000050.00")},
        {"sanitation": D("40000.00")},
    )
    assert room.line("water").remaining == D("124800.00")
    assert room.line("sanitation").remaining == D("42500.00")
    assert room.line("waste").remaining == D("30000.50")
    assert room.remaining == D("197300.50")


def test_the_ceiling_rounds_down_to_the_cent():
    assert ceiling(D("199.99")) == D("1.99")
    assert ceiling(D("0.99")) == D("0.00")


def test_what_one_budget_leaves_never_adds_to_another():
    room = headroom({"water": D("1000000"), "sanitation": D("0")}, {"sanitation": D("0")})
    assert room.line("water").remaining == D("10000.00")
    assert room.line("sanitation").remaining == D("0.00")
    assert not room.line("sanitation").allows(D("0.01"))


def test_no_budget_entered_allows_nothing():
    line = headroom({}, {"waste": D("10")}).line("waste")
    assert line.remaining is None and line.excess == D("10")
    assert not line.allows(D("0.01"))


def test_given_beyond_the_ceiling_is_shown_as_an_excess():
    line = headroom({"water": D("100000")}, {"water": D("1500")}).line("water")
    assert line.remaining == D("0") and line.excess == D("500.00")


@pytest.mark.parametrize(
    "budgets, given",
    [({"water": D("-1")}, {}), ({}, {"water": D("-1")}), ({"gas": D("1")}, {})],
)
def test_bad_input_is_refused(budgets, given):
    with pytest.raises(ValueError):
        headroom(budgets, given)


@given(budgets, givens)
def test_the_remainder_and_what_was_given_make_the_ceiling(budgets, given):
    for line in headroom(budgets, given).lines:
        if line.ceiling is None:
            assert line.remaining is None
            continue
        assert line.remaining is not None and line.remaining >= 0 and line.excess >= 0
        assert line.remaining - line.excess == line.ceiling - line.given


@given(budgets, givens)
def test_the_ceiling_never_passes_one_percent(budgets, given):
    for line in headroom(budgets, given).lines:
        if line.amount is not None:
            assert line.ceiling is not None
            assert line.ceiling * 100 <= line.amount < (line.ceiling + D("0.01")) * 100


@given(budgets, givens, st.sampled_from(BUDGETS), amounts)
def test_each_budget_is_counted_separately(budgets, given, name, other):
    before = headroom(budgets, given)
    after = headroom({**budgets, name: other}, given)
    for a, b in zip(before.lines, after.lines, strict=True):
        if a.budget != name:
            assert a == b


@given(budgets, givens, st.sampled_from(BUDGETS), amounts)
def test_a_pledge_within_the_remainder_keeps_the_total_within_the_ceiling(
    budgets, given, name, pledge
):
    line = headroom(budgets, given).line(name)
    if line.allows(pledge):
        assert line.ceiling is not None
        assert line.given + pledge <= line.ceiling or line.given > line.ceiling
