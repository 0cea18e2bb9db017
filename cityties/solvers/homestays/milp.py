"""The exact model, solved by HiGHS: columns are "these guests stay with this host".

A column is one guest at a candidate host, or, with pairs, a connected set of colleagues
of one small group (``GROUP_COLUMNS`` guests at most) together at a host all of them may
go to and that holds them without breaking a rule among themselves. Its cost is
``weight x priority + pairs inside``, with a weight above any pairs count, so the
objective is lexicographic; it is a whole number, so a gap below one proves the optimum.

- each guest in at most one column (exactly one when locked, only at its host);
- beds: on each night that starts a stay, the guests present at a host take at most its
  beds (the nights where someone arrives dominate every other night: a set of stays
  present on a night is present on the last arrival before it);
- same gender: where guests of several genders may meet on such a night, one binary
  z[h, n, k] per gender k, sum_k z <= 1, and the guests of gender k present count at most
  min(beds, those who may come) x z[h, n, k];
- pairs of bigger groups: p[a, b, h] <= the columns holding a (or b) at h.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from itertools import combinations

import numpy as np

from .highs import Model
from .problem import Problem, connected_parts, groups
from .rules import shared_breaches

#: Groups of colleagues up to this size get a column per connected subset.
GROUP_COLUMNS = 5


def _subsets(p: Problem, group: list[int]) -> Iterator[tuple[int, ...]]:
    for size in range(2, len(group) + 1):
        for subset in combinations(group, size):
            if len(connected_parts(p, list(subset))) == 1:
                yield subset


class Formulation:
    """The model of one problem; ``columns`` maps (guests, host) to its column."""

    def __init__(self, problem: Problem, with_pairs: bool) -> None:
        self.p = problem
        self.model = Model()
        self.weight = len(problem.pairs) + 1 if with_pairs else 1
        self.columns: dict[tuple[tuple[int, ...], int], int] = {}
        self.pair_cols: list[tuple[int, int, int, int]] = []  # (column, a, b, host)
        self.grouped: set[int] = set()
        by_host: list[list[tuple[tuple[int, ...], int]]] = [[] for _ in problem.hosts]
        for g, hosts in enumerate(problem.candidates):
            for h in hosts:
                self._column((g,), h, by_host)
        big: list[list[int]] = []
        if with_pairs:
            for group in groups(problem):
                if len(group) > GROUP_COLUMNS:
                    big.append(group)
                    continue
                self.grouped.update(group)
                for subset in _subsets(problem, group):
                    common = set.intersection(*(set(problem.candidates[g]) for g in subset))
                    for h in sorted(common):
                        guests = [problem.guests[g] for g in subset]
                        if not shared_breaches(problem.hosts[h], guests):
                            self._column(subset, h, by_host)
        self._guest_rows()
        for h, items in enumerate(by_host):
            self._host_rows(h, items)
        big_members = {g for group in big for g in group}
        for a, b in problem.pairs:
            if a in big_members:
                self._pair(a, b)

    def _column(self, guests: tuple[int, ...], h: int, by_host: list) -> None:
        p = self.p
        inside = sum(1 for g in guests for o in p.partners[g] if o in guests) // 2
        cost = self.weight * sum(p.priority[g] for g in guests) + inside
        self.columns[guests, h] = self.model.var(float(cost))
        by_host[h].append((guests, self.columns[guests, h]))

    def _guest_rows(self) -> None:
        holding: dict[int, list[int]] = {}
        for (guests, _h), col in self.columns.items():
            for g in guests:
                holding.setdefault(g, []).append(col)
        for g, cols in sorted(holding.items()):
            low = 1.0 if g in self.p.locked else -math.inf
            if len(cols) > 1 or low > 0:
                self.model.row([(c, 1.0) for c in cols], low, 1.0)

    def _host_rows(self, h: int, items: list[tuple[tuple[int, ...], int]]) -> None:
        p, m = self.p, self.model
        host = p.hosts[h]
        seen: set[tuple] = set()
        for n in sorted({p.stay[g].start for guests, _ in items for g in guests}):
            terms: list[tuple[int, float]] = []
            by_gender: dict[int, list[tuple[int, float]]] = {}
            present: set[int] = set()
            for guests, col in items:
                here = [g for g in guests if n in p.stay[g]]
                if here:
                    terms.append((col, float(len(here))))
                    present.update(here)
                    counts: dict[int, int] = {}
                    for g in here:
                        counts[p.gender[g]] = counts.get(p.gender[g], 0) + 1
                    for k, count in counts.items():
                        by_gender.setdefault(k, []).append((col, float(count)))
            key = tuple(terms)
            if key in seen:
                continue
            seen.add(key)
            if host.same_gender_only and len(by_gender) > 1:
                zs = []
                for k, gender_terms in sorted(by_gender.items()):
                    z = m.var()
                    zs.append(z)
                    cap = min(host.beds, sum(1 for g in present if p.gender[g] == k))
                    m.row([*gender_terms, (z, -float(cap))], -math.inf, 0.0)
                m.row([(z, 1.0) for z in zs], -math.inf, 1.0)
            if len(present) > host.beds:
                m.row(terms, -math.inf, float(host.beds))

    def _pair(self, a: int, b: int) -> None:
        p, m = self.p, self.model
        for h in sorted(set(p.candidates[a]) & set(p.candidates[b])):
            col = m.var(1.0)
            self.pair_cols.append((col, a, b, h))
            m.row([(col, 1.0), (self.columns[(a,), h], -1.0)], -math.inf, 0.0)
            m.row([(col, 1.0), (self.columns[(b,), h], -1.0)], -math.inf, 0.0)

    def ranked(self, x: np.ndarray) -> list[tuple[float, tuple[int, ...], int]]:
        """The columns with their values in ``x`` (an LP relaxation's, to round)."""
        return [(float(x[col]), guests, h) for (guests, h), col in self.columns.items()]

    def assignment(self, x: np.ndarray) -> list[int]:
        host_of = [-1] * len(self.p.guests)
        for (guests, h), col in self.columns.items():
            if x[col] > 0.5:
                for g in guests:
                    host_of[g] = h
        return host_of
