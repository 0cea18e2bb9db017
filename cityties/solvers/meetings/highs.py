"""HiGHS, the LP and MILP solver, behind two small helpers: rows in CSR form, one run."""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .tuning import HIGHS_MIN_SECONDS

try:  # highspy is a project dependency; without it the bound falls back to a weaker one.
    import highspy
except ImportError:  # pragma: no cover
    highspy = None  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class Lp:
    status_optimal: bool
    objective: float
    dual_bound: float
    x: np.ndarray | None


_banner_shown = False


def new_highs() -> highspy.Highs:
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


def run_highs(
    costs: np.ndarray,
    rows: Rows,
    integer: bool,
    time_limit: float,
    start: np.ndarray | None = None,
    abs_gap: float = 0.0,
) -> Lp | None:
    """max costs.x, 0 <= x <= 1, rows; as an LP or a MILP (with an optional start)."""
    if highspy is None or len(costs) == 0:
        return None
    h = new_highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", max(HIGHS_MIN_SECONDS, float(time_limit)))
    h.setOptionValue("threads", 1)
    n = len(costs)
    h.addVars(n, np.zeros(n), np.ones(n))
    h.changeColsCost(n, np.arange(n, dtype=np.int32), costs.astype(np.float64))
    starts, index, upper = rows.csr()
    if len(upper):
        h.addRows(
            len(upper),
            np.full(len(upper), -highspy.kHighsInf),
            upper,
            len(index),
            starts,
            index,
            np.ones(len(index)),
        )
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    if integer:
        h.changeColsIntegrality(
            n, np.arange(n, dtype=np.int32), np.full(n, highspy.HighsVarType.kInteger)
        )
        h.setOptionValue("mip_rel_gap", 0.0)
        # Integral weights: a gap below 1 already proves the incumbent optimal.
        h.setOptionValue("mip_abs_gap", abs_gap)
        if start is not None:
            sol = highspy.HighsSolution()
            sol.col_value = list(start.astype(float))
            sol.value_valid = True
            h.setSolution(sol)
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    optimal = status == highspy.HighsModelStatus.kOptimal
    x = np.array(h.getSolution().col_value) if info.primal_solution_status == 2 else None
    if integer:
        dual = float(info.mip_dual_bound)
        if not math.isfinite(dual):
            dual = math.inf
        return Lp(optimal, float(info.objective_function_value), dual, x)
    obj = float(info.objective_function_value)
    return Lp(optimal, obj, obj if optimal else math.inf, x)


class Rows:
    """Constraints `sum of x[index] <= upper`, collected as CSR arrays for HiGHS."""

    def __init__(self) -> None:
        self.index: list[np.ndarray] = []
        self.sizes: list[np.ndarray] = []
        self.upper: list[np.ndarray] = []

    def add(self, cols: Sequence[int], upper: float) -> None:
        self.index.append(np.asarray(cols, dtype=np.int32))
        self.sizes.append(np.array([len(cols)], dtype=np.int64))
        self.upper.append(np.array([upper], dtype=np.float64))

    def add_groups(self, keys: np.ndarray, cols: np.ndarray, upper_of_key: np.ndarray) -> None:
        """One row per distinct key over the cols sharing it, bounded by upper_of_key[key];
        rows that cannot bind (no more members than their bound) are left out."""
        if len(keys) == 0:
            return
        order = np.argsort(keys, kind="stable")
        k, c = keys[order], cols[order]
        first = np.flatnonzero(np.concatenate(([True], k[1:] != k[:-1])))
        sizes = np.diff(np.append(first, len(k)))
        upper = upper_of_key[k[first]]
        keep = sizes > upper
        self.index.append(c[np.repeat(keep, sizes)].astype(np.int32))
        self.sizes.append(sizes[keep])
        self.upper.append(upper[keep].astype(np.float64))

    def csr(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if not self.upper:
            return np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros(0)
        sizes = np.concatenate(self.sizes)
        starts = (np.cumsum(sizes) - sizes).astype(np.int32)
        return starts, np.concatenate(self.index), np.concatenate(self.upper)
