"""Reading and checking the engine's input.

``parse_input`` turns a JSON-like dict into an ``Input`` (shape and types), then calls
``check_input`` (ids, date order, signs, ``with`` and locks), which the Django side can
also call on an ``Input`` it built itself. Both raise ``InvalidInput(id, message)``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from .model import Guest, Host, Input, InvalidInput, Lock
from .rules import shared_breaches, static_failures

MAX_ID = 200
MAX_ITEMS = 100_000
#: A stay longer than this is refused (no homestay lasts a year).
MAX_STAY_NIGHTS = 366
MAX_MINUTES = 10**6
MAX_PRIORITY = 10**6
MAX_BEDS = 10**4

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

RULE_WORDS = {
    "nights": "does not offer every night of the stay",
    "language": "shares no language with the guest",
    "gender": "does not take guests of this gender",
    "pets": "keeps pets and the guest has a pet allergy",
    "smoking": "smokes and the guest is a non-smoker",
    "commute": "is further from the venue than the guest's maximum",
}


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return f"the text {value[:60]!r}"
    if isinstance(value, int | float | Decimal):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _obj(value: Any, who: str, what: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise InvalidInput(who, f"{what} must be an object, got {_kind(value)}")
    return value


def _list(data: Mapping[str, Any], key: str, who: str, required: bool) -> list[Any]:
    value = data.get(key)
    if value is None:
        if required:
            raise InvalidInput(who, f"'{key}' is missing")
        return []
    if not isinstance(value, list):
        raise InvalidInput(who, f"'{key}' must be a list, got {_kind(value)}")
    if len(value) > MAX_ITEMS:
        raise InvalidInput(who, f"'{key}' has more than {MAX_ITEMS} entries")
    return value


def _id(value: Any, who: str, what: str) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(who, f"{what} must be a non-empty text, got {_kind(value)}")
    if len(value) > MAX_ID:
        raise InvalidInput(who, f"{what} is longer than {MAX_ID} characters")
    return value


def _flag(data: Mapping[str, Any], key: str, who: str) -> bool:
    value = data.get(key)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise InvalidInput(who, f"'{key}' must be true or false, got {_kind(value)}")
    return value


def _date(data: Mapping[str, Any], key: str, who: str) -> date:
    value = data.get(key)
    if value is None:
        raise InvalidInput(who, f"'{key}' is missing")
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise InvalidInput(who, f"'{key}' must be a date as YYYY-MM-DD, got {_kind(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(who, f"'{key}' is not a real date: {value}") from None


def _whole(value: Any, who: str, what: str, most: int) -> int:
    if isinstance(value, float | Decimal) and math.isfinite(value) and value == int(value):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(who, f"{what} must be a whole number, got {_kind(value)}")
    if value < 0:
        raise InvalidInput(who, f"{what} cannot be negative, got {value}")
    if value > most:
        raise InvalidInput(who, f"{what} is larger than {most}")
    return value


def _minutes(data: Mapping[str, Any], key: str, who: str) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise InvalidInput(who, f"'{key}' must be a number of minutes, got {_kind(value)}")
    if not math.isfinite(value):
        raise InvalidInput(who, f"'{key}' must be a finite number")
    if value < 0:
        raise InvalidInput(who, f"'{key}' cannot be negative, got {value}")
    if value > MAX_MINUTES:
        raise InvalidInput(who, f"'{key}' is larger than {MAX_MINUTES}")
    return int(value) if value == int(value) else float(value)


def _texts(data: Mapping[str, Any], key: str, who: str) -> tuple[str, ...] | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, list):
        raise InvalidInput(who, f"'{key}' must be a list of texts, got {_kind(value)}")
    return tuple(_id(v, who, f"each of '{key}'") for v in value)


def _who(item: Mapping[str, Any], where: str) -> str:
    value = item.get("id")
    return value if isinstance(value, str) and value.strip() else where


def _host(raw: Any, where: str) -> Host:
    item = _obj(raw, where, "a host")
    who = _who(item, where)
    genders = _texts(item, "genders", who)
    return Host(
        id=_id(item.get("id"), who, "'id'"),
        beds=_whole(item.get("beds"), who, "'beds'", MAX_BEDS),
        start=_date(item, "from", who),
        end=_date(item, "to", who),
        languages=frozenset(_texts(item, "languages", who) or ()),
        pets=_flag(item, "pets", who),
        smoking=_flag(item, "smoking", who),
        genders=None if genders is None else frozenset(genders),
        same_gender_only=_flag(item, "same_gender_only", who),
        minutes_to_venue=_minutes(item, "minutes_to_venue", who),
    )


def _guest(raw: Any, where: str) -> Guest:
    item = _obj(raw, where, "a guest")
    who = _who(item, where)
    gender = item.get("gender")
    priority = item.get("priority")
    return Guest(
        id=_id(item.get("id"), who, "'id'"),
        arrive=_date(item, "arrive", who),
        leave=_date(item, "leave", who),
        gender=None if gender is None else _id(gender, who, "'gender'"),
        languages=frozenset(_texts(item, "languages", who) or ()),
        pet_allergy=_flag(item, "pet_allergy", who),
        non_smoking=_flag(item, "non_smoking", who),
        max_minutes=_minutes(item, "max_minutes", who),
        colleagues=tuple(dict.fromkeys(_texts(item, "with", who) or ())),
        priority=1 if priority is None else _whole(priority, who, "'priority'", MAX_PRIORITY),
    )


def _lock(raw: Any, where: str) -> Lock:
    item = _obj(raw, where, "a lock")
    guest = _id(item.get("guest"), where, "the lock's 'guest'")
    return Lock(guest=guest, host=_id(item.get("host"), guest, "the lock's 'host'"))


def parse_input(data: Any) -> Input:
    """Validate a JSON-like dict (the issue's input shape) and build an ``Input``.

    Keys beyond the issue's are ignored (names, notes). Raises ``InvalidInput`` naming
    the offending host, guest or lock.
    """
    root = _obj(data, "input", "the input")
    inp = Input(
        hosts=tuple(
            _host(h, f"hosts[{i}]") for i, h in enumerate(_list(root, "hosts", "input", True))
        ),
        guests=tuple(
            _guest(g, f"guests[{i}]") for i, g in enumerate(_list(root, "guests", "input", True))
        ),
        locked=tuple(
            _lock(lk, f"locked[{i}]") for i, lk in enumerate(_list(root, "locked", "input", False))
        ),
    )
    check_input(inp)
    return inp


def check_input(inp: Input) -> None:
    """Values and cross-references: unique ids, dates in order, ``with`` naming known
    guests, locks naming known ids, one per guest, and keeping every hard rule."""
    hosts: dict[str, Host] = {}
    for host in inp.hosts:
        if host.id in hosts:
            raise InvalidInput(host.id, "two hosts have this id")
        if host.end <= host.start:
            raise InvalidInput(host.id, f"'to' ({host.end}) must come after 'from' ({host.start})")
        if host.beds < 0:
            raise InvalidInput(host.id, f"'beds' cannot be negative, got {host.beds}")
        hosts[host.id] = host
    guests: dict[str, Guest] = {}
    for guest in inp.guests:
        if guest.id in guests:
            raise InvalidInput(guest.id, "two guests have this id")
        if guest.leave <= guest.arrive:
            raise InvalidInput(
                guest.id, f"'leave' ({guest.leave}) must come after 'arrive' ({guest.arrive})"
            )
        if (guest.leave - guest.arrive).days > MAX_STAY_NIGHTS:
            raise InvalidInput(guest.id, f"a stay of more than {MAX_STAY_NIGHTS} nights")
        if guest.priority < 0:
            raise InvalidInput(guest.id, f"'priority' cannot be negative, got {guest.priority}")
        guests[guest.id] = guest
    for guest in inp.guests:
        for other in guest.colleagues:
            if other == guest.id:
                raise InvalidInput(guest.id, "'with' names the guest themselves")
            if other not in guests:
                raise InvalidInput(guest.id, f"'with' names {other}, who is not a guest")
    _check_locks(inp, hosts, guests)


def _check_locks(inp: Input, hosts: dict[str, Host], guests: dict[str, Guest]) -> None:
    locked: dict[str, str] = {}
    for lock in inp.locked:
        if lock.guest not in guests:
            raise InvalidInput(lock.guest, "locked, but there is no guest with this id")
        if lock.host not in hosts:
            raise InvalidInput(
                lock.guest, f"locked to {lock.host}, but there is no host with this id"
            )
        if lock.guest in locked:
            raise InvalidInput(lock.guest, "locked more than once")
        locked[lock.guest] = lock.host
        host, guest = hosts[lock.host], guests[lock.guest]
        failed = static_failures(host, guest)
        if failed:
            words = "; ".join(f"it {RULE_WORDS[code]} ({code})" for code in failed)
            raise InvalidInput(lock.guest, f"locked to {lock.host}, but {words}")
    held: dict[str, list[Guest]] = {}
    for guest_id, host_id in locked.items():
        held.setdefault(host_id, []).append(guests[guest_id])
    for host_id in sorted(held):
        for breach in shared_breaches(hosts[host_id], held[host_id]):
            names = ", ".join(breach.guests)
            night = breach.nights[0].isoformat()
            if breach.code == "beds":
                raise InvalidInput(
                    host_id,
                    f"the guests locked to it ({names}) need more than its "
                    f"{hosts[host_id].beds} bed(s) on the night of {night}",
                )
            raise InvalidInput(
                host_id,
                f"it takes one gender a night, but the guests locked to it ({names}) "
                f"are of different genders on the night of {night}",
            )
