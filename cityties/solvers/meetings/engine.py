"""The optimiser: greedy construction, ejection-chain repair, exact model when small.

Pipeline of `solve`:
1. Places are merged into classes of interchangeable places (same membership in every
   request's allowed-place set); a class holds `sum of capacities` meetings per slot.
   Locked meetings consume their place, slot and party capacity up front, so every later
   phase works on the residual problem only: the free requests that can still be placed
   (a re-plan with thousands of locks and a few hundred requests to move is small).
2. Bound: an aggregate LP (party degrees, place-class capacity) solved by HiGHS.
3. Construction: requests by LP value and weight, most constrained first, each into a free
   slot chosen next to its parties' other meetings. Slots and busy-ness are bit masks.
4. Exact model when the residual problem is small (<= EXACT_MAX_VARS variables): the
   slot-indexed MILP x[r, s] (x[r, s, class] when allowed-place sets are not laminar),
   started from the heuristic schedule; its dual bound tightens the bound.
5. Repair: each unplaced request tries every slot, relocating the meetings that block it
   (depth-limited ejection chains), or evicting strictly lighter ones (weight only grows).
   Rounds repeat while they pay; a phase stops after a while without any gain.
6. LP relaxation of the slot model for mid-size instances when a gap remains.
7. Compaction: meetings move to slots that reduce idle gaps, never changing the weight.
8. Safety net: the greedy baseline runs in the time left and wins if it is better.

Guarantees: the weight never decreases from one phase to the next, and the upper bound
is always locked weight + a proven bound of the residual problem. `solve()` never returns
less weight than `greedy()` when no time limit is given; with one, the same holds whenever
`Result.extra["greedy_checked"]` is True, i.e. when the schedule is proven optimal or the
baseline finished before the time limit (the phases above leave it most of the budget on
the benchmark instances, so it is False only when the time limit is very tight).
"""

from __future__ import annotations

import itertools
import math
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .check import idle_gaps
from .greedy import greedy_until
from .model import Instance, Meeting, Result

try:  # highspy is a project dependency; without it the bound falls back to a weaker one.
    import highspy
except ImportError:  # pragma: no cover
    highspy = None  # type: ignore[assignment]

#: Above this many x[r, s] variables the exact slot-indexed MILP is not attempted.
EXACT_MAX_VARS = 20_000
#: Above this many x[r, s] variables its LP relaxation is not attempted either (HiGHS
#: needs seconds to minutes on these degenerate LPs beyond that).
LP_MAX_VARS = 100_000


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
            # Locked requests keep cand 0 so no phase ever tries to place them again; so do
            # requests of a party whose locked meetings already reach its limit.
            dead = self.locked[r_i] or any(self.party_limit[p] <= 0 for p in self.req_parties[r_i])
            self.cand.append(0 if dead else m & room)

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
        # Saturated parties only let r in by dropping their lightest meetings, whatever
        # the slot (as _attempt does first): give up when that alone costs r's weight.
        lost = 0.0
        dropped: list[int] = []
        for p in self.req_parties[r]:
            count = self.party_count[p] - sum(p in self.req_parties[q] for q in dropped)
            if count < self.party_limit[p]:
                continue
            victims = [
                q
                for q in self.party_requests[p]
                if self.assign[q] is not None and not self.locked[q] and q not in dropped
            ]
            if not victims:
                return False
            victim = min(victims, key=lambda q: (self.req_weight[q], q))
            dropped.append(victim)
            lost += self.req_weight[victim]
            if lost >= w - 1e-9:
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
    rows: _Rows,
    integer: bool,
    time_limit: float,
    start: np.ndarray | None = None,
    abs_gap: float = 0.0,
) -> _Lp | None:
    """max costs.x, 0 <= x <= 1, rows; as an LP or a MILP (with an optional start)."""
    if highspy is None or len(costs) == 0:
        return None
    h = _new_highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", max(0.05, float(time_limit)))
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
        return _Lp(optimal, float(info.objective_function_value), dual, x)
    obj = float(info.objective_function_value)
    return _Lp(optimal, obj, obj if optimal else math.inf, x)


class _Rows:
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


