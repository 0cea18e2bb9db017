"""The input as the algorithms see it: hosts and guests indexed in id order (so the order
of the input changes nothing), each guest's candidate hosts, nights as small integers, and
an assignment state that answers "does this guest fit there now?" quickly."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from .model import Guest, Host, Input
from .rules import fits, gender_key


@dataclass
class Problem:
    inp: Input
    hosts: list[Host]
    guests: list[Guest]
    host_index: dict[str, int]
    guest_index: dict[str, int]
    #: The union of every guest's nights, in order; a guest's stay is a range of it.
    nights: list[date]
    stay: list[range]
    priority: list[int]
    #: Gender classes as small integers (a guest without a gender has a class of their own).
    gender: list[int]
    #: Host indices each guest may go to (only its host when locked); pairs of guests.
    candidates: list[list[int]]
    locked: dict[int, int]
    pairs: list[tuple[int, int]]
    partners: list[list[int]] = field(default_factory=list)
    candidate_sets: list[frozenset[int]] = field(default_factory=list)

    @classmethod
    def build(cls, inp: Input) -> Problem:
        hosts = sorted(inp.hosts, key=lambda h: h.id)
        guests = sorted(inp.guests, key=lambda g: g.id)
        host_index = {h.id: i for i, h in enumerate(hosts)}
        guest_index = {g.id: i for i, g in enumerate(guests)}
        nights = sorted({night for g in guests for night in g.nights})
        night_index = {night: i for i, night in enumerate(nights)}
        stay = [
            range(night_index[g.arrive], night_index[g.arrive] + (g.leave - g.arrive).days)
            for g in guests
        ]
        classes: dict[object, int] = {}
        gender = [classes.setdefault(gender_key(g), len(classes)) for g in guests]
        locked = {guest_index[lk.guest]: host_index[lk.host] for lk in inp.locked}
        candidates = []
        for gi, guest in enumerate(guests):
            if gi in locked:
                candidates.append([locked[gi]])
            else:
                candidates.append(
                    [hi for hi, host in enumerate(hosts) if host.beds > 0 and fits(host, guest)]
                )
        pairs = [(guest_index[a], guest_index[b]) for a, b in inp.pairs]
        partners: list[list[int]] = [[] for _ in guests]
        for a, b in pairs:
            partners[a].append(b)
            partners[b].append(a)
        return cls(
            inp=inp,
            hosts=hosts,
            guests=guests,
            host_index=host_index,
            guest_index=guest_index,
            nights=nights,
            stay=stay,
            priority=[g.priority for g in guests],
            gender=gender,
            candidates=candidates,
            locked=locked,
            pairs=pairs,
            partners=partners,
            candidate_sets=[frozenset(hosts) for hosts in candidates],
        )

    def guests_of_host(self) -> list[list[int]]:
        """For each host, the guests that may go there."""
        found: list[list[int]] = [[] for _ in self.hosts]
        for gi, hosts in enumerate(self.candidates):
            for hi in hosts:
                found[hi].append(gi)
        return found


def groups(p: Problem) -> list[list[int]]:
    """Connected parts of the pair graph, each sorted, in order of first guest."""
    seen: set[int] = set()
    found = []
    for g in range(len(p.guests)):
        if g in seen or not p.partners[g]:
            continue
        part, stack = [], [g]
        seen.add(g)
        while stack:
            a = stack.pop()
            part.append(a)
            for b in p.partners[a]:
                if b not in seen:
                    seen.add(b)
                    stack.append(b)
        found.append(sorted(part))
    return found


def connected_parts(p: Problem, members: list[int]) -> list[tuple[int, ...]]:
    """``members`` split into the parts their pairs connect (sorted tuples)."""
    left, parts = set(members), []
    while left:
        start = min(left)
        part, stack = {start}, [start]
        while stack:
            a = stack.pop()
            for b in p.partners[a]:
                if b in left and b not in part:
                    part.add(b)
                    stack.append(b)
        left -= part
        parts.append(tuple(sorted(part)))
    return sorted(parts)


class State:
    """An assignment being built: who is where, beds taken and the gender held per night.

    Nights are also kept as bit masks (a guest's stay, a host's full nights, the nights it
    holds someone, and for same-gender hosts the nights each gender holds), so "does this
    guest fit there now?" is a few integer operations."""

    def __init__(self, problem: Problem) -> None:
        self.p = problem
        n = len(problem.nights)
        self.host_of: list[int] = [-1] * len(problem.guests)
        self.used: list[list[int]] = [[0] * n for _ in problem.hosts]
        # The gender class present on each night (-1 when empty); binding for same-gender
        # hosts only.
        self.held: list[list[int]] = [[-1] * n for _ in problem.hosts]
        self.members: list[set[int]] = [set() for _ in problem.hosts]
        self.total_priority = 0
        self.total_pairs = 0
        self.stay_mask = [sum(1 << n for n in stay) for stay in problem.stay]
        self.full = [0 if h.beds > 0 else (1 << n) - 1 for h in problem.hosts]
        self.occupied = [0] * len(problem.hosts)
        self.by_gender: list[dict[int, int]] = [{} for _ in problem.hosts]
        self.same_gender = [h.same_gender_only for h in problem.hosts]

    def fits(self, g: int, h: int) -> bool:
        mask = self.stay_mask[g]
        if self.full[h] & mask:
            return False
        if self.same_gender[h]:
            mine = self.by_gender[h].get(self.p.gender[g], 0)
            return not (self.occupied[h] & ~mine & mask)
        return True

    def blockers(self, g: int, h: int) -> set[int]:
        """The guests at ``h`` sharing a night with ``g``."""
        mask, stay_mask = self.stay_mask[g], self.stay_mask
        return {o for o in self.members[h] if stay_mask[o] & mask}

    def place(self, g: int, h: int) -> None:
        p = self.p
        self.host_of[g] = h
        self.members[h].add(g)
        self.total_priority += p.priority[g]
        self.total_pairs += sum(1 for o in p.partners[g] if self.host_of[o] == h)
        used, held, beds, k = self.used[h], self.held[h], p.hosts[h].beds, p.gender[g]
        for n in p.stay[g]:
            used[n] += 1
            held[n] = k
            if used[n] >= beds:
                self.full[h] |= 1 << n
        mask = self.stay_mask[g]
        self.occupied[h] |= mask
        genders = self.by_gender[h]
        genders[k] = genders.get(k, 0) | mask

    def remove(self, g: int) -> int:
        p = self.p
        h = self.host_of[g]
        self.host_of[g] = -1
        self.members[h].discard(g)
        self.total_priority -= p.priority[g]
        self.total_pairs -= sum(1 for o in p.partners[g] if self.host_of[o] == h)
        used, held, beds, k = self.used[h], self.held[h], p.hosts[h].beds, p.gender[g]
        genders = self.by_gender[h]
        for n in p.stay[g]:
            used[n] -= 1
            bit = 1 << n
            if used[n] < beds:
                self.full[h] &= ~bit
            if used[n] == 0:
                held[n] = -1
                self.occupied[h] &= ~bit
        # The nights this gender still holds: those of its other guests there.
        still = 0
        for o in self.members[h]:
            if p.gender[o] == k:
                still |= self.stay_mask[o]
        genders[k] = still
        return h

    def load(self, host_of: Iterable[int]) -> None:
        for g, h in enumerate(host_of):
            if h >= 0:
                self.place(g, h)

    def priority(self) -> int:
        return self.total_priority

    def pairs(self) -> int:
        return self.total_pairs

    def score(self) -> tuple[int, int]:
        return self.total_priority, self.total_pairs
