"""An independent checker of a result against its input: every hard rule, the locks, the
figures. It shares no code with the engine (not even ``rules``), so a slip there shows."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from .model import Guest, Host, Input, Result


def _breaks(host: Host, guest: Guest) -> list[str]:
    found = []
    if not (host.start <= guest.arrive and guest.leave <= host.end):
        found.append("a night of the stay is not offered")
    if not set(host.languages) & set(guest.languages):
        found.append("no common language")
    if host.genders is not None and guest.gender not in host.genders:
        found.append("gender not accepted")
    if guest.pet_allergy and host.pets:
        found.append("pets and a pet allergy")
    if guest.non_smoking and host.smoking:
        found.append("a smoking host for a non-smoker")
    if None not in (host.minutes_to_venue, guest.max_minutes):
        assert host.minutes_to_venue is not None and guest.max_minutes is not None
        if host.minutes_to_venue > guest.max_minutes:
            found.append("too far from the venue")
    return found


def violations(inp: Input, result: Result) -> list[str]:
    """Every way ``result`` breaks a hard rule or misstates a figure; empty when sound."""
    hosts = {h.id: h for h in inp.hosts}
    guests = {g.id: g for g in inp.guests}
    found: list[str] = []
    host_of: dict[str, str] = {}
    for a in result.assignments:
        if a.guest not in guests or a.host not in hosts:
            found.append(f"{a.guest} -> {a.host}: unknown guest or host")
            continue
        if a.guest in host_of:
            found.append(f"{a.guest}: assigned twice")
        host_of[a.guest] = a.host
        found += [
            f"{a.guest} -> {a.host}: {why}" for why in _breaks(hosts[a.host], guests[a.guest])
        ]
    nights: dict[tuple[str, date], list[Guest]] = defaultdict(list)
    for guest_id, host_id in host_of.items():
        guest = guests[guest_id]
        day = guest.arrive
        while day < guest.leave:
            nights[host_id, day].append(guest)
            day += timedelta(days=1)
    for (host_id, night), present in sorted(nights.items()):
        host = hosts[host_id]
        if len(present) > host.beds:
            found.append(f"{host_id} on {night}: {len(present)} guests for {host.beds} beds")
        if host.same_gender_only and len(present) > 1:
            genders = {g.gender for g in present}
            if len(genders) > 1 or None in genders:
                found.append(f"{host_id} on {night}: guests of different genders")
    for lock in inp.locked:
        if host_of.get(lock.guest) != lock.host:
            found.append(f"{lock.guest}: the lock to {lock.host} is not kept")
    unplaced = [u.guest for u in result.unplaced]
    if sorted(unplaced) != sorted(set(guests) - set(host_of)) or len(set(unplaced)) != len(
        unplaced
    ):
        found.append("the unplaced guests are not exactly those without a host")
    found += [f"{u.guest}: left out without a reason" for u in result.unplaced if not u.reasons]
    priority = sum(guests[g].priority for g in host_of)
    together = {
        tuple(sorted((g.id, other)))
        for g in inp.guests
        for other in g.colleagues
        if g.id in host_of and host_of.get(other) == host_of[g.id]
    }
    if result.placed != len(host_of):
        found.append(f"stats: placed {result.placed}, counted {len(host_of)}")
    if result.priority != priority:
        found.append(f"stats: priority {result.priority}, counted {priority}")
    if result.pairs != len(together):
        found.append(f"stats: pairs {result.pairs}, counted {len(together)}")
    if result.priority > result.upper_bound:
        found.append(f"stats: priority {result.priority} above the bound {result.upper_bound}")
    if result.pairs > result.pairs_upper_bound:
        found.append(f"stats: pairs {result.pairs} above the bound {result.pairs_upper_bound}")
    return found
