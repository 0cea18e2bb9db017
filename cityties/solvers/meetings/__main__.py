"""Command line: python -m cityties.solvers.meetings INPUT.json --out OUTPUT.json."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .engine import solve
from .model import SolverInputError, parse_instance, result_to_json


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cityties.solvers.meetings", description="Schedule accepted meetings."
    )
    parser.add_argument("input", help="instance JSON file ('-' for stdin)")
    parser.add_argument(
        "--out", required=True, help="where to write the schedule JSON ('-' = stdout)"
    )
    parser.add_argument("--time-limit", type=float, default=None, help="seconds (default 30)")
    args = parser.parse_args(argv)
    if args.time_limit is not None and not args.time_limit > 0:
        print("error: --time-limit must be positive", file=sys.stderr)
        return 2
    try:
        if args.input == "-":
            data = json.load(sys.stdin)
        else:
            with open(args.input, encoding="utf-8") as fh:
                data = json.load(fh)
    except OSError as exc:
        print(f"error: cannot read {args.input}: {exc}", file=sys.stderr)
        return 2
    except json.JSONDecodeError as exc:
        print(f"error: {args.input} is not valid JSON: {exc}", file=sys.stderr)
        return 2
    try:
        instance = parse_instance(data)
    except SolverInputError as exc:
        print(f"error: invalid input: {exc}", file=sys.stderr)
        return 2
    result = solve(instance, time_limit=args.time_limit)
    text = json.dumps(result_to_json(result), indent=1)
    if args.out == "-":
        sys.stdout.write(text + "\n")
    else:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
