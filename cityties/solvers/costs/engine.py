"""The allocation: rules 1 to 8 of the package docstring, in that order.

Everything is computed in integer cents of the top-level currency and exact fractions;
the only roundings are the ones the rules name (conversion, rate x base, and the two
largest-remainder splits), so the figures do not depend on evaluation order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from .model import (
    SPLIT_FIELD,
    Bound,
    Failure,
    Input,
    Item,
    ItemResult,
    Note,
    Participant,
    ParticipantResult,
    Result,
    Share,
    SubsidyRule,
)
from .money import (
    cents_of,
    exact_cents,
    from_cents,
    half_up,
    largest_remainder,
    round_cents,
    scaled_int,
)
from .parse import FIGURE_PLACES, check_input, item_cents

_SCALE_PLACES = Decimal("0.000001")


@dataclass(slots=True)
class _Holding:
    """One share as the subsidy rules see it."""

    item: Item
    cents: int
    #: The share's area for the ceilings.
    area: Fraction


@dataclass(slots=True)
class _Account:
    participant: Participant
    #: Shares with a known area and a positive amount: the ones ceilings may lower.
    sized: list[_Holding] = field(default_factory=list)
    #: Item kind -> sum of shares, cents.
    by_kind: dict[str, int] = field(default_factory=dict)
    shares: dict[str, int] = field(default_factory=dict)
    covers: dict[str, int] = field(default_factory=dict)
    gross: int = 0
    subsidies: dict[str, int] = field(default_factory=dict)
    notes: dict[str, Note] = field(default_factory=dict)
    #: ``aid_received`` in cents.
    aid_received: int = 0
    #: Sum of amounts from rules that have a window.
    windowed: int = 0
    subsidised: int = 0


def _weight(item: Item, share: Share) -> int:
    """The share's weight in the split, as an exact integer (decimals scaled away)."""
    name = SPLIT_FIELD.get(item.split)
    if name is None:
        return 1
    value = getattr(share, name)
    return 0 if value is None else scaled_int(value, FIGURE_PLACES)


def _split_item(item: Item, rest: int) -> tuple[dict[str, int], dict[str, Fraction | None]]:
    """Rule 2: the rest after covered parts, split by the item's rule; and each share's
    area for the ceilings of rule 4."""
    shares = item.shares
    if len(shares) == 1:
        only = shares[0]
        area = only.area_m2 if only.area_m2 is not None else item.area_m2
        return {only.participant: rest}, {
            only.participant: None if area is None else Fraction(area)
        }
    weights = [(s.participant, _weight(item, s)) for s in shares]
    parts = largest_remainder(rest, weights)
    whole = sum(w for _, w in weights)
    areas: dict[str, Fraction | None] = {}
    for share, (_, w) in zip(shares, weights, strict=True):
        if share.area_m2 is not None:
            areas[share.participant] = Fraction(share.area_m2)
        elif item.area_m2 is not None and whole:
            # Not given: the item's area in the proportion of the split.
            areas[share.participant] = Fraction(item.area_m2) * w / whole
        else:
            areas[share.participant] = None
    return parts, areas


def _failures(rule: SubsidyRule, p: Participant) -> list[Failure]:
    """Rule 5, every condition but min_from_region; a missing fact is false or zero."""
    e = rule.eligible
    out: list[Failure] = []
    if e.kinds is not None and p.kind not in e.kinds:
        out.append(Failure("kind", allowed=e.kinds, actual=p.kind))
    if e.sme and not p.sme:
        out.append(Failure("sme"))
    if (
        e.max_prior_participations is not None
        and p.prior_participations > e.max_prior_participations
    ):
        out.append(
            Failure(
                "prior_participations",
                limit=e.max_prior_participations,
                count=p.prior_participations,
            )
        )
    if e.not_previous_edition and p.previous_edition:
        out.append(Failure("previous_edition"))
    if e.regions is not None and p.region not in e.regions:
        out.append(Failure("region", allowed=e.regions, actual=p.region))
    return out


def _cost(kinds: frozenset[str] | None, acc: _Account) -> int:
    """The participant's shares in the rule's kinds, in cents."""
    if kinds is None:
        return acc.gross
    return sum(acc.by_kind.get(k, 0) for k in kinds)


