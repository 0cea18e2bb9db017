"""The aggregate LP bound: party degrees and place-class capacity, solved by HiGHS.

Its solution also orders the construction: requests the degree limits favour go first.
"""

from __future__ import annotations

import numpy as np

from .highs import Rows, run_highs
from .state import Schedule


def aggregate_bound(st: Schedule, live: list[int], time_limit: float) -> tuple[float, list[float]]:
    """LP: y_r in [0,1], party degree <= usable slots and limit, class-set capacity.

    Returns the bound (without locked weight) and y per request, used to order construction.
    """
    y = [0.0] * st.n_req
    if not live:
        return 0.0, y
    col = {r: i for i, r in enumerate(live)}
    costs = np.array([st.req_weight[r] for r in live])
    rows = Rows()
    for p, reqs in enumerate(st.party_requests):
        cols = [col[r] for r in reqs if r in col]
        if len(cols) <= 1:
            continue
        union = 0
        for r in reqs:
            if r in col:
                union |= st.cand[r]
        limit = min(st.party_limit[p], union.bit_count())
        if limit < len(cols):
            rows.add(cols, float(limit))
    by_set: dict[tuple[int, ...], list[int]] = {}
    for r in live:
        by_set.setdefault(st.req_classes[r], []).append(col[r])
    for ks in by_set:
        members = [c for other, cs in by_set.items() if set(other) <= set(ks) for c in cs]
        room = sum(st.cap[k][s] for k in ks for s in range(st.n_slots))
        if room < len(members):
            rows.add(members, float(room))
    lp = run_highs(costs, rows, integer=False, time_limit=time_limit)
    if lp is None or not lp.status_optimal:
        return float(costs.sum()), [1.0] * st.n_req
    if lp.x is not None:
        for r, v in zip(live, lp.x, strict=True):
            y[r] = float(v)
    return min(lp.objective, float(costs.sum())), y
