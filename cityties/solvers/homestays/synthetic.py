"""Deterministic generated instances in the engine's JSON input shape (benchmark, tests).

``build_instance(guests=40, hosts=36, seed=1, scarce=False)``: a delegation week in
November (the 2016 NLC City Summit), families with 1 to 4 beds, most offering the whole
week; French-speaking guests, some English-speaking families, pets, smokers, families that
take one gender, colleagues asking to stay together, elected officials first. ``scarce``
leaves fewer beds than guests need. ``festival=True`` makes a youth-exchange festival
instead: more languages, groups of three or four pupils asking to stay together.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

FIRST_NIGHT = date(2016, 11, 14)
WEEK = 7


def _day(offset: int) -> str:
    return (FIRST_NIGHT + timedelta(days=offset)).isoformat()


def _host(rng: random.Random, i: int, scarce: bool, festival: bool) -> dict[str, Any]:
    beds = rng.choices([1, 2, 3, 4], weights=[7, 3, 1, 0] if scarce else [3, 4, 3, 2])[0]
    start = 0 if rng.random() < 0.75 else rng.randint(1, 3)
    end = WEEK if rng.random() < 0.75 else rng.randint(max(start + 2, 4), WEEK)
    languages = ["en"]
    if rng.random() < (0.45 if festival else 0.35):
        languages.append("fr")
    if festival and rng.random() < 0.3:
        languages.append(rng.choice(["es", "de", "it"]))
    genders = rng.choices([["f", "m"], ["f"], ["m"]], weights=[8, 2, 1])[0]
    host: dict[str, Any] = {
        "id": f"h{i:03d}",
        "beds": beds,
        "from": _day(start),
        "to": _day(end),
        "languages": languages,
        "pets": rng.random() < 0.35,
        "smoking": rng.random() < 0.12,
        "genders": genders,
        "same_gender_only": len(genders) > 1 and rng.random() < 0.45,
    }
    if rng.random() < 0.9:
        host["minutes_to_venue"] = rng.choice([5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 60])
    return host


def _guest(rng: random.Random, i: int, festival: bool) -> dict[str, Any]:
    arrive = 0 if rng.random() < 0.6 else rng.randint(1, 3)
    leave = WEEK if rng.random() < 0.5 else rng.randint(arrive + 2, WEEK)
    languages = ["fr"]
    if rng.random() < (0.6 if festival else 0.7):
        languages.append("en")
    if festival and rng.random() < 0.2:
        languages.append(rng.choice(["es", "de", "it"]))
    elected = rng.random() < (0.02 if festival else 0.1)
    guest: dict[str, Any] = {
        "id": f"g{i:03d}",
        "arrive": _day(arrive),
        "leave": _day(leave),
        "gender": rng.choice(["f", "m"]),
        "languages": languages,
        "pet_allergy": rng.random() < 0.15,
        "non_smoking": rng.random() < 0.7,
        "priority": 5 if elected else rng.choices([1, 2, 3], weights=[6, 3, 1])[0],
    }
    if rng.random() < 0.8:
        guest["max_minutes"] = rng.choice([20, 30, 40, 45, 60])
    return guest


def build_instance(
    guests: int = 40,
    hosts: int = 36,
    seed: int = 1,
    scarce: bool = False,
    festival: bool = False,
) -> dict[str, Any]:
    rng = random.Random(f"homestays:{guests}:{hosts}:{seed}:{scarce}:{festival}")
    host_list = [_host(rng, i, scarce, festival) for i in range(hosts)]
    guest_list = [_guest(rng, i, festival) for i in range(guests)]
    # Colleagues: small groups asking to stay together, most of them of one gender.
    order = list(range(guests))
    rng.shuffle(order)
    share = 0.5 if festival else 0.35
    at = 0
    while at < int(guests * share):
        size = rng.choice([3, 4]) if festival and rng.random() < 0.5 else 2
        group = order[at : at + size]
        at += size
        if len(group) < 2:
            break
        if rng.random() < 0.8:
            for g in group[1:]:
                guest_list[g]["gender"] = guest_list[group[0]]["gender"]
        for g in group:
            others = [guest_list[o]["id"] for o in group if o != g]
            if rng.random() < 0.7:
                guest_list[g]["with"] = others
    return {"hosts": host_list, "guests": guest_list, "locked": []}
