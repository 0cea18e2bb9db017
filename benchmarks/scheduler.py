"""Scheduler and relevance benchmarks: `python benchmarks/scheduler.py [--quick]`.

Every scale runs in its own child process so peak memory (ru_maxrss, which includes
HiGHS's native allocations) is measured per scale. Instances come from a fixed seed.
The last line printed is machine-readable (RESULT ...).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cityties.solvers.meetings import (  # noqa: E402
    Instance,
    Lock,
    Party,
    Place,
    Request,
    Slot,
    greedy,
    solve,
    violations,
)
from cityties.solvers.meetings.model import check_locks  # noqa: E402

SEED = 20161117
EST = timezone(timedelta(hours=-5))


def make_slots(days: int, per_day: int) -> list[Slot]:
    out = []
    for d in range(days):
        t0 = datetime(2016, 11, 17 + d, 9, 0, tzinfo=EST)
        for i in range(per_day):
            start = t0 + timedelta(minutes=20 * i)
            out.append(Slot(f"d{d + 1}s{i + 1:02d}", start, start + timedelta(minutes=20)))
    return out


def make_instance(
    seed: int,
    hosts: int,
    visitors: int,
    requests: int,
    days: int,
    per_day: int,
    places: int,
    host_max: tuple[int, int],
    visitor_max: tuple[int, int],
) -> Instance:
    """French hosts meet American visitors; a few visitors are companies with a stand and
    some tables join a chamber of commerce as a third party. Popularity is skewed."""
    rng = random.Random(seed)
    slots = make_slots(days, per_day)
    n_stands = places // 8
    n_lounges = places // 15
    place_list = [Place(f"stand{i}", 1) for i in range(n_stands)]
    place_list += [Place(f"lounge{i}", 4) for i in range(n_lounges)]
    place_list += [Place(f"table{i}", 1) for i in range(places - n_stands - n_lounges)]

    def unavailable() -> frozenset[str]:
        # 25% unavailability, in blocks (a visit, a lunch) rather than scattered.
        out: set[str] = set()
        target = round(0.25 * len(slots))
        while len(out) < target:
            start = rng.randrange(len(slots))
            out.update(s.id for s in slots[start : start + rng.randint(1, 4)])
        return frozenset(sorted(out)[:target])

    party_list = [Party(f"fr{i}", unavailable(), rng.randint(*host_max)) for i in range(hosts)] + [
        Party(f"us{i}", unavailable(), rng.randint(*visitor_max)) for i in range(visitors)
    ]
    chambers = [f"us{i}" for i in range(0, visitors, max(1, visitors // 40))][:40]
    companies = [f"us{i}" for i in range(1, visitors, max(1, visitors // n_stands))][:n_stands]
    stand_of = {c: f"stand{i}" for i, c in enumerate(companies)}
    host_cum = list(itertools.accumulate(1.0 / (1 + i) ** 0.3 for i in range(hosts)))
    seen: set[tuple[str, ...]] = set()
    req_list: list[Request] = []
    while len(req_list) < requests:
        host = f"fr{rng.choices(range(hosts), cum_weights=host_cum)[0]}"
        visitor = f"us{rng.randrange(visitors)}"
        members = [host, visitor]
        if rng.random() < 0.08:
            chamber = rng.choice(chambers)
            if chamber != visitor:
                members.append(chamber)
        key = tuple(sorted(members))
        if key in seen:
            continue
        seen.add(key)
        where: tuple[str, ...] = ()
        if visitor in stand_of and rng.random() < 0.7:
            where = (stand_of[visitor],)
        req_list.append(Request(f"r{len(req_list)}", tuple(members), rng.randint(1, 3), where))
    return Instance(tuple(slots), tuple(place_list), tuple(party_list), tuple(req_list))


def summit(quick: bool) -> Instance:
    if quick:
        return make_instance(SEED, 30, 300, 1200, 3, 18, 15, (25, 45), (6, 12))
    return make_instance(SEED, 300, 3000, 12_000, 3, 18, 150, (25, 45), (6, 12))


def large(quick: bool) -> Instance:
    if quick:
        return make_instance(SEED + 1, 200, 1800, 10_000, 3, 18, 100, (30, 60), (8, 14))
    return make_instance(SEED + 1, 2000, 18_000, 100_000, 3, 18, 1000, (30, 60), (8, 14))


def replan_instance(base: Instance, meetings: list[Any], seed: int) -> tuple[Instance, int]:
    """Cancel 5% of the scheduled parties for day 2; lock every other meeting."""
    rng = random.Random(seed)
    parties_of = {r.id: r.parties for r in base.requests}
    involved = sorted({p for m in meetings for p in parties_of[m.request]})
    cancelled = set(rng.sample(involved, max(1, len(involved) // 20)))
    day2 = {s.id for s in base.slots if s.id.startswith("d2")}
    parties = tuple(
        Party(p.id, p.unavailable | day2, p.max_meetings) if p.id in cancelled else p
        for p in base.parties
    )
    locks = tuple(
        Lock(m.request, m.slot, m.place)
        for m in meetings
        if not (m.slot in day2 and cancelled & set(parties_of[m.request]))
    )
    inst = Instance(base.slots, base.places, parties, base.requests, locks)
    check_locks(inst)
    return inst, len(meetings) - len(locks)


def run_scale(name: str, quick: bool) -> dict[str, Any]:

    out: dict[str, Any] = {"scale": name}
    if name in ("summit", "large"):
        inst = summit(quick) if name == "summit" else large(quick)
        out["size"] = {
            "parties": len(inst.parties),
            "requests": len(inst.requests),
            "slots": len(inst.slots),
            "places": len(inst.places),
        }
        g = greedy(inst)
        res = solve(inst, time_limit=9.0 if name == "summit" else 45.0)
        bad = violations(inst, res.meetings) + violations(inst, g.meetings)
        out.update(
            greedy_weight=g.weight,
            greedy_seconds=g.seconds,
            weight=res.weight,
            bound=res.upper_bound,
            ratio=res.ratio,
            greedy_ratio=g.weight / res.upper_bound if res.upper_bound else 1.0,
            seconds=res.seconds,
            method=res.method,
            scheduled=len(res.meetings),
            idle_gaps=res.idle_gaps,
            violations=len(bad),
        )
        if name == "summit":
            replan, moved = replan_instance(inst, list(res.meetings), SEED)
            started = time.perf_counter()
            again = solve(replan, time_limit=1.5)
            out["replan"] = {
                "seconds": time.perf_counter() - started,
                "locked": len(replan.locked),
                "to_replace": moved,
                "weight": again.weight,
                "bound": again.upper_bound,
                "ratio": again.ratio,
                "violations": len(violations(replan, again.meetings)),
            }
    elif name == "relevance":
        from cityties.solvers.relevance import demo_parties, rank_all

        hosts, visitors = (30, 300) if quick else (300, 3000)
        parties = demo_parties(hosts, visitors, seed=SEED)
        started = time.perf_counter()
        ranked = rank_all(parties, [p.id for p in parties[:hosts]], limit=20)
        out["seconds"] = time.perf_counter() - started
        out["ranked"] = len(ranked)
    out["maxrss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="small smoke run (a few seconds)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_scale(args.child, args.quick)))
        return 0
    results: dict[str, dict[str, Any]] = {}
    for name in ("summit", "large", "relevance"):
        cmd = [sys.executable, __file__, "--child", name] + (["--quick"] if args.quick else [])
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return 1
        results[name] = json.loads(proc.stdout.strip().splitlines()[-1])
    s, lg, rel = results["summit"], results["large"], results["relevance"]
    for label, r in (("City Summit", s), ("Large fair", lg)):
        print(f"== {label}: {r['size']}")
        print(
            f"   greedy  weight={r['greedy_weight']:.0f} ratio={r['greedy_ratio']:.4f} "
            f"seconds={r['greedy_seconds']:.2f}"
        )
        print(
            f"   engine  weight={r['weight']:.0f} bound={r['bound']:.0f} ratio={r['ratio']:.5f} "
            f"seconds={r['seconds']:.2f} method={r['method']} scheduled={r['scheduled']} "
            f"idle_gaps={r['idle_gaps']} violations={r['violations']} "
            f"peak_rss={r['maxrss_mib']:.0f} MiB"
        )
    rp = s["replan"]
    print(
        f"== Re-plan: locked={rp['locked']} to_replace={rp['to_replace']} "
        f"weight={rp['weight']:.0f} bound={rp['bound']:.0f} ratio={rp['ratio']:.5f} "
        f"seconds={rp['seconds']:.2f} violations={rp['violations']}"
    )
    print(
        f"== Relevance: {rel['ranked']} parties ranked in {rel['seconds']:.2f} s "
        f"(peak_rss={rel['maxrss_mib']:.0f} MiB)"
    )
    print(
        f"RESULT summit_ratio={s['ratio']:.5f} summit_s={s['seconds']:.2f} "
        f"summit_greedy_ratio={s['greedy_ratio']:.5f} large_ratio={lg['ratio']:.5f} "
        f"large_s={lg['seconds']:.2f} large_mib={lg['maxrss_mib']:.0f} "
        f"replan_s={rp['seconds']:.2f} relevance_s={rel['seconds']:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