def _base(
    rule: SubsidyRule,
    kinds: frozenset[str] | None,
    max_area: Fraction | None,
    max_price: Fraction | None,
    acc: _Account,
) -> tuple[int, int | Fraction, list[Bound]]:
    """Rule 4's base: the shares in the rule's kinds, each under the area and price
    ceilings when its area is known (``max_price`` in cents per m²). Returns (cost in
    cents, exact base in cents, ceiling bounds)."""
    cost = _cost(kinds, acc)
    if max_area is None and max_price is None:
        return cost, cost, []
    base: int | Fraction = cost
    area_cut: list[int | Fraction] = [0, 0]
    price_cut: list[int | Fraction] = [0, 0]
    for h in acc.sized:
        if kinds is not None and h.item.kind not in kinds:
            continue
        cents = h.cents
        area = h.area
        # min(share, share x min(1, M / area), min(area, M) x P) taken apart: the area
        # ceiling binds when area > M, the price ceiling when share / area > P.
        area_binds = max_area is not None and area > max_area
        price_binds = max_price is not None and cents > area * max_price
        if not (area_binds or price_binds):
            continue
        value: int | Fraction = cents
        if max_area is not None and area_binds:
            value = cents * max_area / area
        if max_price is not None:
            value = min(
                value, (max_area if area_binds and max_area is not None else area) * max_price
            )
        base += value - cents
        for binds, cut in ((area_binds, area_cut), (price_binds, price_cut)):
            if binds:
                cut[0] += cents
                cut[1] += value
    bounds = []
    if area_cut[0] and rule.max_area_m2 is not None:
        bounds.append(
            Bound(
                "area_ceiling",
                from_cents(int(area_cut[0])),
                round_cents(Fraction(area_cut[1])),
                rule.max_area_m2,
            )
        )
    if price_cut[0] and rule.max_price_per_m2 is not None:
        bounds.append(
            Bound(
                "price_ceiling",
                from_cents(int(price_cut[0])),
                round_cents(Fraction(price_cut[1])),
                rule.max_price_per_m2,
            )
        )
    return cost, base, bounds


def allocate(inp: Input) -> Result:
    """Allocate every item and apply every subsidy rule; see the package docstring."""
    check_input(inp)
    accounts = {
        p.id: _Account(p, aid_received=cents_of(p.aid_received))
        for p in sorted(inp.participants, key=lambda p: p.id)
    }

    # Rules 1-3: conversion, covered parts, split, gross.
    item_results = []
    covering: dict[str, int] = {}
    total = 0
    for item in inp.items:
        amount = item_cents(inp, item)
        total += amount
        covered: dict[str, int] = {}
        for cover in item.covered:
            cents = cents_of(cover.amount)
            covered[cover.by] = covered.get(cover.by, 0) + cents
        rest = amount - sum(covered.values())
        parts, areas = _split_item(item, rest) if item.shares else ({}, {})
        for pid, cents in parts.items():
            acc = accounts[pid]
            acc.shares[item.id] = cents
            acc.gross += cents
            acc.by_kind[item.kind] = acc.by_kind.get(item.kind, 0) + cents
            area = areas[pid]
            if area is not None and cents:
                acc.sized.append(_Holding(item, cents, area))
        for pid, cents in covered.items():
            accounts[pid].covers[item.id] = cents
            covering[pid] = covering.get(pid, 0) + cents
        item_results.append(
            ItemResult(
                id=item.id,
                kind=item.kind,
                amount=from_cents(amount),
                covered={pid: from_cents(covered[pid]) for pid in sorted(covered)},
                shares={pid: from_cents(parts[pid]) for pid in sorted(parts)},
            )
        )

    # Rules 4-6, one subsidy rule after the other.
    rule_totals: dict[str, int] = {}
    for rule in inp.subsidies:
        rule_totals[rule.id] = _apply_rule(inp, rule, accounts)

    # Rule 7.
    funders: dict[str, Decimal] = {}
    for rid, cents in rule_totals.items():
        funders[rid] = funders.get(rid, Decimal(0)) + from_cents(cents)
    for pid in sorted(covering):
        funders[pid] = funders.get(pid, Decimal(0)) + from_cents(covering[pid])
    participants = []
    for acc in accounts.values():
        net = acc.gross - sum(acc.subsidies.values())
        participants.append(
            ParticipantResult(
                id=acc.participant.id,
                gross=from_cents(acc.gross),
                subsidies={rid: from_cents(acc.subsidies[rid]) for rid in rule_totals},
                net=from_cents(net),
                notes=dict(acc.notes),
                shares={iid: from_cents(c) for iid, c in acc.shares.items()},
                covers={iid: from_cents(c) for iid, c in acc.covers.items()},
            )
        )
    nets = sum(acc.gross - sum(acc.subsidies.values()) for acc in accounts.values())
    assert nets + sum(rule_totals.values()) + sum(covering.values()) == total, "rule 7"
    return Result(
        inp.currency, tuple(item_results), tuple(participants), funders, from_cents(total)
    )


