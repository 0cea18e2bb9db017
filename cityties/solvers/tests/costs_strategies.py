"""Hypothesis strategies for the cost-allocation engine: valid inputs in the JSON shape."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from hypothesis import strategies as st

RATES = {"USD": "0.9013", "GBP": "1.1734", "JPY": "0.0081"}
KINDS = ("stand", "registration", "travel", "reception")
REGIONS = ("normandie", "occitanie", "centre")
IDS = ("caen", "soyhuce", "akidou", "bemyapp", "starnav", "tours", "zeta", "a")


def cents(draw: st.DrawFn, low: int, high: int) -> str:
    return str(Decimal(draw(st.integers(low, high))).scaleb(-2))


def maybe(draw: st.DrawFn, value: Any) -> Any:
    return value if draw(st.booleans()) else None


def _participant(draw: st.DrawFn, pid: str) -> dict[str, Any]:
    out: dict[str, Any] = {"id": pid}
    if draw(st.integers(0, 6)):
        out["kind"] = draw(st.sampled_from(("company", "company", "company", "government")))
    if draw(st.integers(0, 6)):
        out["region"] = draw(st.sampled_from(REGIONS))
    if draw(st.integers(0, 4)):
        out["sme"] = draw(st.integers(0, 4)) > 0
    if draw(st.booleans()):
        out["previous_edition"] = draw(st.integers(0, 3)) == 0
    if draw(st.booleans()):
        out["prior_participations"] = draw(st.integers(0, 3))
    if draw(st.booleans()):
        out["aid_received"] = cents(draw, 0, draw(st.sampled_from((100, 10**5, 10**6))))
    return out


def _item(draw: st.DrawFn, iid: str, pids: list[str]) -> dict[str, Any]:
    currency = draw(st.sampled_from(("EUR", "EUR", *RATES)))
    big = draw(st.sampled_from((100, 10**5, 10**6, 10**6, 10**10)))
    amount = Decimal(draw(st.integers(0, big))).scaleb(-2)
    rate = Decimal(RATES.get(currency, "1"))
    converted = (amount * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    item: dict[str, Any] = {
        "id": iid,
        "kind": draw(st.sampled_from(KINDS)),
        "amount": str(amount),
        "split": draw(st.sampled_from(("equal", "area", "days", "weights"))),
    }
    if currency != "EUR" or draw(st.booleans()):
        item["currency"] = currency
    holders = draw(st.lists(st.sampled_from(pids), unique=True, max_size=4))
    area = None
    if draw(st.booleans()):
        area = draw(st.integers(1, 60))
        item["area_m2"] = str(area)
    if draw(st.booleans()):
        item["days"] = draw(st.integers(1, 5))
    shares = []
    room = area
    days_left = item.get("days", 0)
    for n, pid in enumerate(holders):
        share: dict[str, Any] = {"participant": pid}
        need = item["split"]
        if need == "area" or (area is not None and draw(st.booleans())):
            if room is None:
                share["area_m2"] = str(draw(st.integers(n == 0, 30)))
            else:
                take = draw(st.integers(0, room))
                if need == "area" and n == 0 and take == 0 and room:
                    take = 1
                room -= take
                share["area_m2"] = str(take)
        if need == "days":
            if "days" in item:
                share["days"] = draw(st.integers(0, days_left))
                if n == 0 and share["days"] == 0:
                    share["days"] = 1
                days_left -= share["days"]
            else:
                share["days"] = draw(st.integers(n == 0, 5))
        if need == "weights":
            share["weight"] = str(draw(st.integers(n == 0, 4)))
        shares.append(share)
    # An area split needs some area; a share with 0 m² may come first only if another has more.
    if item["split"] == "area" and shares and all(s["area_m2"] == "0" for s in shares):
        item["split"] = "equal"
    covered = []
    left = converted
    if not shares:
        payers = draw(st.lists(st.sampled_from(pids), min_size=1, max_size=2))
        for i, pid in enumerate(payers):
            part = left if i == len(payers) - 1 else (left / 2).quantize(Decimal("0.01"))
            covered.append({"by": pid, "amount": str(part)})
            left -= part
    else:
        for pid in draw(st.lists(st.sampled_from(pids), max_size=2)):
            part = Decimal(draw(st.integers(0, int(left * 100)))).scaleb(-2)
            covered.append({"by": pid, "amount": str(part)})
            left -= part
    item["shares"] = shares
    if covered or draw(st.booleans()):
        item["covered"] = covered
    return item


def _rule(draw: st.DrawFn, rid: str) -> dict[str, Any]:
    rate = draw(st.sampled_from(("0.5", "0.8", "1", "0.3333", None)))
    if rate is None:
        rate = str(Decimal(draw(st.integers(0, 100))).scaleb(-2))
    rule: dict[str, Any] = {"id": rid, "rate": rate}
    if draw(st.integers(0, 3)):
        rule["kinds"] = draw(st.lists(st.sampled_from(KINDS), unique=True, max_size=3))
    eligible: dict[str, Any] = {}
    rarely = st.integers(0, 3).map(lambda n: n == 0)
    if draw(rarely):
        eligible["kinds"] = ["company"]
    if draw(rarely):
        eligible["sme"] = draw(st.booleans())
    if draw(rarely):
        eligible["max_prior_participations"] = draw(st.integers(0, 3))
    if draw(rarely):
        eligible["not_previous_edition"] = draw(st.booleans())
    if draw(rarely):
        eligible["regions"] = draw(st.lists(st.sampled_from(REGIONS), unique=True))
    if draw(st.integers(0, 3)) == 0:
        eligible["min_from_region"] = draw(st.integers(0, 4))
    if eligible:
        rule["eligible"] = eligible
    if draw(st.booleans()):
        rule["max_area_m2"] = str(draw(st.integers(0, 40)))
    if draw(st.booleans()):
        rule["max_price_per_m2"] = cents(draw, 0, 100_000)
    if draw(st.booleans()):
        rule["cap_per_participant"] = cents(draw, 0, 10**6)
    if draw(st.booleans()):
        rule["cap_total"] = cents(draw, 0, 2 * 10**6)
    if draw(st.booleans()):
        rule["window"] = {"limit": cents(draw, 0, 10**6), "all_or_nothing": draw(st.booleans())}
    return rule


@st.composite
def inputs(draw: st.DrawFn) -> dict[str, Any]:
    pids = draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=6, unique=True))
    n_items = draw(st.integers(0, 5))
    n_rules = draw(st.integers(0, 3))
    return {
        "currency": "EUR",
        "rates": dict(RATES),
        "participants": [_participant(draw, pid) for pid in pids],
        "items": [_item(draw, f"item-{i}", pids) for i in range(n_items)],
        "subsidies": [_rule(draw, f"rule-{i}") for i in range(n_rules)],
    }
