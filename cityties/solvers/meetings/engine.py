"""The optimiser: greedy construction, ejection-chain repair, a proven upper bound.

Pipeline of `solve`:
1. Places are merged into classes of interchangeable places (same membership in every
   request's allowed-place set); a class holds `sum of capacities` meetings per slot.
2. Construction: requests by weight, most constrained first, each into a free slot chosen
   next to its parties' other meetings. Slots and busy-ness are bit masks (Python ints).
3. Repair: each unplaced request tries every slot, relocating the meetings that block it
   (depth-limited ejection chains), or evicting strictly lighter ones (weight only grows).
4. Bound: an aggregate LP (party degrees, place-class capacity) solved by HiGHS; when the
   schedule does not reach it and the instance is small enough, the time-indexed MILP
   (exact for small instances) or its LP relaxation tightens it.
5. Compaction: meetings move to slots that reduce idle gaps, never changing the weight.
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .check import idle_gaps
from .greedy import greedy
from .model import Instance, Meeting, Result

try:  # highspy is a project dependency; without it the bound falls back to a weaker one.
    import highspy
except ImportError:  # pragma: no cover
    highspy = None  # type: ignore[assignment]

#: Above this many x[r, s, class] variables the exact MILP is not attempted.
EXACT_MAX_VARS = 20_000
#: Up to this many requests the greedy baseline is also run and kept if it is better.
GREEDY_CHECK_MAX = 20_000
#: Above this many variables the time-indexed LP relaxation is not attempted.
LP_MAX_VARS = 1_500_000


@dataclass(frozen=True, slots=True)
class _Lp:
    status_optimal: bool
    objective: float
    dual_bound: float
    x: np.ndarray | None


def _bits(mask: int) -> list[int]:
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


class _State:
    """Mutable schedule with bit-mask indexes; every change can be rolled back."""

    def __init__(self, instance: Instance) -> None:
        self.inst = instance
        n_slots = len(instance.slots)
        self.n_slots = n_slots
        self.all_slots = (1 << n_slots) - 1
        slot_index = {s.id: i for i, s in enumerate(instance.slots)}
        self.slot_index = slot_index
        days: dict[object, int] = {}
        for i, slot in enumerate(instance.slots):
            days[slot.start.date()] = days.get(slot.start.date(), 0) | (1 << i)
        self.day_masks = list(days.values())
        self.day_of_slot = [0] * n_slots
        for d, m in enumerate(self.day_masks):
            for i in _bits(m):
                self.day_of_slot[i] = d
        # Slots i and i+1 are neighbours only on the same day.
        self.not_last_of_day = sum(
            1 << i for i in range(n_slots - 1) if self.day_of_slot[i] == self.day_of_slot[i + 1]
        )

        # --- place classes
        place_index = {p.id: i for i, p in enumerate(instance.places)}
        allowed_sets = sorted(
            {frozenset(r.places) for r in instance.requests if r.places}, key=sorted
        )
        signature: dict[int, tuple[int, ...]] = {}
        for i, place in enumerate(instance.places):
            signature[i] = tuple(j for j, a in enumerate(allowed_sets) if place.id in a)
        classes: dict[tuple[int, ...], list[int]] = {}
        for i in range(len(instance.places)):
            classes.setdefault(signature[i], []).append(i)
        self.class_places: list[list[int]] = list(classes.values())
        self.class_of_place = [0] * len(instance.places)
        for k, cl in enumerate(self.class_places):
            for i in cl:
                self.class_of_place[i] = k
        n_classes = len(self.class_places)
        self.n_classes = n_classes
        base = [sum(instance.places[i].capacity for i in cl) for cl in self.class_places]
        # Residual capacity per class and slot after locked meetings.
        self.cap = [[base[k]] * n_slots for k in range(n_classes)]
        self.load = [[0] * n_slots for _ in range(n_classes)]
        self.total_cap = [sum(base)] * n_slots
        self.total_load = [0] * n_slots
        self.full = [0] * n_classes
        self.total_full = 0
        self.occupants: list[list[set[int]]] = [
            [set() for _ in range(n_slots)] for _ in range(n_classes)
        ]

        # --- parties
        party_index = {p.id: i for i, p in enumerate(instance.parties)}
        self.party_avail = [
            self.all_slots & ~sum(1 << slot_index[s] for s in p.unavailable)
            for p in instance.parties
        ]
        big = 1 << 30
        self.party_limit = [
            big if p.max_meetings is None else p.max_meetings for p in instance.parties
        ]
        self.party_busy = [0] * len(instance.parties)
        self.party_count = [0] * len(instance.parties)
        self.party_requests: list[list[int]] = [[] for _ in instance.parties]

        # --- requests
        self.req_parties: list[tuple[int, ...]] = []
        self.req_weight: list[float] = []
        self.req_classes: list[tuple[int, ...]] = []
        self.req_any: list[bool] = []
        for r_i, r in enumerate(instance.requests):
            members = tuple(party_index[pid] for pid in r.parties)
            self.req_parties.append(members)
            for p_i in members:
                self.party_requests[p_i].append(r_i)
            self.req_weight.append(float(r.priority))
            if r.places:
                wanted = {place_index[lid] for lid in r.places}
                ks = tuple(k for k, cl in enumerate(self.class_places) if wanted.issuperset(cl))
                self.req_classes.append(ks)
                self.req_any.append(len(ks) == n_classes)
            else:
                self.req_classes.append(tuple(range(n_classes)))
                self.req_any.append(True)
        self.n_req = len(instance.requests)
        self.assign: list[tuple[int, int] | None] = [None] * self.n_req
        self.locked = [False] * self.n_req
        self.log: list[tuple[int, tuple[int, int] | None]] = []
        self.near_share = 0.25

        # Locks: consume capacity of the exact place, so the class keeps it in its budget.
        req_index = {r.id: i for i, r in enumerate(instance.requests)}
        self.lock_place: dict[int, int] = {}
        for lock in instance.locked:
            r_i = req_index[lock.request]
            s = slot_index[lock.slot]
            k = self.class_of_place[place_index[lock.place]]
            self.locked[r_i] = True
            self.lock_place[r_i] = place_index[lock.place]
            self._put(r_i, s, k)
        self.log.clear()
        # From here on cap, limit and count are residual: locked meetings are never moved.
        for k in range(n_classes):
            for s in range(n_slots):
                self.cap[k][s] -= self.load[k][s]
                self.load[k][s] = 0
                self.occupants[k][s].clear()
            self.full[k] = sum(1 << s for s in range(n_slots) if self.cap[k][s] <= 0)
        for s in range(n_slots):
            self.total_cap[s] -= self.total_load[s]
            self.total_load[s] = 0
        self.total_full = sum(1 << s for s in range(n_slots) if self.total_cap[s] <= 0)
        self.classes_by_size = sorted(range(n_classes), key=lambda k: -sum(self.cap[k]))
        for p in range(len(instance.parties)):
            self.party_limit[p] -= self.party_count[p]
            self.party_count[p] = 0

        # Static candidate slots: every party available and some allowed class not empty.
        self.cand: list[int] = []
        class_open = [
            sum(1 << s for s in range(n_slots) if self.cap[k][s] > 0) for k in range(n_classes)
        ]
        for r_i in range(self.n_req):
            m = self.all_slots
            for p in self.req_parties[r_i]:
                m &= self.party_avail[p] & ~self.party_busy[p]
            room = 0
            for k in self.req_classes[r_i]:
                room |= class_open[k]
            # Locked requests keep cand 0 so no phase ever tries to place them again.
            self.cand.append(0 if self.locked[r_i] else m & room)

    # ------------------------------------------------------------------ primitives

    def _put(self, r: int, s: int, k: int) -> None:
        self.assign[r] = (s, k)
        self.log.append((r, None))
        bit = 1 << s
        for p in self.req_parties[r]:
            self.party_busy[p] |= bit
            self.party_count[p] += 1
        self.load[k][s] += 1
        self.occupants[k][s].add(r)
        if self.load[k][s] >= self.cap[k][s]:
            self.full[k] |= bit
        self.total_load[s] += 1
        if self.total_load[s] >= self.total_cap[s]:
            self.total_full |= bit

    def _take(self, r: int) -> None:
        where = self.assign[r]
        assert where is not None
        s, k = where
        self.assign[r] = None
        self.log.append((r, where))
        bit = 1 << s
        for p in self.req_parties[r]:
            self.party_busy[p] &= ~bit
            self.party_count[p] -= 1
        self.load[k][s] -= 1
        self.occupants[k][s].discard(r)
        self.full[k] &= ~bit
        self.total_load[s] -= 1
        self.total_full &= ~bit

    def rollback(self, mark: int) -> None:
        while len(self.log) > mark:
            r, previous = self.log.pop()
            # Undo without logging: _put/_take append, so pop their entries again.
            if previous is None:
                self._take(r)
            else:
                self._put(r, *previous)
            self.log.pop()

    # ------------------------------------------------------------------ queries

    def free_slots(self, r: int) -> int:
        """Slots where all parties of r are available and not in another meeting."""
        m = self.cand[r]
        for p in self.req_parties[r]:
            m &= ~self.party_busy[p]
        return m

    def at_limit(self, r: int) -> bool:
        return any(self.party_count[p] >= self.party_limit[p] for p in self.req_parties[r])

    def room_slots(self, r: int) -> int:
        if self.req_any[r]:
            return ~self.total_full & self.all_slots
        m = 0
        for k in self.req_classes[r]:
            m |= ~self.full[k]
        return m & self.all_slots

    def pick_class(self, r: int, s: int) -> int | None:
        if self.req_any[r]:
            # Biggest classes first (open tables), so stands stay free for their owners.
            for k in self.classes_by_size:
                if self.load[k][s] < self.cap[k][s]:
                    return k
            return None
        best, spare = None, 0
        for k in self.req_classes[r]:
            left = self.cap[k][s] - self.load[k][s]
            if left > spare:
                best, spare = k, left
        return best

    def neighbour_slots(self, r: int) -> int:
        m = 0
        for p in self.req_parties[r]:
            b = self.party_busy[p]
            m |= ((b & self.not_last_of_day) << 1) | ((b >> 1) & self.not_last_of_day)
        return m

    def choose_slot(self, options: int, r: int) -> int:
        """Balance load (a full slot blocks later requests) but stay next to the parties'
        other meetings when that slot still has a fair share of room."""
        near = options & self.neighbour_slots(r)
        cap, load = self.total_cap, self.total_load
        best, best_score = -1, -1.0
        for s in _bits(options):
            score = (cap[s] - load[s]) / cap[s] if cap[s] > 0 else 0.0
            if (near >> s) & 1 and score >= self.near_share:
                score += 1.0
            if score > best_score:
                best, best_score = s, score
        return best

    # ------------------------------------------------------------------ moves

    def try_place(self, r: int, forbidden: int = 0) -> bool:
        if self.at_limit(r):
            return False
        free = self.free_slots(r) & ~forbidden
        if not free:
            return False
        options = free & self.room_slots(r)
        if options:
            s = self.choose_slot(options, r)
            k = self.pick_class(r, s)
            if k is not None:
                self._put(r, s, k)
                return True
        # Room may exist after moving another meeting to a different class in the slot.
        for s in _bits(free):
            if self._make_class_room(r, s):
                k = self.pick_class(r, s)
                if k is not None:
                    self._put(r, s, k)
                    return True
        return False

    def _make_class_room(self, r: int, s: int) -> bool:
        if self.req_any[r]:
            return False  # r fits wherever the slot has room at all; nothing to shuffle
        for k in self.req_classes[r]:
            for other in list(self.occupants[k][s]):
                if self.locked[other]:
                    continue
                for k2 in self.req_classes[other]:
                    if k2 != k and self.load[k2][s] < self.cap[k2][s]:
                        self._take(other)
                        self._put(other, s, k2)
                        return True
        return False

    def relocate(self, m: int, forbidden: int, depth: int) -> bool:
        """Move meeting m to another slot (not in `forbidden`), possibly pushing others."""
        if self.locked[m]:
            return False
        where = self.assign[m]
        assert where is not None
        mark = len(self.log)
        self._take(m)
        here = forbidden | (1 << where[0])
        if self.try_place(m, here):
            return True
        if depth > 0:
            # Slots where exactly the party conflicts block m; push those meetings away.
            options = self.cand[m] & ~here & self.room_slots(m)
            for s in _bits(options)[:8]:
                inner = len(self.log)
                if self._clear_parties(m, s, here | (1 << s), depth - 1):
                    k = self.pick_class(m, s)
                    if k is not None:
                        self._put(m, s, k)
                        return True
                self.rollback(inner)
        self.rollback(mark)
        return False

    def _clear_parties(self, r: int, s: int, forbidden: int, depth: int) -> bool:
        bit = 1 << s
        for p in self.req_parties[r]:
            if self.party_busy[p] & bit:
                blocker = self._meeting_of(p, s)
                if blocker is None or not self.relocate(blocker, forbidden, depth):
                    return False
        return True

    def _meeting_of(self, p: int, s: int) -> int | None:
        for r in self.party_requests[p]:
            a = self.assign[r]
            if a is not None and a[0] == s:
                return r
        return None

    def _attempt(self, r: int, s: int, depth: int) -> list[int] | None:
        """Make slot s usable for r; returns the evicted meetings, or None if impossible."""
        bit = 1 << s
        evicted: list[int] = []
        # Party limits: drop the lightest movable meeting of each saturated party.
        for p in self.req_parties[r]:
            if self.party_count[p] < self.party_limit[p]:
                continue
            victims = [q for q in self.party_requests[p] if self.assign[q] is not None]
            victims = [q for q in victims if not self.locked[q]]
            if not victims:
                return None
            victim = min(victims, key=lambda q: (self.req_weight[q], q))
            evicted.append(victim)
            self._take(victim)
        for p in self.req_parties[r]:
            if self.party_busy[p] & bit:
                blocker = self._meeting_of(p, s)
                if blocker is None or self.locked[blocker]:
                    return None
                if not self.relocate(blocker, bit, depth):
                    evicted.append(blocker)
                    self._take(blocker)
        if self.pick_class(r, s) is None and not self._make_class_room(r, s):
            movable = [
                q for k in self.req_classes[r] for q in self.occupants[k][s] if not self.locked[q]
            ]
            if not movable:
                return None
            movable.sort(key=lambda q: (self.req_weight[q], q))
            if not any(self.relocate(q, bit, depth) for q in movable[:6]):
                evicted.append(movable[0])
                self._take(movable[0])
        if self.pick_class(r, s) is None or self.at_limit(r):
            return None
        return evicted

    def insert(self, r: int, depth: int) -> bool:
        """Place r by relocating the meetings in its way; otherwise evict lighter ones."""
        if self.try_place(r):
            return True
        w = self.req_weight[r]
        # A saturated party only lets r in by dropping a strictly lighter meeting.
        for p in self.req_parties[r]:
            if self.party_count[p] >= self.party_limit[p] and not any(
                self.assign[q] is not None and not self.locked[q] and self.req_weight[q] < w
                for q in self.party_requests[p]
            ):
                return False
        best: tuple[float, int] | None = None
        for s in _bits(self.cand[r]):
            mark = len(self.log)
            evicted = self._attempt(r, s, depth)
            if evicted is not None:
                lost = sum(self.req_weight[q] for q in evicted)
                if lost < w - 1e-9:
                    if not evicted:
                        k = self.pick_class(r, s)
                        assert k is not None
                        self._put(r, s, k)
                        return True
                    if best is None or lost < best[0]:
                        best = (lost, s)
            self.rollback(mark)
        if best is None:
            return False
        # Redo the cheapest eviction plan; the evicted requests get another chance later.
        mark = len(self.log)
        evicted = self._attempt(r, best[1], depth)
        if evicted is None or sum(self.req_weight[q] for q in evicted) >= w - 1e-9:
            self.rollback(mark)
            return False
        k = self.pick_class(r, best[1])
        assert k is not None
        self._put(r, best[1], k)
        return True

    # ------------------------------------------------------------------ reporting

    def weight(self) -> float:
        return sum(self.req_weight[r] for r in range(self.n_req) if self.assign[r] is not None)

    def gaps_of_mask(self, mask: int) -> int:
        total = 0
        for day in self.day_masks:
            seg = mask & day
            if seg:
                hi = seg.bit_length()
                lo = (seg & -seg).bit_length()
                total += hi - lo + 1 - seg.bit_count()
        return total

    def idle_gaps(self) -> int:
        return sum(self.gaps_of_mask(b) for b in self.party_busy)

    def meetings(self) -> list[Meeting]:
        """Concrete places: locked meetings keep theirs, the rest fill each class in turn."""
        inst = self.inst
        left: dict[tuple[int, int], int] = {}
        for r, place in self.lock_place.items():
            a = self.assign[r]
            assert a is not None
            left[(place, a[0])] = left.get((place, a[0]), inst.places[place].capacity) - 1
        out: list[Meeting] = []
        cursor: dict[tuple[int, int], int] = {}
        for r in range(self.n_req):
            a = self.assign[r]
            if a is None:
                continue
            s, k = a
            if r in self.lock_place:
                place = self.lock_place[r]
            else:
                # A cursor per (class, slot): places before it are known to be full.
                members = self.class_places[k]
                j = cursor.get((k, s), 0)
                while (
                    j < len(members)
                    and left.get((members[j], s), inst.places[members[j]].capacity) <= 0
                ):
                    j += 1
                assert j < len(members), "class capacity bookkeeping is inconsistent"
                cursor[(k, s)] = j
                place = members[j]
                left[(place, s)] = left.get((place, s), inst.places[place].capacity) - 1
            out.append(Meeting(inst.requests[r].id, inst.slots[s].id, inst.places[place].id))
        out.sort(key=lambda m: (self.slot_index[m.slot], m.place, m.request))
        return out


# ---------------------------------------------------------------------- LP helpers


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


def _run_highs(
    costs: np.ndarray,
    rows: Sequence[tuple[np.ndarray, float]],
    integer: bool,
    time_limit: float,
    start: np.ndarray | None = None,
) -> _Lp | None:
    if highspy is None or len(costs) == 0:
        return None
    h = _new_highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", max(0.1, float(time_limit)))
    h.setOptionValue("threads", 1)
    n = len(costs)
    h.addVars(n, np.zeros(n), np.ones(n))
    h.changeColsCost(n, np.arange(n, dtype=np.int32), costs.astype(np.float64))
    if rows:
        starts = np.zeros(len(rows), dtype=np.int32)
        pos = 0
        for i, (idx, _) in enumerate(rows):
            starts[i] = pos
            pos += len(idx)
        index = np.concatenate([idx for idx, _ in rows]).astype(np.int32)
        upper = np.array([ub for _, ub in rows], dtype=np.float64)
        h.addRows(
            len(rows),
            np.full(len(rows), -highspy.kHighsInf),
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
        return _Lp(optimal, float(info.objective_function_value), dual, x)
    obj = float(info.objective_function_value)
    return _Lp(optimal, obj, obj if optimal else math.inf, x)


def _aggregate_bound(st: _State, time_limit: float) -> tuple[float, list[float]]:
    """LP: y_r in [0,1], party degree <= usable slots and limit, class-set capacity.

    Returns the bound (without locked weight) and y per request, used to order construction.
    """
    y = [0.0] * st.n_req
    free = [r for r in range(st.n_req) if not st.locked[r] and st.cand[r]]
    if not free:
        return 0.0, y
    col = {r: i for i, r in enumerate(free)}
    costs = np.array([st.req_weight[r] for r in free])
    rows: list[tuple[np.ndarray, float]] = []
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
            rows.append((np.array(cols), float(limit)))
    by_set: dict[tuple[int, ...], list[int]] = {}
    for r in free:
        by_set.setdefault(st.req_classes[r], []).append(col[r])
    for ks in by_set:
        members = [c for other, cs in by_set.items() if set(other) <= set(ks) for c in cs]
        room = sum(st.cap[k][s] for k in ks for s in range(st.n_slots))
        if room < len(members):
            rows.append((np.array(members), float(room)))
    lp = _run_highs(costs, rows, integer=False, time_limit=time_limit)
    if lp is None or not lp.status_optimal:
        return float(costs.sum()), [1.0] * st.n_req
    if lp.x is not None:
        for r, v in zip(free, lp.x, strict=True):
            y[r] = float(v)
    return min(lp.objective, float(costs.sum())), y


def _time_indexed(
    st: _State, integer: bool, time_limit: float, max_vars: int
) -> tuple[_Lp | None, list[tuple[int, int, int]]]:
    """x[r, s, class] model on top of the locked meetings: exact as a MILP."""
    var: list[tuple[int, int, int]] = []
    for r in range(st.n_req):
        if st.locked[r]:
            continue
        for s in _bits(st.cand[r]):
            for k in st.req_classes[r]:
                if st.cap[k][s] > 0:
                    var.append((r, s, k))
        if len(var) > max_vars:
            return None, []
    if not var:
        return None, []
    arr = np.array(var, dtype=np.int64)
    costs = np.array([st.req_weight[r] for r, _, _ in var])
    rows: list[tuple[np.ndarray, float]] = []

    def group(keys: np.ndarray, cap_of: dict[int, float] | None, default: float) -> None:
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        cuts = np.flatnonzero(np.diff(sorted_keys)) + 1
        for chunk in np.split(order, cuts):
            key = int(keys[chunk[0]])
            ub = default if cap_of is None else cap_of[key]
            if len(chunk) > ub:
                rows.append((chunk, ub))

    n_s, n_k = st.n_slots, st.n_classes
    group(arr[:, 0], None, 1.0)
    # Party rows: expand each variable to its parties.
    ps_idx: list[int] = []
    ps_key: list[int] = []
    p_key: list[int] = []
    for i, (r, s, _) in enumerate(var):
        for p in st.req_parties[r]:
            ps_idx.append(i)
            ps_key.append(p * n_s + s)
            p_key.append(p)
    ps_idx_arr = np.array(ps_idx)
    keys = np.array(ps_key)
    order = np.argsort(keys, kind="stable")
    cuts = np.flatnonzero(np.diff(keys[order])) + 1
    for chunk in np.split(order, cuts):
        if len(chunk) > 1:
            rows.append((ps_idx_arr[chunk], 1.0))
    pk = np.array(p_key)
    order = np.argsort(pk, kind="stable")
    cuts = np.flatnonzero(np.diff(pk[order])) + 1
    for chunk in np.split(order, cuts):
        p = int(pk[chunk[0]])
        limit = st.party_limit[p]
        cols = np.unique(ps_idx_arr[chunk])
        distinct_req = len({var[i][0] for i in cols})
        if limit < distinct_req:
            rows.append((cols, float(limit)))
    caps = {k * n_s + s: float(st.cap[k][s]) for k in range(n_k) for s in range(n_s)}
    group(arr[:, 2] * n_s + arr[:, 1], caps, 0.0)
    start = None
    if integer:
        start = np.zeros(len(var))
        pos = {v: i for i, v in enumerate(var)}
        for r in range(st.n_req):
            a = st.assign[r]
            if a is not None and not st.locked[r]:
                j = pos.get((r, a[0], a[1]))
                if j is not None:
                    start[j] = 1.0
    return _run_highs(costs, rows, integer, time_limit, start), var


def _apply_solution(st: _State, lp: _Lp, var: list[tuple[int, int, int]]) -> bool:
    """Replace the heuristic schedule by the MILP's, if it is complete and better."""
    assert lp.x is not None
    chosen = [var[i] for i in np.flatnonzero(lp.x > 0.5)]
    mark = len(st.log)
    for r in range(st.n_req):
        if st.assign[r] is not None and not st.locked[r]:
            st._take(r)
    for r, s, k in chosen:
        if st.assign[r] is not None or st.at_limit(r) or not (st.free_slots(r) >> s) & 1:
            st.rollback(mark)
            return False
        if st.load[k][s] >= st.cap[k][s]:
            st.rollback(mark)
            return False
        st._put(r, s, k)
    return True


