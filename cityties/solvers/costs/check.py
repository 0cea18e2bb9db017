"""An independent checker of a result's invariants, written without the engine's code
(Decimal arithmetic, not cents and fractions): used by the tests and the benchmark."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from .model import Input, Participant, Result, SubsidyRule

_CENT = Decimal("0.01")


def _eligible(rule: SubsidyRule, p: Participant) -> bool:
    e = rule.eligible
    return (
        (e.kinds is None or p.kind in e.kinds)
        and (not e.sme or p.sme)
        and (
            e.max_prior_participations is None
            or p.prior_participations <= e.max_prior_participations
        )
        and (not e.not_previous_edition or not p.previous_edition)
        and (e.regions is None or p.region in e.regions)
    )


def violations(inp: Input, result: Result) -> list[str]:
    """Every broken invariant, in words; empty when the result is sound."""
    out: list[str] = []
    items = {it.id: it for it in result.items}
    if [it.id for it in inp.items] != [it.id for it in result.items]:
        out.append("the items are not the input's")
    total = Decimal(0)
    gross: dict[str, Decimal] = {p.id: Decimal(0) for p in inp.participants}
    cost_by_kind: dict[tuple[str, str], Decimal] = {}
    covering = Decimal(0)
    for item in inp.items:
        res = items.get(item.id)
        if res is None:
            continue
        rate = Decimal(1) if item.currency == inp.currency else inp.rates[item.currency]
        amount = (item.amount * rate).quantize(_CENT, rounding=ROUND_HALF_UP)
        total += amount
        if res.amount != amount:
            out.append(f"{item.id}: amount {res.amount}, expected {amount}")
        covered = sum((c.amount for c in item.covered), Decimal(0))
        covering += covered
        if sum(res.covered.values(), Decimal(0)) != covered:
            out.append(f"{item.id}: covered parts {res.covered} do not match the input")
        if set(res.shares) != {s.participant for s in item.shares}:
            out.append(f"{item.id}: shares of {sorted(res.shares)}, not the input's")
        if sum(res.shares.values(), Decimal(0)) + covered != amount:
            out.append(f"{item.id}: shares and covered parts do not add up to {amount}")
        for pid, share in res.shares.items():
            if share < 0:
                out.append(f"{item.id}: negative share {share} for {pid}")
            gross[pid] = gross.get(pid, Decimal(0)) + share
            key = (pid, item.kind)
            cost_by_kind[key] = cost_by_kind.get(key, Decimal(0)) + share

    people = {p.id: p for p in inp.participants}
    if sorted(people) != [p.id for p in result.participants]:
        out.append("the participants are not the input's, sorted by id")
    rule_totals = dict.fromkeys((r.id for r in inp.subsidies), Decimal(0))
    nets = Decimal(0)
    for pres in result.participants:
        p = people.get(pres.id)
        if p is None:
            continue
        if pres.gross != gross[p.id]:
            out.append(f"{p.id}: gross {pres.gross}, its shares add up to {gross[p.id]}")
        if list(pres.subsidies) != list(rule_totals):
            out.append(f"{p.id}: subsidies {list(pres.subsidies)} are not the rules'")
        subsidised = Decimal(0)
        windowed = p.aid_received
        for rule in inp.subsidies:
            amount = pres.subsidies.get(rule.id, Decimal(0))
            rule_totals[rule.id] += amount
            subsidised += amount
            where = f"{p.id}, rule {rule.id}"
            if amount < 0:
                out.append(f"{where}: negative subsidy {amount}")
            if amount and not _eligible(rule, p):
                out.append(f"{where}: {amount} to a participant not eligible")
            cost = sum(
                (v for (pid, kind), v in cost_by_kind.items() if pid == p.id)
                if rule.kinds is None
                else (cost_by_kind.get((p.id, k), Decimal(0)) for k in set(rule.kinds)),
                Decimal(0),
            )
            most = (rule.rate * cost).quantize(_CENT, rounding=ROUND_CEILING)
            if amount > most:
                out.append(f"{where}: {amount} is above rate x cost ({most})")
            if rule.cap_per_participant is not None and amount > rule.cap_per_participant:
                out.append(f"{where}: {amount} is above the cap {rule.cap_per_participant}")
            if rule.window is not None:
                windowed += amount
                if amount and windowed > rule.window.limit:
                    out.append(f"{where}: aid {windowed} passes the window {rule.window.limit}")
            if subsidised > pres.gross:
                out.append(f"{where}: subsidies {subsidised} pass the gross {pres.gross}")
        if pres.net != pres.gross - subsidised:
            out.append(f"{p.id}: net {pres.net} is not gross minus subsidies")
        if pres.net < 0:
            out.append(f"{p.id}: negative net {pres.net}")
        nets += pres.net

    for rule in inp.subsidies:
        if rule.cap_total is not None and rule_totals[rule.id] > rule.cap_total:
            out.append(f"rule {rule.id}: total {rule_totals[rule.id]} passes {rule.cap_total}")
    funders = sum(result.funders.values(), Decimal(0))
    if funders != sum(rule_totals.values(), Decimal(0)) + covering:
        out.append(f"funders add up to {funders}, not the rules' totals and covered parts")
    if result.total != total:
        out.append(f"total {result.total}, the items add up to {total}")
    if nets + funders != total:
        out.append(f"nets {nets} + funders {funders} do not balance the total {total}")
    return out
