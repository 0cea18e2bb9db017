"""Homestays: which delegate sleeps with which host family (pure Python, no Django).

Public API:

- ``parse_input(data: dict) -> Input``: validate the JSON-like input (the issue's shape);
  raises ``InvalidInput(id, message)`` naming the offending host, guest or lock.
- ``check_input(inp: Input) -> None``: the same checks on an ``Input`` built by hand.
- ``assign(inp: Input, time_limit=None) -> Result``: the assignment (it calls
  ``check_input``); ``time_limit`` in seconds, 8 by default.
- ``result_to_json(result) -> dict``: the command line's output document.
- ``reason_text_en(reason) -> str``: the English words of a ``Reason`` (why hosts could not
  take an unplaced guest); pages render ``Reason.code``, ``.hosts`` and ``.nights`` in
  their own language.
- ``breaches(inp, host_of) -> list[Breach]``, ``static_failures(host, guest)`` and
  ``shared_breaches(host, guests)``: the hard rules an assignment (a guest moved by hand)
  breaks, named.
- ``violations(inp, result) -> list[str]``: an independent checker of every rule.
- ``synthetic.build_instance(guests=40, hosts=36, seed=1, scarce=False, festival=False)``:
  deterministic generated inputs (benchmark, tests).

Command line: ``python -m cityties.solvers.homestays INPUT.json [--out OUT.json]
[--time-limit S]``; prints the result (or writes it); on bad input prints
``error: <id>: <message>`` and exits 2.

Hard rules: every night of the stay is offered; on every night a host holds at most
``beds`` guests; no pets for a pet allergy; no smoking host for a non-smoker; the guest's
gender among ``genders`` when given; with ``same_gender_only`` the guests present on a
night share one gender; at least one common language; ``minutes_to_venue <= max_minutes``
when both are given; locks kept. Objective, lexicographic: the most total ``priority``
placed, then the most ``with`` pairs at the same host.

How it searches: a greedy by priority with repair (ejections) and a local search bringing
colleagues together; then the MILP of the priority alone when the heuristic has not met
the simple bound, and, up to ``engine.EXACT_COLUMNS`` columns, the exact MILP of both
objectives at once (HiGHS; each LP relaxation is rounded first, and an optimum proven by
the LP stops there); above that size, small exact pieces around the pairs apart.
``upper_bound`` is the least of the sum of the priorities of guests with a possible host
and the MILP's proven dual bound; ``stats.method`` is ``exact`` (both objectives proven
optimal), ``milp`` (priority proven optimal, pairs the best found) or ``heuristic``
(best found).

Readings chosen where the rules are silent:

- ``to`` must come after ``from`` and ``leave`` after ``arrive`` (a stay of no night is
  refused, and so is one of more than 366 nights); dates are ``YYYY-MM-DD``.
- ``languages`` are compared as written; none given means none in common.
- ``genders`` missing or null takes any gender; a list (even empty) takes those only, and
  never a guest whose gender is not given. Under ``same_gender_only`` a guest without a
  gender shares no night with another guest.
- ``beds`` and ``priority`` are whole numbers, not negative; ``priority`` defaults to 1
  (0 is allowed: such a guest counts only for pairs). Minutes are numbers, not negative.
- ``with`` naming an unknown guest, or the guest themselves, is refused; a pair counts once
  whether one or both colleagues ask.
- A lock naming an unknown guest or host, a guest locked twice, a lock breaking a rule
  with its host, or locks that together overfill a host or mix genders are refused.
- Keys beyond the issue's are ignored. Nothing depends on the order of the input: hosts
  and guests are taken in id order; assignments and unplaced guests come out in the
  input's guest order.
- Each unplaced guest's ``reasons`` are English sentences; ``codes`` gives the same as
  ``{"code", "hosts"[, "nights"]}``: a static rule (``nights``, ``language``, ``gender``,
  ``pets``, ``smoking``, ``commute``) with the hosts it rules out, ``full`` (hosts meeting
  every rule with no bed left on ``nights``), ``same_gender`` (hosts with a bed, holding a
  guest of another gender on ``nights``), ``no_host``.
"""

from . import synthetic
from .check import violations
from .engine import DEFAULT_TIME_LIMIT, assign
from .model import (
    REASON_CODES,
    STATIC_RULES,
    Assignment,
    Guest,
    Host,
    Input,
    InvalidInput,
    Lock,
    Reason,
    Result,
    Unplaced,
)
from .output import result_to_json
from .parse import check_input, parse_input
from .reasons import reason_text_en
from .rules import (
    Breach,
    breaches,
    pairs_together,
    priority_placed,
    shared_breaches,
    static_failures,
)

__all__ = [
    "DEFAULT_TIME_LIMIT",
    "REASON_CODES",
    "STATIC_RULES",
    "Assignment",
    "Breach",
    "Guest",
    "Host",
    "Input",
    "InvalidInput",
    "Lock",
    "Reason",
    "Result",
    "Unplaced",
    "assign",
    "breaches",
    "check_input",
    "pairs_together",
    "parse_input",
    "priority_placed",
    "reason_text_en",
    "result_to_json",
    "shared_breaches",
    "static_failures",
    "synthetic",
    "violations",
]
