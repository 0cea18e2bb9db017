"""Command line: python -m cityties.solvers.costs INPUT.json [--out OUT.json]."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from .engine import allocate
from .model import InvalidInput
from .output import result_to_json
from .parse import parse_input


def _read(path: str) -> Any:
    if path == "-":
        return json.load(sys.stdin, parse_float=Decimal)
    with open(path, encoding="utf-8") as fh:
        return json.load(fh, parse_float=Decimal)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cityties.solvers.costs",
        description="Allocate a pavilion's costs and subsidies to its participants.",
    )
    parser.add_argument("input", help="input JSON file ('-' for stdin)")
    parser.add_argument("--out", help="where to write the result JSON (default: stdout)")
    args = parser.parse_args(argv)
    try:
        data = _read(args.input)
    except OSError as exc:
        print(f"error: {args.input}: cannot read the file: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except (ValueError, RecursionError) as exc:
        # json.JSONDecodeError and UnicodeDecodeError are ValueErrors.
        print(f"error: {args.input}: not a JSON document: {exc}", file=sys.stderr)
        return 2
    try:
        result = allocate(parse_input(data))
    except InvalidInput as exc:
        print(f"error: {exc.id}: {exc.message}", file=sys.stderr)
        return 2
    text = json.dumps(result_to_json(result), indent=1) + "\n"
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
