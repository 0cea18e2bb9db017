"""Bringing colleagues together without lowering the priority placed (local search).

The colleagues who ask for each other form groups (the connected parts of the ``with``
pairs). Moves, tried group by group while any improves the pairs count:

- a group (or its placed part, or its part left out) moves to one host it all fits in,
  after moving the guests there that share its nights to other hosts if need be;
- a guest joins a colleague's host, moving one guest there elsewhere if need be.
A move is kept only if the priority placed is not lower and the pairs count is higher.
"""

from __future__ import annotations

import time
from itertools import combinations

from .problem import State, groups

#: Largest group whose subsets are all tried; bigger groups try the whole and halves.
SUBSET_GROUP = 5


def _unit_at(state: State, b: int, h: int) -> list[int]:
    """``b`` and the colleagues of its group staying with it at ``h``."""
    p = state.p
    unit, stack = {b}, [b]
    while stack:
        a = stack.pop()
        for o in p.partners[a]:
            if o not in unit and state.host_of[o] == h:
                unit.add(o)
                stack.append(o)
    return sorted(unit)


def _move_unit(state: State, unit: list[int], h: int, moved: list[tuple[int, int]]) -> bool:
    """Move guests staying together at ``h`` to one other host they all fit in."""
    p = state.p
    if any(g in p.locked for g in unit):
        return False
    if len(unit) == 1:
        g = unit[0]
        state.remove(g)
        for target in p.candidates[g]:
            if target != h and state.fits(g, target):
                state.place(g, target)
                moved.append((g, h))
                return True
        state.place(g, h)
        return False
    common = set(p.candidate_sets[unit[0]])
    for g in unit[1:]:
        common &= p.candidate_sets[g]
    common.discard(h)
    for g in unit:
        state.remove(g)
    for target in sorted(common):
        placed = []
        for g in unit:
            if not state.fits(g, target):
                break
            state.place(g, target)
            placed.append(g)
        if len(placed) == len(unit):
            moved.extend((g, h) for g in unit)
            return True
        for g in placed:
            state.remove(g)
    for g in unit:
        state.place(g, h)
    return False


def _clear_for(state: State, members: list[int], h: int, moved: list[tuple[int, int]]) -> bool:
    """Move guests at ``h`` sharing nights with ``members`` elsewhere (with the colleagues
    staying with them) until all of them fit; journal in ``moved``; False when they
    cannot all be made to fit."""
    p = state.p
    group = set(members)
    for g in members:
        if h not in p.candidate_sets[g]:
            return False
        if not state.fits(g, h):
            done: set[int] = set()
            for b in sorted(state.blockers(g, h) - group):
                if b in done:
                    continue
                unit = _unit_at(state, b, h)
                done.update(unit)
                if _move_unit(state, unit, h, moved) and state.fits(g, h):
                    break
        if not state.fits(g, h):
            return False
        state.place(g, h)
        moved.append((g, -1))
    return True


def _undo(state: State, moved: list[tuple[int, int]], origin: dict[int, int]) -> None:
    for g, before in reversed(moved):
        state.remove(g)
        if before >= 0:
            state.place(g, before)
    for g, h in origin.items():
        if h >= 0 and state.host_of[g] < 0:
            state.place(g, h)


def _try_group(state: State, members: list[int]) -> bool:
    p = state.p
    if any(g in p.locked for g in members):
        locked_hosts = {p.locked[g] for g in members if g in p.locked}
        if len(locked_hosts) > 1:
            return False
        hosts = [
            h
            for h in locked_hosts
            if all(h in p.candidate_sets[g] for g in members if g not in p.locked)
        ]
    else:
        common = set(p.candidate_sets[members[0]])
        for g in members[1:]:
            common &= p.candidate_sets[g]
        hosts = sorted(common)
    if not hosts:
        return False
    before = state.score()
    for h in hosts:
        origin = {g: state.host_of[g] for g in members}
        for g in members:
            if state.host_of[g] >= 0 and g not in p.locked:
                state.remove(g)
        moved: list[tuple[int, int]] = []
        locked_here = [g for g in members if g in p.locked]
        todo = [g for g in members if g not in p.locked]
        if _clear_for(state, todo, h, moved) and state.score() > before:
            return True
        _undo(state, moved, {g: origin[g] for g in members if g not in locked_here})
    return False


def _subsets(members: list[int]) -> list[list[int]]:
    if len(members) <= SUBSET_GROUP:
        found = []
        for size in range(len(members), 1, -1):
            found += [list(c) for c in combinations(members, size)]
        return found
    half = len(members) // 2
    return [members, members[:half], members[half:]]


def bring_together(state: State, deadline: float) -> int:
    """Local search over groups; returns the moves kept."""
    p = state.p
    kept = 0
    parts = groups(p)
    for _ in range(4):
        changed = False
        for part in parts:
            if time.perf_counter() > deadline:
                return kept
            if all(
                state.host_of[g] >= 0 and state.host_of[g] == state.host_of[part[0]] for g in part
            ):
                continue
            for subset in _subsets(part):
                if time.perf_counter() > deadline:
                    return kept
                if _try_group(state, subset):
                    kept += 1
                    changed = True
                    break
        if not changed:
            break
    return kept
