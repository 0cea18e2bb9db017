"""Pavilion cost allocation: who pays what of pooled stands and other items, after covered
parts and stacked subsidies, to the cent.

Public API (pure Python, no Django):

- ``parse_input(data: dict) -> Input``: validate the JSON-like input (the issue's shape);
  raises ``InvalidInput(id, message)`` naming the offending item, participant or rule.
- ``check_input(inp: Input) -> None``: the same checks on an ``Input`` built by hand.
- ``allocate(inp: Input) -> Result``: the allocation (it calls ``check_input``).
- ``result_to_json(result) -> dict``: the command line's output document.
- ``note_text_en(note) -> str``: the English words of a ``Note`` (why a participant got
  what it got from a rule); pages render ``Note.code``, ``Note.failed`` and
  ``Note.bounds`` in their own language.
- ``violations(inp, result) -> list[str]``: an independent checker of the invariants.
- ``Result.participant(id)`` / ``Result.item(id)``: look-ups; ``ParticipantResult.shares``
  and ``.covers`` give a participant's part of each item and what it covers.
- ``synthetic.build_instance(participants=300, stands=150, others=40, rules=6, seed=1)``:
  a deterministic village in the JSON input shape (benchmark, page timings).

Command line: ``python -m cityties.solvers.costs INPUT.json [--out OUT.json]``; prints the
result (or writes it); on bad input prints ``error: <id>: <message>`` and exits 2.

The rules, in the order they apply:

1. Each item's amount is converted once to ``currency`` at its rate (units of ``currency``
   per unit of the item's currency) and rounded half-up to the cent.
2. Covered parts are taken off the item first; the rest is split among its shares in
   proportion to the rule (``equal``, ``area``, ``days``, ``weights``), to the cent by
   largest remainder, ties to the participant id that sorts first. A single share bears
   the whole rest.
3. A participant's gross is the sum of its shares.
4. Subsidy rules apply in the order given. For an eligible participant the base is its
   shares in the rule's kinds; a share whose area is known counts for at most
   ``min(area, max_area_m2) x max_price_per_m2`` and at most
   ``share x min(1, max_area_m2 / area)``. The amount is ``rate x base`` rounded half-up to
   the cent, then cut to ``cap_per_participant``, then to what ``window.limit`` leaves after
   ``aid_received`` and the participant's amounts from earlier rules that have a window
   (``all_or_nothing``: a participant whose aid would pass the limit gets nothing from the
   rule), then to the participant's gross minus its earlier subsidies.
5. Eligibility: ``kinds``, ``sme``, ``prior_participations <= max_prior_participations``,
   ``not_previous_edition``, ``regions``; with ``min_from_region`` the rule gives nothing to
   anyone when fewer participants than that meet its other conditions.
6. When a rule's total passes ``cap_total``, its amounts are scaled down in proportion so
   the total equals the cap, to the cent by largest remainder (ties to the id sorting
   first), before the next rule applies.
7. ``net = gross - subsidies``; ``funders`` holds each rule's total and each covering
   participant's parts; ``total`` = sum of items = sum of nets + sum of funders.
8. Nothing depends on the order participants, shares or covered parts are listed in.

Readings chosen where the rules are silent (what a finance officer would expect):

- A share's area for the ceilings is its ``area_m2``; else, on an item with an area, the
  item's area when it has a single share, or the item's area in the proportion of the
  split (equal: area / number of shares; days or weights: area x its days or weight over
  the total). A share given an ``area_m2`` on an item without one still gets the ceilings.
  With no known area, no area or price ceiling applies. The ceilings apply per share: a
  participant on two stands gets ``max_area_m2`` on each.
- The base is exact (no rounding before ``rate x base``); ``Note.base`` is rounded to the
  cent only for display.
- An ``area`` split is in proportion to the shares' areas even if they cover less than the
  stand (the unlet area is borne by the exhibitors); shares whose areas add up to more
  than the item's are refused. A share's days never pass the item's ``days``, and under a
  ``days`` split the shares' days add up to at most the item's (they share its time).
  Weights are relative (any positive scale), never checked against 100.
- ``eligible.sme: false`` and ``not_previous_edition: false`` set no condition. A missing
  ``kind`` or ``region`` fails a ``kinds`` or ``regions`` condition.
- ``min_from_region`` counts every participant of the input (with or without costs) that
  meets the rule's other conditions; when too few do, every participant's note carries
  the ``min_from_region`` failure.
- A rule without ``kinds`` covers every kind; an empty ``kinds`` list covers none. An item
  without ``split`` is split equally. The top-level ``currency`` defaults to EUR.
- The window: ``aid_received`` is aid already counted in every window (one de minimis
  figure per participant); the room left is never negative; with ``all_or_nothing`` an
  amount that exactly reaches the limit is granted. An uncapped amount of zero is never
  "cut".
- ``cap_total`` scaling touches only participants with a positive amount; each of them
  gets a ``cap_total`` bound in its note (even if the scaled amount rounds back up to
  its amount).
- Money in the top-level currency (covered parts, caps, limits, aid received) must be to
  the cent; item amounts, areas, days, weights and prices per m² may have up to 6
  decimals, rates up to 10. Amounts are below 10^12, areas below 10^6 m², days below 10^4.
- Participants come out sorted by id, items in the input's order, funders with the rules
  in their order then covering participants by id; every participant lists every rule
  (0.00 when nothing). A rule and a covering participant with the same id share one
  ``funders`` entry (summed).
- Several covered parts by one participant on one item are summed; two shares of one
  participant on one item are refused. A rate given for the top-level currency must be 1.
- Keys beyond those of the issue are ignored (labels, legal references, names), except
  inside ``eligible`` and ``window`` where an unknown key is refused (a misspelt
  condition must not silently drop out).
"""

from .check import violations
from .engine import allocate
from .model import (
    BOUNDS,
    CONDITIONS,
    NOTE_CODES,
    SPLITS,
    Bound,
    Cover,
    Eligibility,
    Failure,
    Input,
    InvalidInput,
    Item,
    ItemResult,
    Note,
    Participant,
    ParticipantResult,
    Result,
    Share,
    SubsidyRule,
    Window,
)
from .notes import bound_text_en, failure_text_en, note_text_en
from .output import money_text, result_to_json
from .parse import check_input, parse_input

__all__ = [
    "BOUNDS",
    "CONDITIONS",
    "NOTE_CODES",
    "SPLITS",
    "Bound",
    "Cover",
    "Eligibility",
    "Failure",
    "Input",
    "InvalidInput",
    "Item",
    "ItemResult",
    "Note",
    "Participant",
    "ParticipantResult",
    "Result",
    "Share",
    "SubsidyRule",
    "Window",
    "allocate",
    "bound_text_en",
    "check_input",
    "failure_text_en",
    "money_text",
    "note_text_en",
    "parse_input",
    "result_to_json",
    "violations",
]