def _apply_rule(inp: Input, rule: SubsidyRule, accounts: dict[str, _Account]) -> int:
    """Rules 4 to 6 for one subsidy rule; returns the rule's total in cents."""
    rate = Fraction(rule.rate)
    num, den = rate.numerator, rate.denominator
    failures = {pid: _failures(rule, acc.participant) for pid, acc in accounts.items()}
    minimum = rule.eligible.min_from_region
    if minimum is not None:
        qualified = sum(1 for f in failures.values() if not f)
        if qualified < minimum:
            for f in failures.values():
                f.append(Failure("min_from_region", limit=minimum, count=qualified))

    kinds = None if rule.kinds is None else frozenset(rule.kinds)
    max_area = None if rule.max_area_m2 is None else Fraction(rule.max_area_m2)
    max_price = None if rule.max_price_per_m2 is None else exact_cents(rule.max_price_per_m2)
    cap = None if rule.cap_per_participant is None else cents_of(rule.cap_per_participant)
    window = rule.window
    limit = 0 if window is None else cents_of(window.limit)
    amounts: dict[str, int] = {}
    drafts: dict[str, tuple[int, int | Fraction, int, list[Bound], list[Failure]]] = {}
    for pid, acc in accounts.items():
        if failures[pid]:
            amounts[pid] = 0
            drafts[pid] = (_cost(kinds, acc), 0, 0, [], failures[pid])
            continue
        cost, base, bounds = _base(rule, kinds, max_area, max_price, acc)
        if isinstance(base, int):
            # rate x base half-up, in integers: floor((2 num base + den) / (2 den)).
            uncapped = (2 * num * base + den) // (2 * den)
        else:
            uncapped = half_up(rate * base)
        amount = uncapped
        if cap is not None and rule.cap_per_participant is not None and amount > cap:
            bounds.append(
                Bound(
                    "cap_per_participant",
                    from_cents(amount),
                    from_cents(cap),
                    rule.cap_per_participant,
                )
            )
            amount = cap
        if window is not None:
            used = acc.aid_received + acc.windowed
            room = max(0, limit - used)
            if amount > room:
                after = 0 if window.all_or_nothing else room
                code = "window_all_or_nothing" if window.all_or_nothing else "window"
                bounds.append(
                    Bound(
                        code,
                        from_cents(amount),
                        from_cents(after),
                        window.limit,
                        used=from_cents(used),
                    )
                )
                amount = after
        room = acc.gross - acc.subsidised
        if amount > room:
            bounds.append(
                Bound(
                    "gross",
                    from_cents(amount),
                    from_cents(room),
                    from_cents(acc.gross),
                    used=from_cents(acc.subsidised),
                )
            )
            amount = room
        amounts[pid] = amount
        drafts[pid] = (cost, base, uncapped, bounds, [])

    # Rule 6: over the total cap, every amount is scaled down by largest remainder.
    rule_total = sum(amounts.values())
    if rule.cap_total is not None:
        cap_total = cents_of(rule.cap_total)
        if rule_total > cap_total:
            scaled = largest_remainder(cap_total, [(pid, a) for pid, a in amounts.items() if a])
            scale = (Decimal(cap_total) / Decimal(rule_total)).quantize(_SCALE_PLACES)
            for pid, after in scaled.items():
                drafts[pid][3].append(
                    Bound(
                        "cap_total",
                        from_cents(amounts[pid]),
                        from_cents(after),
                        rule.cap_total,
                        total=from_cents(rule_total),
                        scale=scale,
                    )
                )
                amounts[pid] = after
            rule_total = cap_total

    for pid, acc in accounts.items():
        cost, base, uncapped, bounds, failed = drafts[pid]
        amount = amounts[pid]
        code = "not_eligible" if failed else (bounds[-1].code if bounds else "full")
        acc.notes[rule.id] = Note(
            rule=rule.id,
            code=code,
            currency=inp.currency,
            rate=rule.rate,
            cost=from_cents(cost),
            base=round_cents(base),
            uncapped=from_cents(uncapped),
            amount=from_cents(amount),
            failed=tuple(failed),
            bounds=tuple(bounds),
        )
        acc.subsidies[rule.id] = amount
        acc.subsidised += amount
        if rule.window is not None:
            acc.windowed += amount
    return rule_total
