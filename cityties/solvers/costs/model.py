"""Input and output model of the cost-allocation engine.

Every value is a frozen dataclass referring to other values by id, so an input can be
parsed from JSON (``parse_input``), built by hand in tests, or built by the Django side
from its rows (then ``check_input`` validates it; ``allocate`` calls it too).

Money is ``Decimal``: input amounts as given, output amounts always with two decimals in
the input's top-level ``currency``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

#: The ways an item's remaining cost is split among its shares.
SPLITS = ("equal", "area", "days", "weights")

#: The one figure of a share each split needs (``equal`` needs none).
SPLIT_FIELD = {"area": "area_m2", "days": "days", "weights": "weight"}


class InvalidInput(ValueError):
    """The input cannot be allocated; ``id`` names the offending item, participant or rule
    (or the input key when there is no id), ``message`` says why in English."""

    def __init__(self, id: str, message: str) -> None:
        super().__init__(f"{id}: {message}")
        self.id = id
        self.message = message


# --------------------------------------------------------------------------- input


@dataclass(frozen=True, slots=True)
class Participant:
    """A participant and its eligibility facts; a missing fact counts as false or zero."""

    id: str
    kind: str | None = None
    region: str | None = None
    sme: bool = False
    prior_participations: int = 0
    previous_edition: bool = False
    #: Aid already received in the windows of the subsidy rules (de minimis), top currency.
    aid_received: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class Share:
    """One participant's part of an item; the figure the item's split needs must be set."""

    participant: str
    area_m2: Decimal | None = None
    days: Decimal | None = None
    weight: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Cover:
    """A part of an item paid by a participant (the lead city, ...) before any split."""

    by: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    kind: str
    #: In ``currency``; converted once to the top-level currency.
    amount: Decimal
    currency: str
    shares: tuple[Share, ...] = ()
    covered: tuple[Cover, ...] = ()
    split: str = "equal"
    area_m2: Decimal | None = None
    days: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Eligibility:
    """Conditions of a rule; ``None`` (or ``False`` for the flags) means no condition."""

    kinds: tuple[str, ...] | None = None
    sme: bool = False
    max_prior_participations: int | None = None
    not_previous_edition: bool = False
    regions: tuple[str, ...] | None = None
    #: The rule gives nothing when fewer participants meet its other conditions.
    min_from_region: int | None = None


@dataclass(frozen=True, slots=True)
class Window:
    """A limit on aid over a period (de minimis: 200,000 EUR over three years)."""

    limit: Decimal
    #: A participant whose aid would pass the limit gets nothing from the rule.
    all_or_nothing: bool = False


@dataclass(frozen=True, slots=True)
class SubsidyRule:
    id: str
    rate: Decimal
    #: Item kinds the rule covers; ``None`` covers every kind.
    kinds: tuple[str, ...] | None = None
    funder: str | None = None
    eligible: Eligibility = field(default_factory=Eligibility)
    max_area_m2: Decimal | None = None
    max_price_per_m2: Decimal | None = None
    cap_per_participant: Decimal | None = None
    cap_total: Decimal | None = None
    window: Window | None = None


@dataclass(frozen=True, slots=True)
class Input:
    currency: str
    #: Units of ``currency`` per unit of each other currency.
    rates: Mapping[str, Decimal]
    participants: tuple[Participant, ...]
    items: tuple[Item, ...]
    #: Applied in this order.
    subsidies: tuple[SubsidyRule, ...] = ()


# --------------------------------------------------------------------------- output

#: Codes of a note: ``full`` (rate x base, nothing bound), ``not_eligible``, or the code of
#: the last bound applied (see BOUNDS).
NOTE_CODES = (
    "full",
    "not_eligible",
    "area_ceiling",
    "price_ceiling",
    "cap_per_participant",
    "window",
    "window_all_or_nothing",
    "gross",
    "cap_total",
)
#: The bounds in the order the engine applies them.
BOUNDS = NOTE_CODES[2:]
#: Eligibility conditions, in the order they are checked.
CONDITIONS = (
    "kind",
    "sme",
    "prior_participations",
    "previous_edition",
    "region",
    "min_from_region",
)


@dataclass(frozen=True, slots=True)
class Failure:
    """An eligibility condition a participant does not meet.

    ``kind`` / ``region``: ``allowed`` values and the participant's ``actual`` one (None if
    missing); ``prior_participations``: ``limit`` (the maximum) and ``count`` (the
    participant's); ``min_from_region``: ``limit`` (the minimum) and ``count`` (how many
    participants meet the other conditions); ``sme`` / ``previous_edition``: no figures.
    """

    condition: str
    allowed: tuple[str, ...] = ()
    actual: str | None = None
    limit: int | None = None
    count: int | None = None


@dataclass(frozen=True, slots=True)
class Bound:
    """A ceiling or cap that lowered a participant's amount of a rule.

    ``area_ceiling`` / ``price_ceiling`` lower the base: ``before`` / ``after`` are the base
    before and after the ceilings, ``limit`` is ``max_area_m2`` / ``max_price_per_m2``.
    The others lower the amount: ``before`` / ``after`` are the amounts, and ``limit`` is
    ``cap_per_participant``; ``window.limit`` (with ``used`` = aid received plus earlier
    windowed amounts); the participant's gross (with ``used`` = earlier subsidies);
    ``cap_total`` (with ``total`` = the rule's total before scaling and ``scale`` =
    cap / total, rounded to 6 decimals for display).
    """

    code: str
    before: Decimal
    after: Decimal
    limit: Decimal
    used: Decimal | None = None
    total: Decimal | None = None
    scale: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Note:
    """Why a participant got what it got from a rule (render with ``note_text_en`` or, on
    the pages, from the fields).

    ``cost`` is the participant's shares in the rule's kinds, ``base`` the same after the
    area and price ceilings (rounded to the cent for display; the amount is computed from
    the exact base), ``uncapped`` = rate x base to the cent, ``amount`` the final figure.
    """

    rule: str
    code: str
    currency: str
    rate: Decimal
    cost: Decimal
    base: Decimal
    uncapped: Decimal
    amount: Decimal
    failed: tuple[Failure, ...] = ()
    bounds: tuple[Bound, ...] = ()

    @property
    def eligible(self) -> bool:
        return not self.failed


@dataclass(frozen=True, slots=True)
class ItemResult:
    id: str
    kind: str
    #: Converted to the top-level currency, to the cent.
    amount: Decimal
    #: Participant id -> covered part.
    covered: Mapping[str, Decimal]
    #: Participant id -> share (they add up to amount - covered).
    shares: Mapping[str, Decimal]


@dataclass(frozen=True, slots=True)
class ParticipantResult:
    id: str
    gross: Decimal
    #: Rule id -> amount, every rule in the input's order (0.00 when nothing).
    subsidies: Mapping[str, Decimal]
    net: Decimal
    #: Rule id -> why.
    notes: Mapping[str, Note]
    #: Item id -> this participant's share (items it has a share in).
    shares: Mapping[str, Decimal] = field(default_factory=dict)
    #: Item id -> what this participant covers of it.
    covers: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Result:
    currency: str
    #: In the input's order.
    items: tuple[ItemResult, ...]
    #: Sorted by id.
    participants: tuple[ParticipantResult, ...]
    #: Rule id -> the rule's total, then covering participant id -> what it covers (a rule
    #: and a participant with one id share one entry, summed).
    funders: Mapping[str, Decimal]
    #: Sum of items = sum of nets + sum of funders.
    total: Decimal

    def participant(self, pid: str) -> ParticipantResult:
        for p in self.participants:
            if p.id == pid:
                return p
        raise KeyError(pid)

    def item(self, iid: str) -> ItemResult:
        for it in self.items:
            if it.id == iid:
                return it
        raise KeyError(iid)
