"""The optimiser: greedy construction, ejection-chain repair, exact model when small.

Pipeline of `solve`:
1. The residual problem (`state`): places are merged into classes of interchangeable
   places (same membership in every request's allowed-place set); a class holds `sum of
   capacities` meetings per slot. Locked meetings consume their place, slot and party
   capacity up front, so every later phase works on the residual problem only: the free
   requests that can still be placed (a re-plan with thousands of locks and a few
   hundred requests to move is small).
2. Bound (`bound`): an aggregate LP (party degrees, place-class capacity) solved by HiGHS.
3. Construction: requests by LP value and weight, most constrained first, each into a free
   slot chosen next to its parties' other meetings. Slots and busy-ness are bit masks.
4. Exact model (`slot_model`) when the residual problem is small (<= EXACT_MAX_VARS
   variables): the
   slot-indexed MILP x[r, s] (x[r, s, class] when allowed-place sets are not laminar),
   started from the heuristic schedule; its dual bound tightens the bound.
5. Repair (`repair`): each unplaced request tries every slot, relocating the meetings that block it
   (depth-limited ejection chains), or evicting strictly lighter ones (weight only grows).
   Rounds repeat while they pay; a phase stops after a while without any gain.
6. LP relaxation of the slot model for mid-size instances when a gap remains.
7. Compaction (`compaction`): meetings move to slots that reduce idle gaps, never changing
   the weight.
8. Safety net: the greedy baseline runs in the time left and wins if it is better.

Guarantees: the weight never decreases from one phase to the next, and the upper bound
is always locked weight + a proven bound of the residual problem. `solve()` never returns
less weight than `greedy()` when no time limit is given; with one, the same holds whenever
`Result.extra["greedy_checked"]` is True, i.e. when the schedule is proven optimal or the
baseline finished before the time limit (the phases above leave it most of the budget on
the benchmark instances, so it is False only when the time limit is very tight).

The tuning constants (sizes, shares of the time budget, search breadths) are in `tuning`.
"""

from __future__ import annotations

import math
import time

from .bound import aggregate_bound
from .check import idle_gaps
from .compaction import compact
from .greedy import greedy_until
from .model import Instance, Result
from .repair import State, repair
from .slot_model import apply_solution, build_slot_model, model_shape, solve_slot_model
from .tuning import (
    AGGREGATE_LP_MIN_SECONDS,
    AGGREGATE_LP_SHARE,
    COMPACT_MIN_SECONDS,
    COMPACT_SHARE,
    DEFAULT_TIME_LIMIT,
    EXACT_MAX_VARS,
    HIGHS_MIN_SECONDS,
    LP_MAX_VARS,
    LP_MIN_LEFT_SHARE,
    LP_SHARE_OF_LEFT,
    MILP_MIN_LEFT_SECONDS,
    MILP_SHARE_OF_LEFT,
    MIN_TIME_LIMIT,
    REPAIR1_UNTIL_SHARE,
    REPAIR2_UNTIL_SHARE,
    REPAIR_STALL_MIN_SECONDS,
    REPAIR_STALL_SHARE,
)


def _integral(instance: Instance) -> bool:
    return all(float(r.priority).is_integer() for r in instance.requests)


