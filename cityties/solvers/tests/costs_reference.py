"""A literal, slow restatement of the issue's eight rules, to compare the engine with.

Written from the rules' text with Fractions throughout and no shortcut (the ceilings are
the three-way minimum as the text gives it), so an optimisation in the engine that changes
a figure shows up as a difference.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from cityties.solvers.costs import Input, Item, Participant, SubsidyRule


def _round(x: Fraction) -> Fraction:
    """Half-up to the cent (x >= 0), as a Fraction of euros."""
    cents = x * 100
    floor = cents.numerator // cents.denominator
    return Fraction(floor + (1 if cents - floor >= Fraction(1, 2) else 0), 100)


def _largest_remainder(total: Fraction, weights: dict[str, Fraction]) -> dict[str, Fraction]:
    whole = sum(weights.values(), Fraction(0))
    if whole == 0:
        return dict.fromkeys(weights, Fraction(0))
    quotas = {k: total * w / whole for k, w in weights.items()}
    parts = {k: Fraction(int(q * 100), 100) for k, q in quotas.items()}
    left = int((total - sum(parts.values(), Fraction(0))) * 100)
    order = sorted(quotas, key=lambda k: (-(quotas[k] - parts[k]), k))
    for k in order[:left]:
        parts[k] += Fraction(1, 100)
    return parts


def _weight(item: Item, pid: str) -> Fraction:
    share = next(s for s in item.shares if s.participant == pid)
    value: Decimal | None = {
        "equal": Decimal(1),
        "area": share.area_m2,
        "days": share.days,
        "weights": share.weight,
    }[item.split]
    return Fraction(value if value is not None else 0)


def _eligible(rule: SubsidyRule, p: Participant) -> bool:
    e = rule.eligible
    if e.kinds is not None and p.kind not in e.kinds:
        return False
    if e.sme and not p.sme:
        return False
    if e.max_prior_participations is not None and p.prior_participations > (
        e.max_prior_participations
    ):
        return False
    if e.not_previous_edition and p.previous_edition:
        return False
    return not (e.regions is not None and p.region not in e.regions)


def reference(inp: Input) -> tuple[dict[str, dict[str, Fraction]], dict[str, dict[str, Fraction]]]:
    """(item id -> participant -> share, participant -> rule id -> amount), in euros."""
    shares: dict[str, dict[str, Fraction]] = {}
    area_of: dict[tuple[str, str], Fraction | None] = {}
    for item in inp.items:
        rate = 1 if item.currency == inp.currency else inp.rates[item.currency]
        amount = _round(Fraction(item.amount) * Fraction(rate))
        rest = amount - sum((Fraction(c.amount) for c in item.covered), Fraction(0))
        pids = [s.participant for s in item.shares]
        if len(pids) == 1:
            shares[item.id] = {pids[0]: rest}
        else:
            shares[item.id] = _largest_remainder(rest, {p: _weight(item, p) for p in pids})
        whole = sum((_weight(item, p) for p in pids), Fraction(0))
        for s in item.shares:
            area: Fraction | None = None
            if s.area_m2 is not None:
                area = Fraction(s.area_m2)
            elif item.area_m2 is not None and len(pids) == 1:
                area = Fraction(item.area_m2)
            elif item.area_m2 is not None and whole:
                area = Fraction(item.area_m2) * _weight(item, s.participant) / whole
            area_of[(item.id, s.participant)] = area

    gross = {p.id: Fraction(0) for p in inp.participants}
    for parts in shares.values():
        for pid, v in parts.items():
            gross[pid] += v
    subsidies: dict[str, dict[str, Fraction]] = {p.id: {} for p in inp.participants}
    for rule in inp.subsidies:
        ok = {p.id: _eligible(rule, p) for p in inp.participants}
        if rule.eligible.min_from_region is not None and (
            sum(ok.values()) < rule.eligible.min_from_region
        ):
            ok = dict.fromkeys(ok, False)
        amounts: dict[str, Fraction] = {}
        for p in inp.participants:
            if not ok[p.id]:
                amounts[p.id] = Fraction(0)
                continue
            base = Fraction(0)
            for item in inp.items:
                if p.id not in shares[item.id]:
                    continue
                if rule.kinds is not None and item.kind not in rule.kinds:
                    continue
                part = shares[item.id][p.id]
                a = area_of[(item.id, p.id)]
                value = part
                if a is not None and part:
                    m = None if rule.max_area_m2 is None else Fraction(rule.max_area_m2)
                    if rule.max_price_per_m2 is not None:
                        price = Fraction(rule.max_price_per_m2)
                        value = min(value, (a if m is None else min(a, m)) * price)
                    if m is not None and a > 0:
                        value = min(value, part * min(Fraction(1), m / a))
                base += value
            amount = _round(Fraction(rule.rate) * base)
            if rule.cap_per_participant is not None:
                amount = min(amount, Fraction(rule.cap_per_participant))
            if rule.window is not None:
                used = Fraction(p.aid_received) + sum(
                    (
                        subsidies[p.id][r.id]
                        for r in inp.subsidies
                        if r.window is not None and r.id in subsidies[p.id]
                    ),
                    Fraction(0),
                )
                room = max(Fraction(0), Fraction(rule.window.limit) - used)
                if amount > room:
                    amount = Fraction(0) if rule.window.all_or_nothing else room
            amount = min(amount, gross[p.id] - sum(subsidies[p.id].values(), Fraction(0)))
            amounts[p.id] = amount
        total = sum(amounts.values(), Fraction(0))
        if rule.cap_total is not None and total > Fraction(rule.cap_total):
            amounts = {
                **amounts,
                **_largest_remainder(
                    Fraction(rule.cap_total), {k: v for k, v in amounts.items() if v}
                ),
            }
        for pid, v in amounts.items():
            subsidies[pid][rule.id] = v
    return shares, subsidies
