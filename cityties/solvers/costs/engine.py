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
from .money import exact_cents, from_cents, half_up, largest_remainder, round_cents
from .parse import check_input, item_cents

_ONE = Fraction(1)
_SCALE_PLACES = Decimal("0.000001")


@dataclass(slots=True)
class _Holding:
    """One share as the subsidy rules see it."""

    item: Item
    cents: int
    #: The share's area for the ceilings, None when unknown.
    area: Fraction | None


@dataclass(slots=True)
class _Account:
    participant: Participant
    holdings: list[_Holding] = field(default_factory=list)
    shares: dict[str, int] = field(default_factory=dict)
    covers: dict[str, int] = field(default_factory=dict)
    gross: int = 0
    subsidies: dict[str, int] = field(default_factory=dict)
    notes: dict[str, Note] = field(default_factory=dict)
    #: Sum of amounts from rules that have a window.
    windowed: int = 0
    subsidised: int = 0


def _weight(item: Item, share: Share) -> Fraction:
    name = SPLIT_FIELD.get(item.split)
    if name is None:
        return _ONE
    value = getattr(share, name)
    return Fraction(value) if value is not None else Fraction(0)


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
    whole = sum((w for _, w in weights), Fraction(0))
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


def _base(rule: SubsidyRule, holdings: list[_Holding]) -> tuple[int, Fraction, list[Bound]]:
    """Rule 4's base: the shares in the rule's kinds, each under the area and price
    ceilings when its area is known. Returns (cost in cents, exact base, ceiling bounds)."""
    cost = 0
    base = Fraction(0)
    max_area = None if rule.max_area_m2 is None else Fraction(rule.max_area_m2)
    max_price = None if rule.max_price_per_m2 is None else exact_cents(rule.max_price_per_m2)
    cut: dict[str, list[Fraction]] = {}
    for h in holdings:
        if rule.kinds is not None and h.item.kind not in rule.kinds:
            continue
        cost += h.cents
        value = Fraction(h.cents)
        area = h.area
        if area is None or h.cents == 0:
            base += value
            continue
        codes = []
        if max_area is not None and area > max_area:
            value = min(value, h.cents * max_area / area)
            codes.append("area_ceiling")
        if max_price is not None:
            by_price = min(area, max_area if max_area is not None else area) * max_price
            if h.cents > area * max_price:
                codes.append("price_ceiling")
            value = min(value, by_price)
        base += value
        for code in codes:
            before, after = cut.setdefault(code, [Fraction(0), Fraction(0)])
            cut[code] = [before + h.cents, after + value]
    bounds = []
    for code, limit in (
        ("area_ceiling", rule.max_area_m2),
        ("price_ceiling", rule.max_price_per_m2),
    ):
        if code in cut and limit is not None:
            before, after = cut[code]
            bounds.append(Bound(code, round_cents(before), round_cents(after), limit))
    return cost, base, bounds


def allocate(inp: Input) -> Result:
    """Allocate every item and apply every subsidy rule; see the package docstring."""
    check_input(inp)
    accounts = {p.id: _Account(p) for p in sorted(inp.participants, key=lambda p: p.id)}

    # Rules 1-3: conversion, covered parts, split, gross.
    item_results = []
    covering: dict[str, int] = {}
    total = 0
    for item in inp.items:
        amount = item_cents(inp, item)
        total += amount
        covered: dict[str, int] = {}
        for cover in item.covered:
            cents = int(exact_cents(cover.amount))
            covered[cover.by] = covered.get(cover.by, 0) + cents
        rest = amount - sum(covered.values())
        parts, areas = _split_item(item, rest) if item.shares else ({}, {})
        for pid, cents in parts.items():
            acc = accounts[pid]
            acc.shares[item.id] = cents
            acc.gross += cents
            acc.holdings.append(_Holding(item, cents, areas[pid]))
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
    failures = {pid: _failures(rule, acc.participant) for pid, acc in accounts.items()}
    minimum = rule.eligible.min_from_region
    if minimum is not None:
        qualified = sum(1 for f in failures.values() if not f)
        if qualified < minimum:
            for f in failures.values():
                f.append(Failure("min_from_region", limit=minimum, count=qualified))

    amounts: dict[str, int] = {}
    drafts: dict[str, tuple[int, Fraction, int, list[Bound], list[Failure]]] = {}
    for pid, acc in accounts.items():
        cost, base, bounds = _base(rule, acc.holdings)
        if failures[pid]:
            amounts[pid] = 0
            drafts[pid] = (cost, Fraction(0), 0, [], failures[pid])
            continue
        uncapped = half_up(rate * base)
        amount = uncapped
        if rule.cap_per_participant is not None:
            cap = int(exact_cents(rule.cap_per_participant))
            if amount > cap:
                bounds.append(
                    Bound(
                        "cap_per_participant",
                        from_cents(amount),
                        from_cents(cap),
                        rule.cap_per_participant,
                    )
                )
                amount = cap
        if rule.window is not None:
            used = int(exact_cents(acc.participant.aid_received)) + acc.windowed
            room = max(0, int(exact_cents(rule.window.limit)) - used)
            if amount > room:
                after = 0 if rule.window.all_or_nothing else room
                code = "window_all_or_nothing" if rule.window.all_or_nothing else "window"
                bounds.append(
                    Bound(
                        code,
                        from_cents(amount),
                        from_cents(after),
                        rule.window.limit,
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
        cap_total = int(exact_cents(rule.cap_total))
        if rule_total > cap_total:
            scaled = largest_remainder(
                cap_total, [(pid, Fraction(a)) for pid, a in amounts.items() if a]
            )
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
