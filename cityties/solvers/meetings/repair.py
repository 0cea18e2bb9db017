"""Local search: placing a request by relocating the meetings in its way (depth-limited
ejection chains) or evicting strictly lighter ones, and the repair rounds that run it.

The weight never decreases: an eviction is made only when it costs less than it gains.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

from .state import Schedule, bits
from .tuning import EVICT_MAX_TRIES, RELOCATE_MAX_SLOTS, REPAIR_CLOCK_EVERY, REPAIR_ROUNDS


class State(Schedule):
    """The schedule with the moves of the search."""

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
                self.put(r, s, k)
                return True
        # Room may exist after moving another meeting to a different class in the slot.
        for s in bits(free):
            if self._make_class_room(r, s):
                k = self.pick_class(r, s)
                if k is not None:
                    self.put(r, s, k)
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
                        self.take(other)
                        self.put(other, s, k2)
                        return True
        return False

    def relocate(self, m: int, forbidden: int, depth: int) -> bool:
        """Move meeting m to another slot (not in `forbidden`), possibly pushing others."""
        if self.locked[m]:
            return False
        where = self.assign[m]
        assert where is not None
        mark = len(self.log)
        self.take(m)
        here = forbidden | (1 << where[0])
        if self.try_place(m, here):
            return True
        if depth > 0:
            # Slots where exactly the party conflicts block m; push those meetings away.
            options = self.cand[m] & ~here & self.room_slots(m)
            for s in bits(options)[:RELOCATE_MAX_SLOTS]:
                inner = len(self.log)
                if self._clear_parties(m, s, here | (1 << s), depth - 1):
                    k = self.pick_class(m, s)
                    if k is not None:
                        self.put(m, s, k)
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
            self.take(victim)
        for p in self.req_parties[r]:
            if self.party_busy[p] & bit:
                blocker = self._meeting_of(p, s)
                if blocker is None or self.locked[blocker]:
                    return None
                if not self.relocate(blocker, bit, depth):
                    evicted.append(blocker)
                    self.take(blocker)
        if self.pick_class(r, s) is None and not self._make_class_room(r, s):
            movable = [
                q for k in self.req_classes[r] for q in self.occupants[k][s] if not self.locked[q]
            ]
            if not movable:
                return None
            movable.sort(key=lambda q: (self.req_weight[q], q))
            if not any(self.relocate(q, bit, depth) for q in movable[:EVICT_MAX_TRIES]):
                evicted.append(movable[0])
                self.take(movable[0])
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
        for s in bits(self.cand[r]):
            mark = len(self.log)
            evicted = self._attempt(r, s, depth)
            if evicted is not None:
                lost = sum(self.req_weight[q] for q in evicted)
                if lost < w - 1e-9:
                    if not evicted:
                        k = self.pick_class(r, s)
                        assert k is not None
                        self.put(r, s, k)
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
        self.put(r, best[1], k)
        return True


def repair(
    st: State,
    order: Sequence[int],
    y: Sequence[float],
    *,
    depth: int,
    until: float,
    stall: float,
    bound: float,
) -> None:
    """Rounds over the unplaced requests, heaviest first, while they pay and time allows.

    A round stops once it has gone `stall` seconds without a gain (except the first pass
    at depth 1, which always runs to the end of its queue or to `until`)."""

    def gap() -> bool:
        return st.weight() < bound - 1e-6

    queue = [r for r in order if st.assign[r] is None]
    queue.sort(key=lambda r: (-st.req_weight[r], -y[r], r))
    gained_at = math.inf if depth == 1 else time.perf_counter()
    for _ in range(REPAIR_ROUNDS):
        if not queue or not gap() or time.perf_counter() > until:
            break
        improved = False
        for i, r in enumerate(queue):
            if i % REPAIR_CLOCK_EVERY == 0:
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
