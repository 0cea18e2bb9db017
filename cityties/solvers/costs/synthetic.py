"""A synthetic pavilion at federation scale, in the engine's JSON input shape (fixed seed,
no real data): the pavilion benchmark times the engine on it and seeds the database with it
for the pages' timings.

``build_instance()`` (defaults: 300 participants, 150 stands shared by 1-4 exhibitors split
by area, equally or by days, some partly covered by a city; 40 other items: registration,
fitting, travel, lodging, reception, communication; 6 subsidy rules with area and price
ceilings, caps per participant and per rule, a de minimis window).
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")
RATES = {"USD": Decimal("0.9013")}
#: The lead city, the other cities and the regions: they cover parts and fund rules.
GOVERNMENTS = [
    ("caen", "Ville de Caen", "normandie"),
    ("toulouse", "Ville de Toulouse", "occitanie"),
    ("tours", "Ville de Tours", "centre-val-de-loire"),
    ("lyon", "Ville de Lyon", "auvergne-rhone-alpes"),
    ("region-normandie", "Région Normandie", "normandie"),
    ("region-occitanie", "Région Occitanie", "occitanie"),
    ("region-ara", "Région Auvergne-Rhône-Alpes", "auvergne-rhone-alpes"),
    ("cci-caen", "CCI Caen Normandie", "normandie"),
]
REGIONS = ["normandie", "occitanie", "centre-val-de-loire", "auvergne-rhone-alpes"]
OTHER_KINDS = ["registration", "fitting", "travel", "lodging", "reception", "communication"]
SECTORS = ["Smart", "Geo", "Civic", "Data", "Mobility", "Energy", "Water", "Health", "Agri"]
SUFFIXES = ["tech", "lab", "soft", "sense", "ways", "flow", "grid", "link", "hub", "net"]


def _money(x: Decimal) -> str:
    return str(x.quantize(CENT, rounding=ROUND_HALF_UP))


def _rules() -> list[dict[str, Any]]:
    """Rules modelled on published export-aid schemes, in the order they apply."""
    de_minimis = {"limit": "200000.00", "all_or_nothing": True}
    return [
        {
            "id": "bf",
            "funder": "business-france",
            "label": "Team France Export collective stand",
            "rate": "0.50",
            "kinds": ["stand", "registration"],
            "eligible": {"kinds": ["company"], "sme": True, "max_prior_participations": 3},
            "max_area_m2": "20",
            "max_price_per_m2": "400.00",
            "cap_per_participant": "4000.00",
            "cap_total": "150000.00",
            "window": de_minimis,
        },
        {
            "id": "region-normandie",
            "funder": "region-normandie",
            "label": "Impulsion Export",
            "rate": "0.30",
            "kinds": ["stand", "fitting", "travel"],
            "eligible": {
                "kinds": ["company"],
                "sme": True,
                "regions": ["normandie"],
                "min_from_region": 3,
            },
            "max_area_m2": "18",
            "cap_per_participant": "3000.00",
            "window": de_minimis,
        },
        {
            "id": "region-occitanie",
            "funder": "region-occitanie",
            "label": "Pass Export",
            "rate": "0.40",
            "kinds": ["stand", "travel", "lodging"],
            "eligible": {
                "kinds": ["company"],
                "regions": ["occitanie"],
                "not_previous_edition": True,
            },
            "cap_per_participant": "2500.00",
            "cap_total": "40000.00",
            "window": de_minimis,
        },
        {
            "id": "region-ara",
            "funder": "region-ara",
            "label": "Aide aux salons internationaux",
            "rate": "0.35",
            "kinds": ["stand", "registration", "lodging"],
            "eligible": {"kinds": ["company"], "regions": ["auvergne-rhone-alpes"]},
            "max_price_per_m2": "350.00",
            "cap_per_participant": "2000.00",
        },
        {
            "id": "caen",
            "funder": "caen",
            "label": "Lead city co-funding",
            "rate": "0.20",
            "kinds": ["travel", "lodging", "communication"],
            "eligible": {"regions": ["normandie"], "kinds": ["company", "association"]},
            "cap_total": "25000.00",
        },
        {
            "id": "ministry",
            "funder": "ministry",
            "label": "Decentralised cooperation fund",
            "rate": "0.10",
            "eligible": {"kinds": ["company", "association"]},
            "cap_per_participant": "1500.00",
            "cap_total": "30000.00",
        },
    ]


def _extra_rule(i: int, rng: random.Random) -> dict[str, Any]:
    return {
        "id": f"fund-{i}",
        "rate": _money(Decimal(rng.randint(5, 30)) / 100),
        "kinds": rng.sample(["stand", *OTHER_KINDS], 3),
        "eligible": {"kinds": ["company"], "regions": rng.sample(REGIONS, 2)},
        "cap_per_participant": "1000.00",
        "cap_total": "20000.00",
    }


def build_instance(
    participants: int = 300, stands: int = 150, others: int = 40, rules: int = 6, seed: int = 1
) -> dict[str, Any]:
    """A deterministic pavilion in the engine's JSON input shape.

    Participants: up to 8 governments (cities, regions, a chamber of commerce) and
    companies or associations with eligibility facts; ``name`` on each participant and
    ``label`` on each item and rule are ignored by the engine but useful to seed pages.
    """
    rng = random.Random(seed)
    people: list[dict[str, Any]] = []
    governments = GOVERNMENTS[: max(1, min(len(GOVERNMENTS), participants // 30))]
    for gid, name, region in governments:
        people.append({"id": gid, "name": name, "kind": "government", "region": region})
    for i in range(participants - len(governments)):
        name = f"{rng.choice(SECTORS)}{rng.choice(SUFFIXES)} {i + 1}"
        person: dict[str, Any] = {
            "id": f"co-{i + 1:04d}",
            "name": name,
            "kind": "association" if rng.random() < 0.05 else "company",
            "region": rng.choice(REGIONS),
            "sme": rng.random() < 0.85,
            "prior_participations": rng.choice([0, 0, 0, 1, 1, 2, 3, 4]),
            "previous_edition": rng.random() < 0.2,
        }
        if rng.random() < 0.4:
            # Some are close to the de minimis ceiling of 200,000 EUR.
            person["aid_received"] = _money(Decimal(rng.choice([5_000, 60_000, 198_000, 199_500])))
        people.append(person)
    companies = [p["id"] for p in people if p["kind"] != "government"] or [people[0]["id"]]
    payers = [p["id"] for p in people if p["kind"] == "government"]
    pool = companies[:]
    rng.shuffle(pool)

    def take(n: int) -> list[str]:
        """The next n exhibitors, cycling over every company before reusing one."""
        nonlocal pool
        out: list[str] = []
        while len(out) < min(n, len(companies)):
            if not pool:
                pool = companies[:]
                rng.shuffle(pool)
            pid = pool.pop()
            if pid not in out:
                out.append(pid)
        return out

    items: list[dict[str, Any]] = []
    for s in range(stands):
        area = rng.choice([9, 9, 12, 18, 18, 24, 36])
        per_m2 = Decimal(rng.choice([350, 420, 450, 500, 600]))
        currency = "USD" if rng.random() < 0.7 else "EUR"
        amount = per_m2 * area
        days = rng.choice([3, 4])
        holders = take(rng.choice([1, 2, 2, 3, 3, 4]))
        split = rng.choice(["area", "area", "equal", "days"])
        shares: list[dict[str, Any]] = []
        if split == "area":
            # Whole square metres, every holder at least one.
            cuts = sorted(rng.sample(range(1, area), len(holders) - 1)) if len(holders) > 1 else []
            bounds = [0, *cuts, area]
            for pid, lo, hi in zip(holders, bounds, bounds[1:], strict=False):
                shares.append({"participant": pid, "area_m2": str(hi - lo)})
        elif split == "days":
            # The stand's time in half-days, every holder at least one, some left unlet.
            halves = 2 * days - rng.choice([0, 0, 1])
            cuts = (
                sorted(rng.sample(range(1, halves), len(holders) - 1)) if len(holders) > 1 else []
            )
            bounds = [0, *cuts, halves]
            for pid, lo, hi in zip(holders, bounds, bounds[1:], strict=False):
                shares.append({"participant": pid, "days": str(Decimal(hi - lo) / 2)})
        else:
            shares = [{"participant": pid} for pid in holders]
        item: dict[str, Any] = {
            "id": f"stand-{s + 1:03d}",
            "label": f"Stand {chr(65 + s // 26 % 26)}{s % 26 + 1}",
            "kind": "stand",
            "amount": _money(amount),
            "currency": currency,
            "area_m2": str(area),
            "days": days,
            "split": split,
            "shares": shares,
        }
        if rng.random() < 0.25:
            converted = (amount * RATES.get(currency, Decimal(1))).quantize(CENT, ROUND_HALF_UP)
            part = (converted * Decimal(rng.choice([10, 20, 25, 30])) / 100).quantize(CENT)
            item["covered"] = [{"by": rng.choice(payers), "amount": str(part)}]
        items.append(item)

    for o in range(others):
        kind = OTHER_KINDS[o % len(OTHER_KINDS)]
        holders = take(rng.randint(1, 20))
        split = {"travel": "weights", "lodging": "days"}.get(kind, "equal")
        amount = Decimal(rng.randint(800, 30_000))
        shares = []
        for pid in holders:
            share: dict[str, Any] = {"participant": pid}
            if split == "weights":
                share["weight"] = str(rng.randint(1, 3))
            elif split == "days":
                share["days"] = rng.randint(2, 6)
            shares.append(share)
        other: dict[str, Any] = {
            "id": f"{kind}-{o + 1:02d}",
            "label": f"{kind.capitalize()} {o + 1}",
            "kind": kind,
            "amount": _money(amount),
            "currency": "EUR" if kind != "travel" else "USD",
            "split": split,
            "shares": shares,
        }
        if kind == "reception":
            other["covered"] = [{"by": payers[0], "amount": _money(amount / 2)}]
        items.append(other)

    rule_list = _rules()[:rules]
    rule_list += [_extra_rule(i, rng) for i in range(max(0, rules - len(rule_list)))]
    return {
        "currency": "EUR",
        "rates": {code: str(rate) for code, rate in RATES.items()},
        "participants": people,
        "items": items,
        "subsidies": rule_list,
    }
