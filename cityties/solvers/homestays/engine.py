"""The assignment: the heuristic first, then the exact model within the time limit,
keeping the best assignment found and the best bounds proven.

When the heuristic has not met the simple bound, the priority-only model goes first
(its LP relaxation, rounded, then the MILP). Then, up to ``EXACT_COLUMNS`` columns, the
whole lexicographic model (priority, then pairs) the same way; above, its LP relaxation
alone, rounded (up to ``LP_COLUMNS``), then small exact pieces (``lns``) bring
colleagues together for the time left. HiGHS gets no start (see
``highs.solve``): an assignment it finds replaces the current one only when better.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from . import lns
from .bound import capacity_bound, columns, pairs_bound, priority_bound
from .greedy import fill, heuristic, improve_pairs, rounded
from .highs import solve
from .milp import Formulation
from .model import Assignment, Input, Result, Unplaced
from .pairs import bring_together
from .parse import check_input
from .problem import Problem, State
from .reasons import explain

#: The budget when the caller gives none (seconds).
DEFAULT_TIME_LIMIT = 8.0
#: Share of the budget the heuristic may use; of the rest, the priority-only model's.
HEURISTIC_SHARE = 0.15
PRIORITY_SHARE = 0.6
#: Shares of the time left for an LP relaxation, and for rounding it.
LP_SHARE = 0.4
ROUND_SHARE = 0.1
#: Largest model (x and pair columns) solved whole; up to LP_COLUMNS its LP relaxation
#: is solved and rounded (within LARGE_LP_SHARE of the time left, when at least
#: LARGE_LP_MIN_SECONDS are left after building it).
EXACT_COLUMNS = 25_000
LP_COLUMNS = 250_000
LARGE_LP_SHARE = 0.75
LARGE_LP_MIN_SECONDS = 1.0


def _feasible(problem: Problem, host_of: list[int]) -> State | None:
    """The assignment as a state, or None if it breaks a rule (a rounding accident)."""
    state = State(problem)
    for g, h in enumerate(host_of):
        if h < 0:
            continue
        if h not in problem.candidate_sets[g] or not state.fits(g, h):
            return None
        state.place(g, h)
    if any(state.host_of[g] != h for g, h in problem.locked.items()):
        return None
    return state


def _floor(bound: float) -> int | None:
    return math.floor(bound + 1e-6) if math.isfinite(bound) else None


class _Search:
    def __init__(self, problem: Problem, budget: float) -> None:
        self.t0 = time.perf_counter()
        self.deadline = self.t0 + budget
        self.p = problem
        self.state = heuristic(problem, self.t0 + budget * HEURISTIC_SHARE)
        self.upper = priority_bound(problem)
        if self.state.priority() < self.upper:
            self.upper = min(self.upper, capacity_bound(problem) or self.upper)
        self.pairs_upper = pairs_bound(problem)

    def left(self) -> float:
        return self.deadline - time.perf_counter()

    def adopt(self, host_of: list[int]) -> None:
        found = _feasible(self.p, host_of)
        if found is not None and found.score() > self.state.score():
            fill(found)
            self.state = found

    def _relaxation(self, model: Formulation, share: float = LP_SHARE) -> int | None:
        """Solve the LP relaxation and round it; returns the proven bound (floor of the
        LP's objective) or None when the LP could not be solved in time."""
        left = self.left()
        lp = solve(model.model, left * share, integer=False)
        if lp is None or not lp.optimal or lp.x is None:
            return None
        found = rounded(self.p, model.ranked(lp.x), time.perf_counter() + left * ROUND_SHARE)
        if found.score() > self.state.score():
            self.state = found
        return _floor(lp.objective)

    def _value(self, model: Formulation) -> int:
        return model.weight * self.state.priority() + (
            self.state.pairs() if model.weight > 1 else 0
        )

    def run(self, model: Formulation, seconds: float) -> int | None:
        """The model's LP, its rounding, then (unless that is proven optimal) the MILP
        from the best assignment; returns the proven bound on the model's objective."""
        bound = self._relaxation(model)
        if bound is not None and self._value(model) >= bound:
            return bound
        solved = solve(model.model, min(seconds, self.left()))
        if solved is None:
            return bound
        if solved.x is not None:
            found = _feasible(self.p, model.assignment(solved.x))
            if found is not None and found.score() > self.state.score():
                if model.weight == 1:
                    bring_together(found, self.deadline)
                    improve_pairs(found, self.deadline)
                fill(found)
                self.state = found
        proven = _floor(solved.bound)
        return proven if bound is None or proven is None else min(bound, proven)

    def whole(self) -> None:
        """The lexicographic model, priority and pairs at once."""
        model = Formulation(self.p, with_pairs=True)
        bound = self.run(model, self.left())
        if bound is not None:
            self.upper = min(self.upper, bound // model.weight)
            self.pairs_upper = min(self.pairs_upper, bound - model.weight * self.state.priority())

    def relaxed(self) -> None:
        """On large inputs: the lexicographic model's LP only, rounded; its bounds."""
        model = Formulation(self.p, with_pairs=True)
        if self.left() < LARGE_LP_MIN_SECONDS:
            return
        bound = self._relaxation(model, LARGE_LP_SHARE)
        if bound is not None:
            self.upper = min(self.upper, bound // model.weight)
            self.pairs_upper = min(self.pairs_upper, bound - model.weight * self.state.priority())

    def priority_only(self) -> None:
        """The priority alone: LP, rounding, then the MILP (on small models only: HiGHS
        may overrun its time limit on large ones)."""
        model = Formulation(self.p, with_pairs=False)
        if len(model.model.cost) > EXACT_COLUMNS:
            bound = self._relaxation(model, LARGE_LP_SHARE * PRIORITY_SHARE)
        else:
            bound = self.run(model, self.left() * PRIORITY_SHARE)
        if bound is not None:
            self.upper = min(self.upper, bound)


def assign(
    inp: Input,
    time_limit: float | None = None,
    progress: Callable[[str, float], None] | None = None,
) -> Result:
    """The assignment placing the most priority, then the most pairs together.

    ``progress(stage, fraction)`` is called as the search goes (stages ``heuristic``,
    ``priority``, ``pairs``, ``done``; the fraction of the work done, 0 to 1)."""
    check_input(inp)
    report = progress or (lambda stage, fraction: None)
    budget = DEFAULT_TIME_LIMIT if time_limit is None else max(0.1, float(time_limit))
    problem = Problem.build(inp)
    search = _Search(problem, budget)
    report("heuristic", 0.2)
    if search.state.priority() < search.upper and sum(map(len, problem.candidates)) <= LP_COLUMNS:
        search.priority_only()
    report("priority", 0.5)
    if search.state.score() < (search.upper, search.pairs_upper):
        size = columns(problem)
        if size <= EXACT_COLUMNS:
            search.whole()
        else:
            if size <= LP_COLUMNS:
                search.relaxed()
            if search.state.pairs() < search.pairs_upper:
                lns.improve(search.state, search.deadline, rounds=3)
    report("pairs", 0.9)
    state = search.state
    upper = max(search.upper, state.priority())
    pairs_upper = max(search.pairs_upper, state.pairs())
    notes = []
    if state.priority() < upper:
        notes.append("priority: the time limit came before the optimum was proven")
        method = "heuristic"
    elif state.pairs() < pairs_upper:
        notes.append("pairs: the time limit came before the optimum was proven")
        method = "milp"
    else:
        method = "exact"
    seconds = time.perf_counter() - search.t0
    result = _result(problem, state, upper, pairs_upper, seconds, method, notes)
    report("done", 1.0)
    return result


def _result(
    problem: Problem,
    state: State,
    upper: int,
    pairs_upper: int,
    seconds: float,
    method: str,
    notes: list[str],
) -> Result:
    order = {g.id: i for i, g in enumerate(problem.inp.guests)}
    guests = sorted(range(len(problem.guests)), key=lambda g: order[problem.guests[g].id])
    assignments = tuple(
        Assignment(problem.guests[g].id, problem.hosts[state.host_of[g]].id)
        for g in guests
        if state.host_of[g] >= 0
    )
    unplaced = tuple(
        Unplaced(problem.guests[g].id, explain(state, g)) for g in guests if state.host_of[g] < 0
    )
    return Result(
        assignments=assignments,
        unplaced=unplaced,
        placed=len(assignments),
        priority=state.priority(),
        pairs=state.pairs(),
        upper_bound=upper,
        pairs_upper_bound=pairs_upper,
        seconds=round(seconds, 3),
        method=method,
        notes=tuple(notes),
    )