def _compact(st: _State, deadline: float) -> None:
    """Move single meetings to slots that lower the idle gaps of their parties."""
    improved = True
    while improved and time.perf_counter() < deadline:
        improved = False
        for r in range(st.n_req):
            a = st.assign[r]
            if a is None or st.locked[r]:
                continue
            if (r & 255) == 0 and time.perf_counter() > deadline:
                return
            s, _ = a
            before = sum(st.gaps_of_mask(st.party_busy[p]) for p in st.req_parties[r])
            if before == 0:
                continue
            mark = len(st.log)
            st._take(r)
            options = st.free_slots(r) & st.room_slots(r) & st.neighbour_slots(r) & ~(1 << s)
            best, best_gain = None, 0
            for s2 in _bits(options):
                bit = 1 << s2
                after = sum(st.gaps_of_mask(st.party_busy[p] | bit) for p in st.req_parties[r])
                if before - after > best_gain:
                    best, best_gain = s2, before - after
            k = None if best is None else st.pick_class(r, best)
            if best is not None and k is not None:
                st._put(r, best, k)
                improved = True
            else:
                st.rollback(mark)
        st.log.clear()


def _integral(instance: Instance) -> bool:
    return all(float(r.priority).is_integer() for r in instance.requests)


def solve(instance: Instance, time_limit: float | None = None) -> Result:
    """Schedule the accepted requests of a validated instance.

    `time_limit` (seconds, default 30) bounds the optional exact/LP phases and repair; the
    construction and the aggregate bound always run.
    """
    started = time.perf_counter()
    budget = 30.0 if time_limit is None else max(0.5, time_limit)
    deadline = started + budget
    st = _State(instance)
    locked_weight = st.weight()

    # The aggregate LP is cheap and its solution says which requests the degree limits
    # favour: construct those first (heaviest first), then the rest.
    bound_lp, y = _aggregate_bound(st, max(0.2, budget * 0.2))
    order = [r for r in range(st.n_req) if not st.locked[r] and st.cand[r]]
    flex = [st.cand[r].bit_count() for r in range(st.n_req)]
    order.sort(key=lambda r: (-round(y[r], 3), -st.req_weight[r], flex[r], r))
    for r in order:
        st.try_place(r)
    st.log.clear()
    method = "lp-guided greedy+repair"
    phases: dict[str, object] = {}

    def mark(name: str) -> None:
        phases[name] = [round(time.perf_counter() - started, 3), st.weight()]

    mark("construct")

    def repair(depth: int, until: float) -> None:
        queue = [r for r in order if st.assign[r] is None]
        queue.sort(key=lambda r: (-st.req_weight[r], -y[r], r))
        rounds = 0
        while queue and rounds < 4 and time.perf_counter() < until:
            rounds += 1
            for i, r in enumerate(queue):
                if (i & 15) == 0 and time.perf_counter() > until:
                    break
                if st.assign[r] is None:
                    st.insert(r, depth)
                    st.log.clear()
            queue = [r for r in queue if st.assign[r] is None]

    integral = _integral(instance)

    def tidy(b: float) -> float:
        return math.floor(b + 1e-6) if integral else b * (1 + 1e-9) + 1e-9

    bound = tidy(locked_weight + bound_lp)
    weight = st.weight()
    if weight < bound - 1e-6:
        repair(1, started + budget * 0.4)
        mark("repair1")
    weight = st.weight()
    if weight < bound - 1e-6 and time.perf_counter() < deadline:
        repair(2, started + budget * 0.6)
        mark("repair2")
        weight = st.weight()
    if weight < bound - 1e-6 and time.perf_counter() < deadline - 0.2:
        left = deadline - time.perf_counter()
        lp, var = _time_indexed(st, integer=True, time_limit=left * 0.8, max_vars=EXACT_MAX_VARS)
        if lp is not None:
            bound = min(bound, tidy(locked_weight + lp.dual_bound))
            better = lp.x is not None and lp.objective > weight - locked_weight + 1e-9
            if better and _apply_solution(st, lp, var):
                method = "milp"
            st.log.clear()
            weight = st.weight()
            mark("milp")
        elif time.perf_counter() < deadline - 0.5:
            left = deadline - time.perf_counter()
            lp, var = _time_indexed(st, integer=False, time_limit=left * 0.7, max_vars=LP_MAX_VARS)
            if lp is not None and lp.status_optimal:
                bound = min(bound, tidy(locked_weight + lp.dual_bound))
            mark("lp")
    if bound < weight <= bound + 1e-6 * max(1.0, weight):
        bound = weight  # LP tolerance on an optimal schedule, not a real excess
    # Compaction is a secondary objective: a small share of the budget.
    _compact(st, min(deadline, time.perf_counter() + max(0.05, 0.1 * budget)))
    meetings = st.meetings()
    gaps = st.idle_gaps()
    if st.n_req <= GREEDY_CHECK_MAX and weight < bound - 1e-6 and time.perf_counter() < deadline:
        # Safety net: the baseline is cheap here and must never win.
        base = greedy(instance)
        if base.weight > weight + 1e-9:
            meetings, weight, method = list(base.meetings), base.weight, "greedy"
            gaps = idle_gaps(instance, meetings)
    placed = {m.request for m in meetings}
    return Result(
        meetings=tuple(meetings),
        unscheduled=tuple(r.id for r in instance.requests if r.id not in placed),
        weight=weight,
        upper_bound=bound,
        seconds=time.perf_counter() - started,
        method=method,
        idle_gaps=gaps,
        extra={"phases": phases},
    )