def solve(instance: Instance, time_limit: float | None = None) -> Result:
    """Schedule the accepted requests of a validated instance.

    `time_limit` (seconds, default `tuning.DEFAULT_TIME_LIMIT`) bounds the optional phases
    (exact model, repair, LP bound, compaction, safety net); the construction and the
    aggregate bound always run.
    """
    started = time.perf_counter()
    budget = DEFAULT_TIME_LIMIT if time_limit is None else max(MIN_TIME_LIMIT, time_limit)
    deadline = started + budget
    st = State(instance)
    locked_weight = st.weight()
    integral = _integral(instance)
    phases: dict[str, object] = {}

    def mark(name: str) -> None:
        phases[name] = [round(time.perf_counter() - started, 3), st.weight()]

    def tidy(b: float) -> float:
        return math.floor(b + 1e-6) if integral else b * (1 + 1e-9) + 1e-9

    # Only the residual problem is solved: locked meetings consumed their capacity in
    # State, and requests that can never be placed next to them have no candidate slot.
    live = [r for r in range(st.n_req) if st.cand[r]]
    chains, n_vars = model_shape(st, live)

    # The aggregate LP is cheap and its solution says which requests the degree limits
    # favour: construct those first (heaviest first), then the rest.
    bound_lp, y = aggregate_bound(
        st, live, max(AGGREGATE_LP_MIN_SECONDS, budget * AGGREGATE_LP_SHARE)
    )
    bound = tidy(locked_weight + bound_lp)
    order = list(live)
    flex = [st.cand[r].bit_count() for r in range(st.n_req)]
    order.sort(key=lambda r: (-round(y[r], 3), -st.req_weight[r], flex[r], r))
    for r in order:
        st.try_place(r)
    st.log.clear()
    method = "lp-guided greedy+repair"
    mark("construct")

    def gap() -> bool:
        return st.weight() < bound - 1e-6

    def left() -> float:
        return deadline - time.perf_counter()

    def run_model(integer: bool, share: float) -> None:
        nonlocal bound, method
        model = build_slot_model(st, live, chains)
        lp = solve_slot_model(st, model, integer, max(HIGHS_MIN_SECONDS, left() * share), integral)
        if lp is None:
            return
        if lp.status_optimal or integer:
            bound = min(bound, tidy(locked_weight + lp.dual_bound))
        weight = st.weight() - locked_weight
        if integer and lp.x is not None and lp.objective > weight + 1e-9:
            if apply_solution(st, model, lp.x):
                method = "milp"
            st.log.clear()

    # Small residual problems (re-plans, small events): the exact slot-indexed MILP.
    if gap() and 0 < n_vars <= EXACT_MAX_VARS and left() > MILP_MIN_LEFT_SECONDS:
        run_model(integer=True, share=MILP_SHARE_OF_LEFT)
        mark("milp")

    stall = max(REPAIR_STALL_MIN_SECONDS, REPAIR_STALL_SHARE * budget)

    if gap():
        repair(
            st,
            order,
            y,
            depth=1,
            until=started + budget * REPAIR1_UNTIL_SHARE,
            stall=stall,
            bound=bound,
        )
        mark("repair1")
    if gap() and left() > 0:
        repair(
            st,
            order,
            y,
            depth=2,
            until=started + budget * REPAIR2_UNTIL_SHARE,
            stall=stall,
            bound=bound,
        )
        mark("repair2")
    # A tighter bound from the slot-indexed LP when a gap is left and the model fits.
    if gap() and EXACT_MAX_VARS < n_vars <= LP_MAX_VARS and left() > LP_MIN_LEFT_SHARE * budget:
        run_model(integer=False, share=LP_SHARE_OF_LEFT)
        mark("lp")
    weight = st.weight()
    if bound < weight <= bound + 1e-6 * max(1.0, weight):
        bound = weight  # LP tolerance on an optimal schedule, not a real excess
    # Compaction is a secondary objective: a small share of the budget.
    compact(
        st, min(deadline, time.perf_counter() + max(COMPACT_MIN_SECONDS, COMPACT_SHARE * budget))
    )
    mark("compact")
    meetings = st.meetings()
    gaps = st.idle_gaps()
    # Safety net: the baseline must never win. It runs in the time left (it is much faster
    # than the phases above); if the time limit cuts it short, the result says so.
    greedy_checked = weight >= bound - 1e-6
    if not greedy_checked:
        base = greedy_until(instance, deadline if time_limit is not None else None)
        if base is not None:
            greedy_checked = True
            if base.weight > weight + 1e-9:
                meetings, weight, method = list(base.meetings), base.weight, "greedy"
                gaps = idle_gaps(instance, meetings)
        mark("greedy")
    placed = {m.request for m in meetings}
    return Result(
        meetings=tuple(meetings),
        unscheduled=tuple(r.id for r in instance.requests if r.id not in placed),
        weight=weight,
        upper_bound=bound,
        seconds=time.perf_counter() - started,
        method=method,
        idle_gaps=gaps,
        extra={"greedy_checked": greedy_checked, "phases": phases},
    )
