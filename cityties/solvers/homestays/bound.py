"""Proven upper bounds, cheap enough to compute on any input."""

from __future__ import annotations

import math

from .highs import Model, solve
from .problem import Problem


def priority_bound(problem: Problem) -> int:
    """Every guest with a candidate host, placed."""
    return sum(problem.priority[g] for g, hosts in enumerate(problem.candidates) if hosts)


def capacity_bound(problem: Problem, seconds: float = 1.0) -> int | None:
    """The most priority the nights' beds can hold, forgetting which family each bed is
    in: on each night, the guests present take at most the beds of the families that
    could take one of them. A stay is a run of consecutive nights, so this LP's matrix is
    an interval matrix (totally unimodular) and its optimum is the optimum of the
    relaxed problem. None when HiGHS is missing or too slow."""
    p = problem
    model = Model()
    cols = {g: model.var(float(p.priority[g])) for g, hosts in enumerate(p.candidates) if hosts}
    for n in range(len(p.nights)):
        here = [g for g in cols if n in p.stay[g]]
        hosts = {h for g in here for h in p.candidates[g]}
        beds = sum(p.hosts[h].beds for h in hosts)
        if len(here) > beds:
            model.row([(cols[g], 1.0) for g in here], -math.inf, float(beds))
    if not model.row_upper:
        return priority_bound(problem)
    solved = solve(model, seconds, integer=False)
    if solved is None or not solved.optimal:
        return None
    return math.floor(solved.objective + 1e-6)


def pairs_bound(problem: Problem) -> int:
    """Pairs whose two guests have a candidate host in common."""
    return sum(1 for a, b in problem.pairs if problem.candidate_sets[a] & problem.candidate_sets[b])


def columns(problem: Problem) -> int:
    """The size of the whole model: one column per guest and candidate host, one per pair
    and common candidate host (a bound on the group columns too)."""
    x = sum(len(hosts) for hosts in problem.candidates)
    pairs = sum(
        len(problem.candidate_sets[a] & problem.candidate_sets[b]) for a, b in problem.pairs
    )
    return x + pairs
