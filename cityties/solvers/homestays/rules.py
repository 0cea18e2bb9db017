"""The hard rules, one function each, shared by the engine, the reasons and the Django side
(a guest moved by hand is checked here and the breach named).

Static rules concern one host and one guest; shared rules concern the guests a host holds
on a night. A guest whose gender is not given counts as a gender of their own: a family
taking only some genders does not take them, and under ``same_gender_only`` they share no
night with another guest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from .model import Guest, Host, Input


def static_failures(host: Host, guest: Guest) -> list[str]:
    """The static rules the pair breaks, as codes in ``STATIC_RULES`` order."""
    failed = []
    if not host.offers(guest):
        failed.append("nights")
    if not host.languages & guest.languages:
        failed.append("language")
    if host.genders is not None and (guest.gender is None or guest.gender not in host.genders):
        failed.append("gender")
    if guest.pet_allergy and host.pets:
        failed.append("pets")
    if guest.non_smoking and host.smoking:
        failed.append("smoking")
    if (
        host.minutes_to_venue is not None
        and guest.max_minutes is not None
        and host.minutes_to_venue > guest.max_minutes
    ):
        failed.append("commute")
    return failed


def fits(host: Host, guest: Guest) -> bool:
    return not static_failures(host, guest)


def gender_key(guest: Guest) -> str | tuple[str, str]:
    """What "sharing one gender" compares: the gender, or the guest when it is not given."""
    return guest.gender if guest.gender is not None else ("?", guest.id)


@dataclass(frozen=True, slots=True)
class Breach:
    """A hard rule an assignment breaks: ``code`` is a static rule, ``beds``,
    ``same_gender`` or ``lock``; ``guests`` are those involved (one for a static rule)."""

    code: str
    host: str
    guests: tuple[str, ...]
    nights: tuple[date, ...] = ()


def shared_breaches(host: Host, guests: Iterable[Guest]) -> list[Breach]:
    """Nights on which the guests given break the host's beds or its same-gender rule."""
    by_night: dict[date, list[Guest]] = defaultdict(list)
    for guest in guests:
        day = guest.arrive
        while day < guest.leave:
            by_night[day].append(guest)
            day += timedelta(days=1)
    over: dict[tuple[str, ...], list[date]] = defaultdict(list)
    mixed: dict[tuple[str, ...], list[date]] = defaultdict(list)
    for night in sorted(by_night):
        present = by_night[night]
        ids = tuple(sorted(g.id for g in present))
        if len(present) > host.beds:
            over[ids].append(night)
        if host.same_gender_only and len({gender_key(g) for g in present}) > 1:
            mixed[ids].append(night)
    found = [Breach("beds", host.id, ids, tuple(nights)) for ids, nights in over.items()]
    found += [Breach("same_gender", host.id, ids, tuple(n)) for ids, n in mixed.items()]
    return found


def breaches(inp: Input, host_of: Mapping[str, str]) -> list[Breach]:
    """Every hard rule the assignment ``guest id -> host id`` breaks (locks included)."""
    hosts = {h.id: h for h in inp.hosts}
    guests = {g.id: g for g in inp.guests}
    found: list[Breach] = []
    held: dict[str, list[Guest]] = defaultdict(list)
    for guest_id, host_id in host_of.items():
        guest, host = guests[guest_id], hosts[host_id]
        held[host_id].append(guest)
        found += [Breach(code, host_id, (guest_id,)) for code in static_failures(host, guest)]
    for host_id in sorted(held):
        found += shared_breaches(hosts[host_id], held[host_id])
    for lock in inp.locked:
        if host_of.get(lock.guest) != lock.host:
            found.append(Breach("lock", lock.host, (lock.guest,)))
    return found


def pairs_together(inp: Input, host_of: Mapping[str, str]) -> int:
    """The ``with`` pairs staying with the same host."""
    return sum(
        1 for a, b in inp.pairs if a in host_of and b in host_of and host_of[a] == host_of[b]
    )


def priority_placed(inp: Input, host_of: Mapping[str, str]) -> int:
    return sum(g.priority for g in inp.guests if g.id in host_of)
