"""Homestays: the assignment engine on generated instances, against an exact MILP.

    .venv/bin/python benchmarks/homestays.py [--seed S] [--time-limit T] [--dump DIR]
        [--festivals N]

Instances (``cityties.solvers.homestays.synthetic.build_instance``, fixed seed):

- 40 guests x 36 hosts and 120 x 70, scarce beds: the engine's (priority, pairs) must
  equal the optimum of a plain MILP written here independently of the engine (one binary
  per guest and host meeting the static rules, beds and same-gender rows on every night,
  pair variables, weighted objective), solved without time limit; target <= 5 s.
- 500 guests x 380 hosts, a youth-exchange festival (three seeds by default): the
  optimal priority and >= 95 % of the best known pairs; target <= 10 s. The best known
  figures are those recorded in ``BEST_KNOWN`` or this run's, whichever is higher; a
  seed without a record is compared with the engine's proven pairs bound instead (a
  lower figure than the true ratio). The RESULT gives the slowest festival and the
  lowest ratio.

With DATABASE_URL on PostgreSQL and ``benchmarks/reception.py`` present, its
``measure()`` adds the reception's figures. The last line is machine-readable:
RESULT homestay_small_s=<s> homestay_large_s=<s> homestay_large_ratio=<r>
[checkin_p95_ms=<ms> doors_exact=<0|1>]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import highspy
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cityties.solvers.homestays import Input, assign, parse_input, violations  # noqa: E402
from cityties.solvers.homestays.synthetic import build_instance  # noqa: E402

#: (guests, hosts, seed) -> the best (priority, pairs) any run has found (festival); both
#: are proven optimal: the priority of every guest with a possible family, and the pairs
#: by the bound (seed 1: every pair whose guests share a possible family; seed 2: the
#: floor of the LP relaxation, 232.75).
BEST_KNOWN: dict[tuple[int, int, int], tuple[int, int]] = {
    (500, 380, 1): (772, 199),
    (500, 380, 2): (786, 232),
}


def reference_optimum(inp: Input, seconds: float = 600.0) -> tuple[int, int, bool]:
    """(priority, pairs, proven) of the plain weighted MILP, written from the issue's
    rules alone."""
    hosts, guests = inp.hosts, inp.guests
    pairs = inp.pairs
    weight = len(pairs) + 1
    cols: dict[tuple[str, str], int] = {}
    cost: list[float] = []
    rows: list[tuple[list[int], list[float], float, float]] = []
    for g in guests:
        for h in hosts:
            ok = (
                h.start <= g.arrive
                and g.leave <= h.end
                and bool(set(h.languages) & set(g.languages))
                and (h.genders is None or g.gender in h.genders)
                and not (g.pet_allergy and h.pets)
                and not (g.non_smoking and h.smoking)
                and (
                    h.minutes_to_venue is None
                    or g.max_minutes is None
                    or h.minutes_to_venue <= g.max_minutes
                )
            )
            if ok:
                cols[g.id, h.id] = len(cost)
                cost.append(float(weight * g.priority))
    for g in guests:
        mine = [c for (gid, _h), c in cols.items() if gid == g.id]
        if mine:
            rows.append((mine, [1.0] * len(mine), -math.inf, 1.0))
    for lock in inp.locked:
        rows.append(([cols[lock.guest, lock.host]], [1.0], 1.0, 1.0))
    for h in hosts:
        day = min((g.arrive for g in guests), default=h.start)
        last = max((g.leave for g in guests), default=h.start)
        while day < last:
            here = [g for g in guests if (g.id, h.id) in cols and g.arrive <= day < g.leave]
            if here:
                xs = [cols[g.id, h.id] for g in here]
                rows.append((xs, [1.0] * len(xs), -math.inf, float(h.beds)))
                genders = sorted({g.gender or f"?{g.id}" for g in here})
                if h.same_gender_only and len(genders) > 1:
                    zs = []
                    for k in genders:
                        z = len(cost)
                        cost.append(0.0)
                        zs.append(z)
                        for g in here:
                            if (g.gender or f"?{g.id}") == k:
                                rows.append(([cols[g.id, h.id], z], [1.0, -1.0], -math.inf, 0.0))
                    rows.append((zs, [1.0] * len(zs), -math.inf, 1.0))
            day += timedelta(days=1)
    for a, b in pairs:
        for h in hosts:
            if (a, h.id) in cols and (b, h.id) in cols:
                p = len(cost)
                cost.append(1.0)
                rows.append(([p, cols[a, h.id]], [1.0, -1.0], -math.inf, 0.0))
                rows.append(([p, cols[b, h.id]], [1.0, -1.0], -math.inf, 0.0))
    if not cost:
        return 0, 0, True
    solver = highspy.Highs()
    solver.setOptionValue("output_flag", False)
    solver.setOptionValue("time_limit", seconds)
    solver.setOptionValue("mip_rel_gap", 0.0)
    solver.setOptionValue("mip_abs_gap", 0.99)
    n = len(cost)
    solver.addVars(n, np.zeros(n), np.ones(n))
    solver.changeColsCost(n, np.arange(n, dtype=np.int32), np.array(cost))
    for index, value, low, high in rows:
        solver.addRow(low, high, len(index), np.array(index, np.int32), np.array(value))
    solver.changeColsIntegrality(
        n, np.arange(n, dtype=np.int32), np.full(n, highspy.HighsVarType.kInteger)
    )
    solver.changeObjectiveSense(highspy.ObjSense.kMaximize)
    solver.run()
    proven = solver.getModelStatus() == highspy.HighsModelStatus.kOptimal
    priority, together = divmod(round(solver.getInfo().objective_function_value), weight)
    return priority, together, proven


def _run(data: dict[str, Any], time_limit: float | None) -> tuple[Any, Any, float]:
    inp = parse_input(data)
    t0 = time.perf_counter()
    result = assign(inp, time_limit)
    seconds = time.perf_counter() - t0
    problems = violations(inp, result)
    if problems:
        raise SystemExit("rule broken: " + "; ".join(problems[:5]))
    return inp, result, seconds


def _describe(name: str, inp: Input, result: Any, seconds: float) -> None:
    beds = sum(h.beds for h in inp.hosts)
    print(
        f"{name}: {len(inp.guests)} guests, {len(inp.hosts)} hosts ({beds} beds), "
        f"{len(inp.pairs)} pairs asked; placed {result.placed}, priority {result.priority} "
        f"(bound {result.upper_bound}), pairs {result.pairs} (bound "
        f"{result.pairs_upper_bound}), {result.method}, {seconds:.2f} s"
    )


def small_instances(seed: int, time_limit: float | None, dump: Path | None) -> tuple[float, bool]:
    worst, all_exact = 0.0, True
    for guests, hosts in ((40, 36), (120, 70)):
        data = build_instance(guests, hosts, seed=seed, scarce=True)
        if dump:
            (dump / f"homestays-{guests}x{hosts}.json").write_text(json.dumps(data), "utf-8")
        inp, result, seconds = _run(data, time_limit)
        _describe(f"{guests}x{hosts} scarce", inp, result, seconds)
        t0 = time.perf_counter()
        priority, pairs, proven = reference_optimum(inp)
        exact = (result.priority, result.pairs) == (priority, pairs) and proven
        print(
            f"  reference MILP: priority {priority}, pairs {pairs} "
            f"({'proven' if proven else 'not proven'}, {time.perf_counter() - t0:.1f} s); "
            f"engine {'exact' if exact else 'NOT exact'}"
        )
        worst = max(worst, seconds)
        all_exact = all_exact and exact
    return worst, all_exact


def large_instance(
    seed: int, time_limit: float | None, dump: Path | None, label: str
) -> tuple[float, float, bool]:
    data = build_instance(500, 380, seed=seed, festival=True)
    if dump:
        (dump / f"homestays-500x380-{seed}.json").write_text(json.dumps(data), "utf-8")
    inp, result, seconds = _run(data, time_limit)
    _describe(label, inp, result, seconds)
    known = BEST_KNOWN.get((500, 380, seed))
    if known is None:
        # No recorded best: measure against the proven bounds instead (a lower figure).
        priority_ok = result.priority == result.upper_bound
        best_pairs = result.pairs_upper_bound
        print(
            f"  no recorded best: priority {'proven optimal' if priority_ok else 'not proven'}, "
            f"pairs {result.pairs} of at most {best_pairs} (ratio to the bound "
            f"{result.pairs / max(1, best_pairs):.3f})"
        )
        return seconds, (result.pairs / max(1, best_pairs)) if priority_ok else 0.0, priority_ok
    known_priority, known_pairs = known
    best_priority = max(known_priority, result.priority)
    priority_ok = result.priority == best_priority
    best_pairs = max(known_pairs if known_priority == best_priority else 0, result.pairs)
    ratio = 1.0 if best_pairs == 0 else result.pairs / best_pairs
    print(
        f"  best known: priority {best_priority}, pairs {best_pairs}; "
        f"priority {'optimal' if priority_ok else 'NOT optimal'}, pairs ratio {ratio:.3f}"
    )
    return seconds, ratio if priority_ok else 0.0, priority_ok


def reception_figures() -> dict[str, Any]:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return {}
    if not (ROOT / "benchmarks" / "reception.py").exists():
        return {}
    import importlib

    module = importlib.import_module("benchmarks.reception")
    figures: dict[str, Any] = module.measure()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=None, help="engine budget (s)")
    parser.add_argument("--dump", help="also write the instances' JSON to this directory")
    parser.add_argument(
        "--festivals", type=int, default=3, help="festival instances (seeds from --seed on)"
    )
    args = parser.parse_args(argv)
    dump = Path(args.dump) if args.dump else None
    if dump:
        dump.mkdir(parents=True, exist_ok=True)
    small_s, exact = small_instances(args.seed, args.time_limit, dump)
    runs = [
        large_instance(seed, args.time_limit, dump, label=f"500x380 festival, seed {seed}")
        for seed in range(args.seed, args.seed + max(1, args.festivals))
    ]
    # The worst of the festivals: the slowest run, the lowest ratio.
    large_s = max(seconds for seconds, _ratio, _ok in runs)
    ratio = min(r for _seconds, r, _ok in runs)
    print(
        f"targets: small exact {'yes' if exact else 'NO'} in {small_s:.2f} s (<= 5), "
        f"festivals in {large_s:.2f} s at most (<= 10), pairs ratio {ratio:.3f} at least "
        f"(>= 0.95)"
    )
    result = (
        f"RESULT homestay_small_s={small_s:.2f} homestay_large_s={large_s:.2f} "
        f"homestay_large_ratio={ratio:.3f}"
    )
    reception = reception_figures()
    if reception:
        result += (
            f" checkin_p95_ms={float(reception['checkin_p95_ms']):.1f}"
            f" doors_exact={int(bool(reception['doors_exact']))}"
        )
    print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
