"""HiGHS, the LP and MILP solver, behind a small model builder and one run."""

from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass, field

import numpy as np

try:  # highspy is a project dependency; without it the engine falls back to its heuristic.
    import highspy
except ImportError:  # pragma: no cover
    highspy = None  # type: ignore[assignment]

#: Objectives are whole numbers: a gap below one proves the incumbent optimal.
ABS_GAP = 0.99
MIN_SECONDS = 0.05


@dataclass
class Model:
    """Columns and rows of a maximisation, collected for HiGHS."""

    cost: list[float] = field(default_factory=list)
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    index: list[int] = field(default_factory=list)
    value: list[float] = field(default_factory=list)

    def var(self, cost: float = 0.0, lower: float = 0.0, upper: float = 1.0) -> int:
        self.cost.append(cost)
        self.lower.append(lower)
        self.upper.append(upper)
        return len(self.cost) - 1

    def row(self, terms: list[tuple[int, float]], lower: float, upper: float) -> None:
        self.starts.append(len(self.index))
        for col, coef in terms:
            self.index.append(col)
            self.value.append(coef)
        self.row_lower.append(lower)
        self.row_upper.append(upper)


@dataclass(frozen=True)
class Solved:
    optimal: bool
    objective: float
    #: A proven bound on the objective (inf when HiGHS proved nothing).
    bound: float
    x: np.ndarray | None


_banner_shown = False


def _new_highs() -> highspy.Highs:
    """HiGHS prints a banner on stdout once per process; keep stdout clean for JSON."""
    global _banner_shown
    if _banner_shown:
        return highspy.Highs()
    _banner_shown = True
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as sink:
            os.dup2(sink.fileno(), 1)
            return highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def solve(model: Model, time_limit: float, *, integer: bool = True) -> Solved | None:
    """max cost.x over the model, as an LP or a MILP.

    No MIP start is ever given: with one (and presolve on), HiGHS 1.16 answered
    "optimal" with an objective and a bound above the LP relaxation's on some of our
    instances, the solution returned being the start itself. The engine keeps its own
    best assignment instead and adopts HiGHS's only when it is better."""
    if highspy is None or not model.cost:
        return None
    h = _new_highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", max(MIN_SECONDS, float(time_limit)))
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", 0)
    n = len(model.cost)
    h.addVars(n, np.array(model.lower, dtype=np.float64), np.array(model.upper, np.float64))
    h.changeColsCost(n, np.arange(n, dtype=np.int32), np.array(model.cost, np.float64))
    if model.row_upper:
        h.addRows(
            len(model.row_upper),
            np.array(model.row_lower, np.float64),
            np.array(model.row_upper, np.float64),
            len(model.index),
            np.array(model.starts, np.int32),
            np.array(model.index, np.int32),
            np.array(model.value, np.float64),
        )
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    if integer:
        h.changeColsIntegrality(
            n, np.arange(n, dtype=np.int32), np.full(n, highspy.HighsVarType.kInteger)
        )
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("mip_abs_gap", ABS_GAP)
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    optimal = status == highspy.HighsModelStatus.kOptimal
    x = np.array(h.getSolution().col_value) if info.primal_solution_status == 2 else None
    objective = float(info.objective_function_value)
    if integer:
        bound = float(info.mip_dual_bound)
        if not math.isfinite(bound):
            bound = math.inf
    else:
        bound = objective if optimal else math.inf
    if x is not None and abs(float(np.dot(model.cost, x)) - objective) > 0.5:
        # The answer contradicts itself (see above): trust neither its claim nor its bound.
        return Solved(False, float(np.dot(model.cost, x)), math.inf, x)
    return Solved(optimal, objective, bound, x)
