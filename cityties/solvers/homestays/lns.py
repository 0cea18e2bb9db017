"""Large-neighbourhood search: free a few hosts and the guests around them, solve that
small piece exactly with HiGHS, keep the result when it is better.

A piece is a handful of hosts: where the two guests of a pair apart (or a guest left out)
could meet, plus where they are now. Every guest at those hosts is freed, with the
guests left out who could go there; the rest stays where it is. The piece's objective is
priority first then pairs (weights make it lexicographic), so the whole never gets worse.
"""

from __future__ import annotations

import math
import time

from .highs import Model, solve
from .problem import Problem, State

#: Hosts per piece, and guests freed at most (the piece's MILP stays tiny).
PIECE_HOSTS = 10
MEETING_HOSTS = 4
PIECE_GUESTS = 60
PIECE_SECONDS = 0.5


def _overlap(p: Problem, a: int, b: int) -> bool:
    return p.stay[a].start < p.stay[b].stop and p.stay[b].start < p.stay[a].stop


def _free_beds(state: State, h: int) -> int:
    beds = state.p.hosts[h].beds
    return sum(beds - used for used in state.used[h])


def _piece_hosts(state: State, seeds: list[int], shift: int) -> list[int]:
    """Where the seeds are, a few hosts where they could all meet (those with the most
    room first, rotating on later rounds), and hosts with room for the guests freed."""
    p = state.p
    chosen: list[int] = []
    for g in seeds:
        if state.host_of[g] >= 0 and state.host_of[g] not in chosen:
            chosen.append(state.host_of[g])
    common = set(p.candidates[seeds[0]])
    for g in seeds[1:]:
        common &= set(p.candidates[g])
    pool = sorted(
        (h for h in common if p.hosts[h].beds >= len(seeds)),
        key=lambda h: (-_free_beds(state, h), h),
    )
    if pool:
        start = shift % len(pool)
        pool = pool[start:] + pool[:start]
    for h in pool[:MEETING_HOSTS]:
        if h not in chosen:
            chosen.append(h)
    freed = {g for h in chosen for g in state.members[h]} | set(seeds)
    reach: dict[int, int] = {}
    for g in freed:
        for h in p.candidates[g]:
            if h not in chosen:
                reach[h] = reach.get(h, 0) + 1
    slack = sorted(
        (h for h in reach if _free_beds(state, h) > 0),
        key=lambda h: (-reach[h] * min(_free_beds(state, h), 4), h),
    )
    return chosen + slack[: max(0, PIECE_HOSTS - len(chosen))]


def solve_piece(state: State, hosts: list[int], extra: list[int], seconds: float) -> bool:
    """Re-solve the guests of ``hosts`` (and ``extra`` guests) exactly; True if better."""
    p = state.p
    host_set = set(hosts)
    free = sorted({g for h in hosts for g in state.members[h]} | set(extra))
    free_set = set(free)
    outside = [
        g
        for g in range(len(p.guests))
        if state.host_of[g] < 0 and g not in free_set and host_set.intersection(p.candidates[g])
    ]
    outside.sort(key=lambda g: (-p.priority[g], g))
    free = sorted(free_set | set(outside[: max(0, PIECE_GUESTS - len(free))]))
    free_set = set(free)
    pairs = [(a, b) for a, b in p.pairs if a in free_set and b in free_set]
    weight = float(len(pairs) + 1)
    m = Model()
    x: dict[tuple[int, int], int] = {}
    for g in free:
        low = 1.0 if g in p.locked else 0.0
        hs = [h for h in p.candidates[g] if h in host_set]
        if g in p.locked and not hs:
            return False
        for h in hs:
            x[g, h] = m.var(weight * p.priority[g], lower=low)
        if len(hs) > 1:
            m.row([(x[g, h], 1.0) for h in hs], -math.inf, 1.0)
    for h in hosts:
        members = [g for g in free if (g, h) in x]
        _host_rows(p, m, x, h, members)
    pair_cols = []
    for a, b in pairs:
        for h in hosts:
            if (a, h) in x and (b, h) in x:
                col = m.var(1.0)
                pair_cols.append((col, a, b, h))
                m.row([(col, 1.0), (x[a, h], -1.0)], -math.inf, 0.0)
                m.row([(col, 1.0), (x[b, h], -1.0)], -math.inf, 0.0)
    before = sum(weight * p.priority[g] for g in free if state.host_of[g] >= 0) + sum(
        1 for a, b in pairs if state.host_of[a] >= 0 and state.host_of[a] == state.host_of[b]
    )
    if not x:
        return False
    solved = solve(m, seconds)
    if solved is None or solved.x is None or solved.objective < before + 0.5:
        return False
    old = {g: state.host_of[g] for g in free}
    for g in free:
        if state.host_of[g] >= 0:
            state.remove(g)
    placed = []
    for (g, h), col in x.items():
        if solved.x[col] > 0.5:
            if not state.fits(g, h):
                break
            state.place(g, h)
            placed.append(g)
    else:
        return True
    for g in placed:  # a rounding accident: put everything back
        state.remove(g)
    for g, h in old.items():
        if h >= 0:
            state.place(g, h)
    return False


def _host_rows(p: Problem, m: Model, x: dict, h: int, members: list[int]) -> None:
    host = p.hosts[h]
    for n in sorted({p.stay[g].start for g in members}):
        present = [g for g in members if n in p.stay[g]]
        classes: dict[int, list[int]] = {}
        for g in present:
            classes.setdefault(p.gender[g], []).append(g)
        if host.same_gender_only and len(classes) > 1:
            zs = []
            for group in classes.values():
                z = m.var()
                zs.append(z)
                cap = float(min(host.beds, len(group)))
                m.row([*((x[g, h], 1.0) for g in group), (z, -cap)], -math.inf, 0.0)
            m.row([(z, 1.0) for z in zs], -math.inf, 1.0)
        if len(present) > host.beds:
            m.row([(x[g, h], 1.0) for g in present], -math.inf, float(host.beds))


def improve(state: State, deadline: float, rounds: int = 3) -> int:
    """Pieces around every pair of colleagues apart and every guest left out, a few
    rounds over; returns how many pieces improved the assignment."""
    p = state.p
    better = 0
    for round_no in range(rounds):
        improved = 0
        seeds = [
            [a, b]
            for a, b in p.pairs
            if state.host_of[a] < 0 or state.host_of[a] != state.host_of[b]
        ]
        seeds += [
            [g]
            for g in sorted(range(len(p.guests)), key=lambda g: (-p.priority[g], g))
            if state.host_of[g] < 0 and p.candidates[g] and p.priority[g] > 0
        ]
        for seed in seeds:
            left = deadline - time.perf_counter()
            if left <= 0.02:
                return better
            if len(seed) > 1 and 0 <= state.host_of[seed[0]] == state.host_of[seed[1]]:
                continue
            if len(seed) == 1 and state.host_of[seed[0]] >= 0:
                continue
            hosts = _piece_hosts(state, seed, round_no * MEETING_HOSTS)
            if hosts and solve_piece(state, hosts, seed, min(PIECE_SECONDS, left)):
                improved += 1
        better += improved
        if not improved:
            break
    return better