def _aggregate_bound(st: _State, live: list[int], time_limit: float) -> tuple[float, list[float]]:
    """LP: y_r in [0,1], party degree <= usable slots and limit, class-set capacity.

    Returns the bound (without locked weight) and y per request, used to order construction.
    """
    y = [0.0] * st.n_req
    if not live:
        return 0.0, y
    col = {r: i for i, r in enumerate(live)}
    costs = np.array([st.req_weight[r] for r in live])
    rows = _Rows()
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
    lp = _run_highs(costs, rows, integer=False, time_limit=time_limit)
    if lp is None or not lp.status_optimal:
        return float(costs.sum()), [1.0] * st.n_req
    if lp.x is not None:
        for r, v in zip(live, lp.x, strict=True):
            y[r] = float(v)
    return min(lp.objective, float(costs.sum())), y


def _mask_matrix(masks: Sequence[int], n_slots: int) -> np.ndarray:
    """Boolean (len(masks), n_slots) matrix of slot bit masks (62 bits at a time)."""
    out = np.zeros((len(masks), n_slots), dtype=bool)
    for lo in range(0, n_slots, 62):
        width = min(62, n_slots - lo)
        part = np.array([(m >> lo) & ((1 << width) - 1) for m in masks], dtype=np.int64)
        out[:, lo : lo + width] = (part[:, None] >> np.arange(width, dtype=np.int64)) & 1 == 1
    return out


@dataclass(frozen=True, slots=True)
class _SlotModel:
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
    rows: _Rows


def _laminar_chains(sets: list[frozenset[int]]) -> list[list[int]] | None:
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


def _model_shape(st: _State, live: list[int]) -> tuple[list[list[int]] | None, int]:
    """The containing-set chains (None if not laminar) and the number of variables."""
    all_classes = tuple(range(st.n_classes))
    family = sorted({st.req_classes[r] for r in live} | {all_classes}, key=len)
    chains = _laminar_chains([frozenset(f) for f in family])
    if chains is not None:
        return chains, sum(st.cand[r].bit_count() for r in live)
    open_k = [
        sum(1 << s for s in range(st.n_slots) if st.cap[k][s] > 0) for k in range(st.n_classes)
    ]
    n = sum((st.cand[r] & open_k[k]).bit_count() for r in live for k in st.req_classes[r])
    return None, n


