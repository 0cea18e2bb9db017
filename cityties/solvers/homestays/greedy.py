"""The fast heuristic: place guests by priority, then repair.

1. Greedy: locked guests first, then by priority (highest first), guests with fewer
   candidate hosts first; each goes where a colleague already is, else to the host it
   fits with the fewest beds left (best fit keeps big families for groups).
2. Repair: an unplaced guest takes a bed freed by moving one guest sharing its nights to
   another host, or by leaving out a guest of lower priority (who is tried again).
3. Pairs: a colleague joins the other's host, moving a guest there elsewhere if need be.
4. Fill: anyone who still fits somewhere is placed (this never lowers either objective).
Everything runs in id order, so the input's order changes nothing.
"""

from __future__ import annotations

import time

from .pairs import bring_together
from .problem import Problem, State


def _free_beds(state: State, g: int, h: int) -> int:
    used = state.used[h]
    return state.p.hosts[h].beds - max(used[n] for n in state.p.stay[g])


def _choose(state: State, g: int) -> int:
    p = state.p
    best, best_key = -1, None
    for h in p.candidates[g]:
        if not state.fits(g, h):
            continue
        friends = sum(1 for o in p.partners[g] if state.host_of[o] == h)
        waiting = sum(1 for o in p.partners[g] if state.host_of[o] < 0 and h in p.candidate_sets[o])
        key = (-friends, -min(waiting, _free_beds(state, g, h) - 1), _free_beds(state, g, h), h)
        if best_key is None or key < best_key:
            best, best_key = h, key
    return best


def greedy(problem: Problem) -> State:
    state = State(problem)
    for g, h in sorted(problem.locked.items()):
        state.place(g, h)
    order = sorted(
        (g for g in range(len(problem.guests)) if g not in problem.locked),
        key=lambda g: (-problem.priority[g], len(problem.candidates[g]), g),
    )
    for g in order:
        h = _choose(state, g)
        if h >= 0:
            state.place(g, h)
    return state


def _relocate(state: State, b: int, avoid: int) -> bool:
    for h in state.p.candidates[b]:
        if h != avoid and state.fits(b, h):
            state.place(b, h)
            return True
    return False


def _try_insert(state: State, g: int) -> list[int] | None:
    """Place ``g``, maybe moving one guest or leaving out lower-priority ones; returns
    the guests left out (empty when none), or None when nothing works."""
    p = state.p
    for h in p.candidates[g]:
        if state.fits(g, h):
            state.place(g, h)
            return []
    for h in p.candidates[g]:
        for b in sorted(state.blockers(g, h)):
            if b in p.locked:
                continue
            state.remove(b)
            if state.fits(g, h) and _relocate(state, b, h):
                state.place(g, h)
                return []
            state.place(b, h)
    best: tuple[int, int, int] | None = None  # (priority lost, host, guest)
    for h in p.candidates[g]:
        for b in sorted(state.blockers(g, h)):
            if b in p.locked or p.priority[b] >= p.priority[g]:
                continue
            state.remove(b)
            if state.fits(g, h) and (best is None or p.priority[b] < best[0]):
                best = (p.priority[b], h, b)
            state.place(b, h)
    if best is None:
        return None
    _, h, b = best
    state.remove(b)
    state.place(g, h)
    return [b]


def repair(state: State, deadline: float) -> None:
    p = state.p
    rounds = 0
    while rounds < 4 and time.perf_counter() < deadline:
        rounds += 1
        changed = False
        queue = sorted(
            (g for g in range(len(p.guests)) if state.host_of[g] < 0 and p.priority[g] > 0),
            key=lambda g: (-p.priority[g], g),
        )
        while queue and time.perf_counter() < deadline:
            g = queue.pop(0)
            if state.host_of[g] >= 0:
                continue
            left_out = _try_insert(state, g)
            if left_out is None:
                continue
            changed = True
            for b in left_out:
                if _try_insert(state, b) is None:
                    continue
        if not changed:
            break


def improve_pairs(state: State, deadline: float) -> None:
    """Bring colleagues together without lowering the priority placed."""
    p = state.p
    for _ in range(3):
        changed = False
        for a, b in p.pairs:
            if time.perf_counter() > deadline:
                return
            ha, hb = state.host_of[a], state.host_of[b]
            if ha >= 0 and ha == hb:
                continue
            for mover, target in ((a, hb), (b, ha)):
                if target < 0 or mover in p.locked or target not in p.candidate_sets[mover]:
                    continue
                before = state.pairs()
                origin = state.host_of[mover]
                if origin >= 0:
                    state.remove(mover)
                if state.fits(mover, target):
                    state.place(mover, target)
                    if state.pairs() > before:
                        changed = True
                        break
                    state.remove(mover)
                if origin >= 0:
                    state.place(mover, origin)
        if not changed:
            return


def fill(state: State) -> None:
    """Place anyone who fits somewhere, colleagues' hosts first."""
    p = state.p
    for g in range(len(p.guests)):
        if state.host_of[g] < 0:
            h = _choose(state, g)
            if h >= 0:
                state.place(g, h)


def heuristic(problem: Problem, deadline: float) -> State:
    state = greedy(problem)
    repair(state, deadline)
    bring_together(state, deadline)
    improve_pairs(state, deadline)
    fill(state)
    return state


def rounded(
    problem: Problem, columns: list[tuple[float, tuple[int, ...], int]], deadline: float
) -> State:
    """An assignment following a fractional one (an LP relaxation's): columns (guests
    together at a host) by value, highest first, each taken if its guests are all free
    and fit; then repaired and improved as above."""
    state = State(problem)
    for g, h in sorted(problem.locked.items()):
        state.place(g, h)
    order = sorted(
        (c for c in columns if c[0] > 1e-6),
        key=lambda c: (-c[0], -sum(problem.priority[g] for g in c[1]), c[1], c[2]),
    )
    for _value, guests, h in order:
        if any(state.host_of[g] >= 0 for g in guests):
            continue
        placed = []
        for g in guests:
            if not state.fits(g, h):
                break
            state.place(g, h)
            placed.append(g)
        if len(placed) < len(guests):
            for g in placed:
                state.remove(g)
    fill(state)
    repair(state, deadline)
    bring_together(state, deadline)
    improve_pairs(state, deadline)
    fill(state)
    return state
