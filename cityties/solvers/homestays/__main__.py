"""Command line: python -m cityties.solvers.homestays INPUT.json [--out OUT.json]."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from .engine import DEFAULT_TIME_LIMIT, assign
from .model import InvalidInput
from .output import result_to_json
from .parse import parse_input


def _read(path: str) -> Any:
    if path == "-":
        return json.load(sys.stdin)
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cityties.solvers.homestays",
        description="Assign a delegation's guests to host families.",
    )
    parser.add_argument("input", help="input JSON file ('-' for stdin)")
    parser.add_argument("--out", help="where to write the result JSON (default: stdout)")
    parser.add_argument(
        "--time-limit",
        type=float,
        default=DEFAULT_TIME_LIMIT,
        help=f"seconds to search for the optimum (default {DEFAULT_TIME_LIMIT:g})",
    )
    args = parser.parse_args(argv)
    if not args.time_limit > 0:
        print("error: --time-limit: must be a positive number of seconds", file=sys.stderr)
        return 2
    try:
        data = _read(args.input)
    except OSError as exc:
        print(f"error: {args.input}: cannot read the file: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except (ValueError, RecursionError) as exc:
        print(f"error: {args.input}: not a JSON document: {exc}", file=sys.stderr)
        return 2
    try:
        inp = parse_input(data)
    except InvalidInput as exc:
        print(f"error: {exc.id}: {exc.message}", file=sys.stderr)
        return 2
    text = json.dumps(result_to_json(assign(inp, args.time_limit)), indent=1) + "\n"
    if args.out is None or args.out == "-":
        sys.stdout.write(text)
        return 0
    try:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        print(f"error: {args.out}: cannot write the file: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
