"""Input and output model of the homestay assignment engine.

Every value is a frozen dataclass referring to others by id, so an input can be parsed from
JSON (``parse_input``), built by hand in tests, or built by the Django side from its rows
(then ``check_input`` validates it; ``assign`` calls it too).

Nights are ``date`` values: a guest sleeps the nights from ``arrive`` to the night before
``leave``; a host offers the nights from ``start`` ("from") to the night before ``end``
("to").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

#: The hard rules a host and a guest must meet whatever else is placed (the reasons' codes
#: of the same name), in the order reasons list them.
STATIC_RULES = ("nights", "language", "gender", "pets", "smoking", "commute")
#: The rules that depend on the other guests placed with the same host.
SHARED_RULES = ("beds", "same_gender")
#: Reason codes of an unplaced guest: a static rule, or a host meeting every static rule
#: that has no bed left (``full``) or hosts a guest of another gender (``same_gender``) on
#: some night; ``no_host`` when the input has no host at all.
REASON_CODES = (*STATIC_RULES, "full", "same_gender", "no_host")


class InvalidInput(ValueError):
    """The input cannot be assigned; ``id`` names the offending host, guest or key,
    ``message`` says why in English."""

    def __init__(self, id: str, message: str) -> None:
        super().__init__(f"{id}: {message}")
        self.id = id
        self.message = message


# --------------------------------------------------------------------------- input


@dataclass(frozen=True, slots=True)
class Host:
    id: str
    beds: int
    #: The first night offered ("from") and the day after the last ("to").
    start: date
    end: date
    languages: frozenset[str] = frozenset()
    pets: bool = False
    smoking: bool = False
    #: None: any gender; otherwise the genders the family accepts (maybe none).
    genders: frozenset[str] | None = None
    same_gender_only: bool = False
    minutes_to_venue: float | None = None

    def offers(self, guest: Guest) -> bool:
        return self.start <= guest.arrive and guest.leave <= self.end


@dataclass(frozen=True, slots=True)
class Guest:
    id: str
    arrive: date
    leave: date
    gender: str | None = None
    languages: frozenset[str] = frozenset()
    pet_allergy: bool = False
    non_smoking: bool = False
    max_minutes: float | None = None
    #: The colleagues this guest would like to stay with (``with`` in JSON).
    colleagues: tuple[str, ...] = ()
    priority: int = 1

    @property
    def nights(self) -> tuple[date, ...]:
        return tuple(
            self.arrive + timedelta(days=i) for i in range((self.leave - self.arrive).days)
        )

    def present_on(self, night: date) -> bool:
        return self.arrive <= night < self.leave


@dataclass(frozen=True, slots=True)
class Lock:
    guest: str
    host: str


@dataclass(frozen=True, slots=True)
class Input:
    hosts: tuple[Host, ...]
    guests: tuple[Guest, ...]
    locked: tuple[Lock, ...] = ()

    @property
    def pairs(self) -> tuple[tuple[str, str], ...]:
        """The ``with`` wishes as unordered pairs, each once (asked by one side or both),
        sorted."""
        found = {tuple(sorted((g.id, other))) for g in self.guests for other in g.colleagues}
        return tuple(sorted((a, b) for a, b in found))


# --------------------------------------------------------------------------- output


@dataclass(frozen=True, slots=True)
class Assignment:
    guest: str
    host: str


@dataclass(frozen=True, slots=True)
class Reason:
    """Why hosts could not take an unplaced guest: one rule and the hosts it rules out.

    ``nights`` are the nights at fault for ``full`` and ``same_gender`` (the union over
    ``hosts``); ``detail`` carries the figures the words need (the guest's languages,
    gender, maximum minutes, the stay's first and last night)."""

    code: str
    hosts: tuple[str, ...] = ()
    nights: tuple[date, ...] = ()
    detail: tuple[tuple[str, str], ...] = ()
    #: How many hosts the input has (for "3 of the 12 hosts").
    of: int = 0


@dataclass(frozen=True, slots=True)
class Unplaced:
    guest: str
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Result:
    assignments: tuple[Assignment, ...]
    unplaced: tuple[Unplaced, ...]
    placed: int
    priority: int
    pairs: int
    #: A proven bound on the priority any assignment can place.
    upper_bound: int
    #: A proven bound on the pairs among assignments placing ``priority`` (or more).
    pairs_upper_bound: int
    seconds: float
    #: "exact" (both levels proven optimal), "milp" (priority proven, pairs best found),
    #: "heuristic" (best found, with the bounds proven).
    method: str
    notes: tuple[str, ...] = field(default_factory=tuple)

    def host_of(self) -> dict[str, str]:
        return {a.guest: a.host for a in self.assignments}

    @property
    def optimal(self) -> bool:
        return self.priority == self.upper_bound and self.pairs == self.pairs_upper_bound
