"""The residual problem and its schedule: place classes, locks, bit masks, undo log.

Places are merged into classes of interchangeable places (same membership in every
request's allowed-place set); a class holds `sum of capacities` meetings per slot. Locked
meetings consume their place, slot and party capacity up front, so every phase works on
the residual problem only.
"""

from __future__ import annotations

from .model import Instance, Meeting
from .tuning import NEAR_SHARE


def bits(mask: int) -> list[int]:
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


class Schedule:
    """The residual problem and a mutable schedule of it, with bit-mask indexes; every
    change can be rolled back. The moves of the search are in `repair.State`."""

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
            for i in bits(m):
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
        self.near_share = NEAR_SHARE

        # Locks: consume capacity of the exact place, so the class keeps it in its budget.
        req_index = {r.id: i for i, r in enumerate(instance.requests)}
        self.lock_place: dict[int, int] = {}
        for lock in instance.locked:
            r_i = req_index[lock.request]
            s = slot_index[lock.slot]
            k = self.class_of_place[place_index[lock.place]]
            self.locked[r_i] = True
            self.lock_place[r_i] = place_index[lock.place]
            self.put(r_i, s, k)
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

    def put(self, r: int, s: int, k: int) -> None:
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

    def take(self, r: int) -> None:
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
                self.take(r)
            else:
                self.put(r, *previous)
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
        for s in bits(options):
            score = (cap[s] - load[s]) / cap[s] if cap[s] > 0 else 0.0
            if (near >> s) & 1 and score >= self.near_share:
                score += 1.0
            if score > best_score:
                best, best_score = s, score
        return best

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
