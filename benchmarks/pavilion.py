"""Pavilion economics: the cost-allocation engine on a federation-scale village.

    .venv/bin/python benchmarks/pavilion.py [--runs N] [--seed S] [--dump FILE]

``build_instance(participants=300, stands=150, others=40, rules=6, seed=1)`` (defined in
``cityties.solvers.costs.synthetic``, importable from here too) makes a deterministic input
in the engine's JSON shape; the same builder seeds the database for the pavilion pages'
timings. The script times ``parse_input`` and ``allocate`` (median of
--runs runs; ``allocate`` includes its input check), checks the result with the
independent ``violations`` checker, and prints the figures.

The last line is machine-readable: RESULT engine_ms=<ms>
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cityties.solvers.costs import (  # noqa: E402
    allocate,
    parse_input,
    result_to_json,
    violations,
)
from cityties.solvers.costs.synthetic import build_instance  # noqa: E402

__all__ = ["build_instance", "main"]


def _median_ms(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), max(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs (median reported)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dump", help="also write the instance JSON to this file")
    args = parser.parse_args(argv)

    data = build_instance(seed=args.seed)
    if args.dump:
        Path(args.dump).write_text(json.dumps(data, indent=1, ensure_ascii=False), "utf-8")
    inp = parse_input(data)
    result = allocate(inp)
    problems = violations(inp, result)
    if problems:
        print("\n".join(problems[:20]), file=sys.stderr)
        return 1

    parse_ms, parse_max = _median_ms(lambda: parse_input(data), args.runs)
    engine_ms, engine_max = _median_ms(lambda: allocate(inp), args.runs)
    json_ms, _ = _median_ms(lambda: result_to_json(result), args.runs)

    shares = sum(len(it.shares) for it in inp.items)
    subsidised = sum(1 for p in result.participants if any(p.subsidies.values()))
    bound = sum(
        1 for p in result.participants for n in p.notes.values() if n.bounds and n.amount >= 0
    )
    print(
        f"instance: {len(inp.participants)} participants, {len(inp.items)} items "
        f"({sum(1 for it in inp.items if it.kind == 'stand')} stands), {shares} shares, "
        f"{sum(len(it.covered) for it in inp.items)} covered parts, {len(inp.subsidies)} rules"
    )
    print(
        f"result: total {result.total} EUR, {subsidised} participants subsidised, "
        f"{bound} notes with a bound; funders "
        + ", ".join(f"{k} {v}" for k, v in result.funders.items())
    )
    print(f"parse_input: median {parse_ms:.1f} ms (max {parse_max:.1f}) over {args.runs} runs")
    print(f"allocate:    median {engine_ms:.1f} ms (max {engine_max:.1f}) over {args.runs} runs")
    print(f"result_to_json: median {json_ms:.1f} ms")
    print(f"target: allocate <= 100 ms: {'met' if engine_ms <= 100 else 'MISSED'}")
    print(f"RESULT engine_ms={engine_ms:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
