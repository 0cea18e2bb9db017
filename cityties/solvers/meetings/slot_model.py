"""The slot-indexed model x[r, s] (x[r, s, class] when allowed-place sets are not
laminar): solved exactly as a MILP when small, as an LP relaxation for a tighter bound
when mid-size, and its integer solution applied to the schedule."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .highs import Lp, Rows, run_highs
from .state import Schedule


def mask_matrix(masks: Sequence[int], n_slots: int) -> np.ndarray:
    """Boolean (len(masks), n_slots) matrix of slot bit masks (62 bits at a time)."""
    out = np.zeros((len(masks), n_slots), dtype=bool)
    for lo in range(0, n_slots, 62):
        width = min(62, n_slots - lo)
        part = np.array([(m >> lo) & ((1 << width) - 1) for m in masks], dtype=np.int64)
        out[:, lo : lo + width] = (part[:, None] >> np.arange(width, dtype=np.int64)) & 1 == 1
    return out


@dataclass(frozen=True, slots=True)
class SlotModel:
    """x[r, s] (or x[r, s, class]) over the live requests and their candidate slots, on top
    of the locked meetings. Exact: any integer solution gets concrete places.

    When the allowed-class sets of the live requests are laminar (nested or disjoint, as
    "this stand" and "anywhere" are), capacity rows per (set, slot) are exact by Hall's
    condition and one variable per (request, slot) suffices (`cls` is None); otherwise a
    variable per (request, slot, class) with class capacity rows."""

    req: np.ndarray
    slot: np.ndarray
    cls: np.ndarray | None
    costs: np.ndarray
    rows: Rows


def laminar_chains(sets: list[frozenset[int]]) -> list[list[int]] | None:
    """For laminar sets, the indices of the sets containing each set (itself included);
    None if two sets overlap without one containing the other. Sets containing a given
    class must form a chain, so checking neighbours in size order suffices."""
    by_class: dict[int, list[int]] = {}
    for i in sorted(range(len(sets)), key=lambda i: len(sets[i])):
        for k in sets[i]:
            by_class.setdefault(k, []).append(i)
    for chain in by_class.values():
        if any(not sets[a] <= sets[b] for a, b in itertools.pairwise(chain)):
            return None
    out: list[list[int]] = []
    for i, a in enumerate(sets):
        chain = by_class[next(iter(a))] if a else [i]
        out.append(chain[chain.index(i) :])
    return out


def model_shape(st: Schedule, live: list[int]) -> tuple[list[list[int]] | None, int]:
    """The containing-set chains (None if not laminar) and the number of variables."""
    all_classes = tuple(range(st.n_classes))
    family = sorted({st.req_classes[r] for r in live} | {all_classes}, key=len)
    chains = laminar_chains([frozenset(f) for f in family])
    if chains is not None:
        return chains, sum(st.cand[r].bit_count() for r in live)
    open_k = [
        sum(1 << s for s in range(st.n_slots) if st.cap[k][s] > 0) for k in range(st.n_classes)
    ]
    n = sum((st.cand[r] & open_k[k]).bit_count() for r in live for k in st.req_classes[r])
    return None, n


def expand(
    var: np.ndarray, owner: np.ndarray, counts: np.ndarray, flat: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For variables var (owner[var] indexes lists given by counts/flat): every (variable,
    list item) pair, as two aligned arrays."""
    first = np.cumsum(counts) - counts
    per_var = counts[owner]
    var_rep = np.repeat(var, per_var)
    within = np.arange(len(var_rep)) - np.repeat(np.cumsum(per_var) - per_var, per_var)
    return var_rep, flat[first[owner[var_rep]] + within]


