"""Meeting scheduler: place accepted meeting requests in slots and places.

Public API (pure Python, no Django):

- ``parse_instance(data: dict) -> Instance``: validate JSON-like input; raises
  ``SolverInputError`` naming the offending item (unknown/duplicate ids, wrong types,
  locked meetings that break a rule or cannot all be kept).
- ``solve(instance: Instance, time_limit: float | None = None) -> Result``: the optimiser.
  ``Result.weight`` is the total priority of placed requests and ``Result.upper_bound`` a
  proven bound no schedule can exceed (LP relaxation / MILP dual bound via HiGHS). Never
  less weight than ``greedy()`` unless the time limit cut the comparison short
  (``Result.extra["greedy_checked"]`` is then False; see ``engine``'s docstring).
- ``greedy(instance: Instance) -> Result``: the baseline (priority first, earliest slot).
- ``result_to_json(result: Result) -> dict``: the command line's output document.
- ``violations(instance, meetings) -> list[str]``: an independent rule checker.

Command line: ``python -m cityties.solvers.meetings INPUT.json --out OUTPUT.json
[--time-limit S]``; exit code 2 with a message on stderr for bad input.
"""

from .check import idle_gaps, schedule_weight, violations
from .engine import solve
from .greedy import greedy
from .model import (
    Instance,
    Lock,
    Meeting,
    Party,
    Place,
    Request,
    Result,
    Slot,
    SolverInputError,
    instance_to_json,
    parse_instance,
    result_to_json,
)

__all__ = [
    "Instance",
    "Lock",
    "Meeting",
    "Party",
    "Place",
    "Request",
    "Result",
    "Slot",
    "SolverInputError",
    "greedy",
    "idle_gaps",
    "instance_to_json",
    "parse_instance",
    "result_to_json",
    "schedule_weight",
    "solve",
    "violations",
]
