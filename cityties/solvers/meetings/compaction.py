"""Compaction: meetings move to slots that reduce idle gaps, never changing the weight."""

from __future__ import annotations

import time

from .state import Schedule, bits
from .tuning import COMPACT_CLOCK_EVERY


def compact(st: Schedule, deadline: float) -> None:
    """Move single meetings to slots that lower the idle gaps of their parties."""
    improved = True
    while improved and time.perf_counter() < deadline:
        improved = False
        for r in range(st.n_req):
            a = st.assign[r]
            if a is None or st.locked[r]:
                continue
            if r % COMPACT_CLOCK_EVERY == 0 and time.perf_counter() > deadline:
                return
            s, _ = a
            before = sum(st.gaps_of_mask(st.party_busy[p]) for p in st.req_parties[r])
            if before == 0:
                continue
            mark = len(st.log)
            st.take(r)
            options = st.free_slots(r) & st.room_slots(r) & st.neighbour_slots(r) & ~(1 << s)
            best, best_gain = None, 0
            for s2 in bits(options):
                bit = 1 << s2
                after = sum(st.gaps_of_mask(st.party_busy[p] | bit) for p in st.req_parties[r])
                if before - after > best_gain:
                    best, best_gain = s2, before - after
            k = None if best is None else st.pick_class(r, best)
            if best is not None and k is not None:
                st.put(r, best, k)
                improved = True
            else:
                st.rollback(mark)
        st.log.clear()