def build_slot_model(st: Schedule, live: list[int], chains: list[list[int]] | None) -> SlotModel:
    n_s = st.n_slots
    live_arr = np.array(live, dtype=np.int64)
    li, slot = np.nonzero(mask_matrix([st.cand[r] for r in live], n_s))
    cls: np.ndarray | None = None
    if chains is None:
        # One variable per open class of the request in the slot.
        counts = np.array([len(st.req_classes[r]) for r in live], dtype=np.int64)
        flat = np.array([k for r in live for k in st.req_classes[r]], dtype=np.int64)
        pair, cls = expand(np.arange(len(li)), li, counts, flat)
        cap = np.array(st.cap, dtype=np.float64)  # (class, slot)
        open_ = cap[cls, slot[pair]] > 0
        pair, cls = pair[open_], cls[open_]
        li, slot = li[pair], slot[pair]
    req = live_arr[li]
    var = np.arange(len(req))
    rows = Rows()
    # One meeting per request.
    rows.add_groups(li, var, np.ones(len(live)))
    # One meeting per party and slot; at most max_meetings (residual) per party.
    counts = np.array([len(st.req_parties[r]) for r in live], dtype=np.int64)
    flat = np.fromiter(
        (p for r in live for p in st.req_parties[r]), dtype=np.int64, count=int(counts.sum())
    )
    var_rep, party = expand(var, li, counts, flat)
    n_p = len(st.party_limit)
    rows.add_groups(party * n_s + slot[var_rep], var_rep, np.ones(n_p * n_s))
    requests_of = np.bincount(flat, minlength=n_p)
    limit = np.array(st.party_limit, dtype=np.float64)
    rows.add_groups(party, var_rep, np.where(limit < requests_of, limit, np.inf))
    if cls is not None:
        rows.add_groups(cls * n_s + slot, var, np.array(st.cap, dtype=np.float64).ravel())
    else:
        assert chains is not None
        # Capacity per slot of every allowed-class set: the requests whose set lies within.
        all_classes = tuple(range(st.n_classes))
        family = sorted({st.req_classes[r] for r in live} | {all_classes}, key=len)
        fam_id = {f: i for i, f in enumerate(family)}
        fam_cap = np.array(
            [[sum(st.cap[k][s] for k in f) for s in range(n_s)] for f in family],
            dtype=np.float64,
        )
        own = np.array([fam_id[st.req_classes[r]] for r in live], dtype=np.int64)
        n_cont = np.array([len(c) for c in chains], dtype=np.int64)
        flat_cont = np.array([j for c in chains for j in c], dtype=np.int64)
        var_rep, fam = expand(var, own[li], n_cont, flat_cont)
        rows.add_groups(fam * n_s + slot[var_rep], var_rep, fam_cap.ravel())
    costs = np.array(st.req_weight, dtype=np.float64)[req]
    return SlotModel(req, slot, cls, costs, rows)


def solve_slot_model(
    st: Schedule, model: SlotModel, integer: bool, time_limit: float, integral: bool
) -> Lp | None:
    start = None
    if integer:
        # The current schedule as a MIP start.
        start = np.zeros(len(model.req))
        n_s, n_k = st.n_slots, st.n_classes
        # Variables are in (request, slot[, class]) order, so their keys are sorted.
        key = model.req * n_s + model.slot
        if model.cls is not None:
            key = key * n_k + model.cls
        placed = [
            (r, a[0], a[1]) for r, a in enumerate(st.assign) if a is not None and not st.locked[r]
        ]
        if placed:
            arr = np.array(placed, dtype=np.int64)
            wanted = arr[:, 0] * n_s + arr[:, 1]
            if model.cls is not None:
                wanted = wanted * n_k + arr[:, 2]
            pos = np.searchsorted(key, wanted)
            ok = (pos < len(key)) & (key[np.minimum(pos, len(key) - 1)] == wanted)
            start[pos[ok]] = 1.0
    gap = 1.0 - 1e-6 if integral else 0.0
    return run_highs(model.costs, model.rows, integer, time_limit, start, abs_gap=gap)


def apply_solution(st: Schedule, model: SlotModel, x: np.ndarray) -> bool:
    """Replace the heuristic schedule by the model's (a safety check on every meeting)."""
    picked = np.flatnonzero(x > 0.5)
    chosen = [
        (int(model.req[i]), int(model.slot[i]), -1 if model.cls is None else int(model.cls[i]))
        for i in picked
    ]
    # Most specific place sets first: with laminar sets, a free place then always remains.
    chosen.sort(key=lambda c: (len(st.req_classes[c[0]]), c[0]))
    mark = len(st.log)
    for r in range(st.n_req):
        if st.assign[r] is not None and not st.locked[r]:
            st.take(r)
    for r, s, k in chosen:
        if st.assign[r] is not None or st.at_limit(r) or not (st.free_slots(r) >> s) & 1:
            st.rollback(mark)
            return False
        where = st.pick_class(r, s) if k < 0 else k if st.load[k][s] < st.cap[k][s] else None
        if where is None:
            st.rollback(mark)
            return False
        st.put(r, s, where)
    return True
