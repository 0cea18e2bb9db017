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
from bisect import bisect_left
from collections.abc import Iterator
from itertools import combinations

import numpy as np

from .highs import Model
from .problem import Problem, connected_parts, groups

#: Groups of colleagues up to this size get a column per connected subset.
GROUP_COLUMNS = 5


def _subsets(p: Problem, group: list[int]) -> Iterator[tuple[int, ...]]:
    for size in range(2, len(group) + 1):
        for subset in combinations(group, size):
            if len(connected_parts(p, list(subset))) == 1:
                yield subset


def _most_at_once(p: Problem, guests: tuple[int, ...]) -> int:
    """The most of these guests present on one night (a night someone arrives)."""
    return max(sum(1 for g in guests if p.stay[a].start in p.stay[g]) for a in guests)


def _clash(p: Problem, guests: tuple[int, ...]) -> bool:
    """Two of them of different genders share a night."""
    return any(
        p.gender[a] != p.gender[b]
        and p.stay[a].start < p.stay[b].stop
        and p.stay[b].start < p.stay[a].stop
        for i, a in enumerate(guests)
        for b in guests[i + 1 :]
    )


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
                    common = frozenset.intersection(*(problem.candidate_sets[g] for g in subset))
                    clash = _clash(problem, subset)
                    most = _most_at_once(problem, subset)
                    for h in sorted(common):
                        host = problem.hosts[h]
                        if most <= host.beds and not (clash and host.same_gender_only):
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
        nights = sorted({p.stay[g].start for guests, _ in items for g in guests})
        terms: list[dict[int, float]] = [{} for _ in nights]
        by_gender: list[dict[int, dict[int, float]]] = [{} for _ in nights]
        present: list[set[int]] = [set() for _ in nights]
        for guests, col in items:
            for g in guests:
                stay, k = p.stay[g], p.gender[g]
                for j in range(bisect_left(nights, stay.start), bisect_left(nights, stay.stop)):
                    terms[j][col] = terms[j].get(col, 0.0) + 1.0
                    gender = by_gender[j].setdefault(k, {})
                    gender[col] = gender.get(col, 0.0) + 1.0
                    present[j].add(g)
        seen: set[frozenset[int]] = set()
        for j in range(len(nights)):
            key = frozenset(present[j])
            if key in seen:  # the same guests as on an earlier night: the same rows
                continue
            seen.add(key)
            if host.same_gender_only and len(by_gender[j]) > 1:
                zs = []
                for k, gender_terms in sorted(by_gender[j].items()):
                    z = m.var()
                    zs.append(z)
                    cap = min(host.beds, sum(1 for g in present[j] if p.gender[g] == k))
                    m.row([*gender_terms.items(), (z, -float(cap))], -math.inf, 0.0)
                m.row([(z, 1.0) for z in zs], -math.inf, 1.0)
            if len(present[j]) > host.beds:
                m.row(list(terms[j].items()), -math.inf, float(host.beds))

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