def _expand(
    var: np.ndarray, owner: np.ndarray, counts: np.ndarray, flat: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For variables var (owner[var] indexes lists given by counts/flat): every (variable,
    list item) pair, as two aligned arrays."""
    first = np.cumsum(counts) - counts
    per_var = counts[owner]
    var_rep = np.repeat(var, per_var)
    within = np.arange(len(var_rep)) - np.repeat(np.cumsum(per_var) - per_var, per_var)
    return var_rep, flat[first[owner[var_rep]] + within]


def _slot_model(st: _State, live: list[int], chains: list[list[int]] | None) -> _SlotModel:
    n_s = st.n_slots
    live_arr = np.array(live, dtype=np.int64)
    li, slot = np.nonzero(_mask_matrix([st.cand[r] for r in live], n_s))
    cls: np.ndarray | None = None
    if chains is None:
        # One variable per open class of the request in the slot.
        counts = np.array([len(st.req_classes[r]) for r in live], dtype=np.int64)
        flat = np.array([k for r in live for k in st.req_classes[r]], dtype=np.int64)
        pair, cls = _expand(np.arange(len(li)), li, counts, flat)
        cap = np.array(st.cap, dtype=np.float64)  # (class, slot)
        open_ = cap[cls, slot[pair]] > 0
        pair, cls = pair[open_], cls[open_]
        li, slot = li[pair], slot[pair]
    req = live_arr[li]
    var = np.arange(len(req))
    rows = _Rows()
    # One meeting per request.
    rows.add_groups(li, var, np.ones(len(live)))
    # One meeting per party and slot; at most max_meetings (residual) per party.
    counts = np.array([len(st.req_parties[r]) for r in live], dtype=np.int64)
    flat = np.fromiter(
        (p for r in live for p in st.req_parties[r]), dtype=np.int64, count=int(counts.sum())
    )
    var_rep, party = _expand(var, li, counts, flat)
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
        var_rep, fam = _expand(var, own[li], n_cont, flat_cont)
        rows.add_groups(fam * n_s + slot[var_rep], var_rep, fam_cap.ravel())
    costs = np.array(st.req_weight, dtype=np.float64)[req]
    return _SlotModel(req, slot, cls, costs, rows)


def _solve_slot_model(
    st: _State, model: _SlotModel, integer: bool, time_limit: float, integral: bool
) -> _Lp | None:
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
    return _run_highs(model.costs, model.rows, integer, time_limit, start, abs_gap=gap)


def _apply_solution(st: _State, model: _SlotModel, x: np.ndarray) -> bool:
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
            st._take(r)
    for r, s, k in chosen:
        if st.assign[r] is not None or st.at_limit(r) or not (st.free_slots(r) >> s) & 1:
            st.rollback(mark)
            return False
        where = st.pick_class(r, s) if k < 0 else k if st.load[k][s] < st.cap[k][s] else None
        if where is None:
            st.rollback(mark)
            return False
        st._put(r, s, where)
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

    `time_limit` (seconds, default 30) bounds the optional phases (exact model, repair, LP
    bound, compaction, safety net); the construction and the aggregate bound always run.
    """
    started = time.perf_counter()
    budget = 30.0 if time_limit is None else max(0.5, time_limit)
    deadline = started + budget
    st = _State(instance)
    locked_weight = st.weight()
    integral = _integral(instance)
    phases: dict[str, object] = {}

    def mark(name: str) -> None:
        phases[name] = [round(time.perf_counter() - started, 3), st.weight()]

    def tidy(b: float) -> float:
        return math.floor(b + 1e-6) if integral else b * (1 + 1e-9) + 1e-9

    # Only the residual problem is solved: locked meetings consumed their capacity in
    # _State, and requests that can never be placed next to them have no candidate slot.
    live = [r for r in range(st.n_req) if st.cand[r]]
    chains, n_vars = _model_shape(st, live)

    # The aggregate LP is cheap and its solution says which requests the degree limits
    # favour: construct those first (heaviest first), then the rest.
    bound_lp, y = _aggregate_bound(st, live, max(0.2, budget * 0.2))
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
        model = _slot_model(st, live, chains)
        lp = _solve_slot_model(st, model, integer, max(0.05, left() * share), integral)
        if lp is None:
            return
        if lp.status_optimal or integer:
            bound = min(bound, tidy(locked_weight + lp.dual_bound))
        weight = st.weight() - locked_weight
        if integer and lp.x is not None and lp.objective > weight + 1e-9:
            if _apply_solution(st, model, lp.x):
                method = "milp"
            st.log.clear()

    # Small residual problems (re-plans, small events): the exact slot-indexed MILP.
    if gap() and 0 < n_vars <= EXACT_MAX_VARS and left() > 0.1:
        run_model(integer=True, share=0.6)
        mark("milp")

    # Repair stops once it has gone this long without a gain (except for the first pass
    # at depth 1, which always runs to the end of its queue or its time share).
    stall = max(0.25, 0.05 * budget)

    def repair(depth: int, until: float) -> None:
        queue = [r for r in order if st.assign[r] is None]
        queue.sort(key=lambda r: (-st.req_weight[r], -y[r], r))
        gained_at = math.inf if depth == 1 else time.perf_counter()
        for _ in range(4):
            if not queue or not gap() or time.perf_counter() > until:
                break
            improved = False
            for i, r in enumerate(queue):
                if (i & 15) == 0:
                    now = time.perf_counter()
                    if now > until or now - gained_at > stall:
                        break
                if st.assign[r] is None and st.insert(r, depth):
                    improved = True
                    gained_at = time.perf_counter()
                st.log.clear()
            gained_at = min(gained_at, time.perf_counter())
            queue = [r for r in queue if st.assign[r] is None]
            if not improved:
                break
        mark(f"repair{depth}")

    if gap():
        repair(1, started + budget * 0.4)
    if gap() and left() > 0:
        repair(2, started + budget * 0.6)
    # A tighter bound from the slot-indexed LP when a gap is left and the model fits.
    if gap() and n_vars > EXACT_MAX_VARS and n_vars <= LP_MAX_VARS and left() > 0.5 * budget:
        run_model(integer=False, share=0.5)
        mark("lp")
    weight = st.weight()
    if bound < weight <= bound + 1e-6 * max(1.0, weight):
        bound = weight  # LP tolerance on an optimal schedule, not a real excess
    # Compaction is a secondary objective: a small share of the budget.
    _compact(st, min(deadline, time.perf_counter() + max(0.05, 0.1 * budget)))
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
