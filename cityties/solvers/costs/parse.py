"""Reading and checking the engine's input.

``parse_input`` turns a JSON-like dict into an ``Input`` (shape and types) and then calls
``check_input`` (values: ids, signs, sizes, fits), which the Django side can also call on
an ``Input`` it built itself. Both raise ``InvalidInput(id, message)``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from decimal import Decimal, localcontext
from typing import Any

from .model import (
    SPLIT_FIELD,
    SPLITS,
    Cover,
    Eligibility,
    Input,
    InvalidInput,
    Item,
    Participant,
    Share,
    SubsidyRule,
    Window,
)
from .money import cents_of, from_cents, to_cents

# Sizes beyond these are refused rather than computed.
MAX_MONEY = Decimal(10**12)
MAX_AREA = Decimal(10**6)
MAX_DAYS = Decimal(10**4)
MAX_WEIGHT = Decimal(10**9)
MAX_EXCHANGE_RATE = Decimal(10**6)
MAX_COUNT = 10**6
MAX_PARTICIPANTS = 100_000
MAX_ITEMS = 100_000
MAX_SHARES = 1_000_000
MAX_RULES = 1_000
MAX_ID = 200
MAX_NUMBER_TEXT = 40

#: Decimal places accepted: money in the top-level currency is to the cent.
CENT_PLACES = 2
FIGURE_PLACES = 6
RATE_PLACES = 10

ELIGIBLE_KEYS = frozenset(
    {
        "kinds",
        "sme",
        "max_prior_participations",
        "not_previous_edition",
        "regions",
        "min_from_region",
    }
)
WINDOW_KEYS = frozenset({"limit", "all_or_nothing"})

_NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)")


# --------------------------------------------------------------------------- JSON shape


def _obj(value: Any, who: str, what: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise InvalidInput(who, f"{what} must be an object, got {_kind(value)}")
    return value


def _list(data: Mapping[str, Any], key: str, who: str, required: bool = False) -> list[Any]:
    value = data.get(key)
    if value is None:
        if required:
            raise InvalidInput(who, f"'{key}' is missing")
        return []
    if not isinstance(value, list):
        raise InvalidInput(who, f"'{key}' must be a list, got {_kind(value)}")
    return value


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


def _text(value: Any, who: str, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(who, f"{what} must be a non-empty text, got {_kind(value)}")
    if len(value) > MAX_ID:
        raise InvalidInput(who, f"{what} is longer than {MAX_ID} characters")
    return value


def _opt_text(data: Mapping[str, Any], key: str, who: str) -> str | None:
    value = data.get(key)
    return None if value is None else _text(value, who, f"'{key}'")


def _texts(data: Mapping[str, Any], key: str, who: str) -> tuple[str, ...] | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, list):
        raise InvalidInput(who, f"'{key}' must be a list of texts, got {_kind(value)}")
    return tuple(_text(v, who, f"each of '{key}'") for v in value)


def _flag(data: Mapping[str, Any], key: str, who: str) -> bool:
    value = data.get(key)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise InvalidInput(who, f"'{key}' must be true or false, got {_kind(value)}")
    return value


def _count(data: Mapping[str, Any], key: str, who: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(who, f"'{key}' must be a whole number, got {_kind(value)}")
    return value


def _number(value: Any, who: str, what: str) -> Decimal:
    """A number given as a string ("1802.60"), an integer or a JSON number."""
    if isinstance(value, bool) or value is None:
        raise InvalidInput(who, f"{what} must be a number, got {_kind(value)}")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        if abs(value) >= 10**15:
            raise InvalidInput(who, f"{what} is far too large")
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidInput(who, f"{what} must be a finite number, got {value}")
        number = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip()
        if len(text) > MAX_NUMBER_TEXT or not _NUMBER.fullmatch(text):
            raise InvalidInput(who, f"{what} is not a number: {value[:60]!r}")
        number = Decimal(text)
    else:
        raise InvalidInput(who, f"{what} must be a number, got {_kind(value)}")
    if not number.is_finite():
        raise InvalidInput(who, f"{what} must be a finite number, got {value}")
    return number


def _opt_number(data: Mapping[str, Any], key: str, who: str) -> Decimal | None:
    value = data.get(key)
    return None if value is None else _number(value, who, f"'{key}'")


def _unknown_keys(data: Mapping[str, Any], allowed: frozenset[str], who: str, what: str) -> None:
    extra = sorted(set(data) - allowed)
    if extra:
        raise InvalidInput(
            who, f"unknown key{'s' if len(extra) > 1 else ''} in {what}: {', '.join(extra)}"
        )


def parse_input(data: Any) -> Input:
    """Validate a JSON-like dict (the issue's input shape) and build an ``Input``.

    Money and figures may be strings ("1802.60"), integers or JSON numbers. Raises
    ``InvalidInput`` naming the offending item, participant or rule.
    """
    root = _obj(data, "input", "the input")
    currency = (
        "EUR" if root.get("currency") is None else _text(root["currency"], "input", "'currency'")
    )
    raw_rates = root.get("rates")
    rates: dict[str, Decimal] = {}
    if raw_rates is not None:
        for code, value in _obj(raw_rates, "rates", "'rates'").items():
            _text(code, "rates", "a currency code")
            rates[code] = _number(value, "rates", f"the rate of {code}")

    participants = []
    for i, raw in enumerate(_list(root, "participants", "input", required=True)):
        who = f"participants[{i}]"
        item = _obj(raw, who, "a participant")
        pid = _text(item.get("id"), who, "'id'")
        aid = _opt_number(item, "aid_received", pid)
        participants.append(
            Participant(
                id=pid,
                kind=_opt_text(item, "kind", pid),
                region=_opt_text(item, "region", pid),
                sme=_flag(item, "sme", pid),
                prior_participations=_count(item, "prior_participations", pid) or 0,
                previous_edition=_flag(item, "previous_edition", pid),
                aid_received=Decimal(0) if aid is None else aid,
            )
        )

    items = []
    for i, raw in enumerate(_list(root, "items", "input", required=True)):
        who = f"items[{i}]"
        item = _obj(raw, who, "an item")
        iid = _text(item.get("id"), who, "'id'")
        if item.get("amount") is None:
            raise InvalidInput(iid, "'amount' is missing")
        split = item.get("split")
        if split is None:
            split = "equal"
        elif not isinstance(split, str) or split not in SPLITS:
            raise InvalidInput(
                iid, f"'split' must be one of {', '.join(SPLITS)}, got {_kind(split)}"
            )
        shares = []
        for j, raw_share in enumerate(_list(item, "shares", iid)):
            share = _obj(raw_share, iid, f"shares[{j}]")
            shares.append(
                Share(
                    participant=_text(share.get("participant"), iid, f"shares[{j}].participant"),
                    area_m2=_opt_number(share, "area_m2", iid),
                    days=_opt_number(share, "days", iid),
                    weight=_opt_number(share, "weight", iid),
                )
            )
        covers = []
        for j, raw_cover in enumerate(_list(item, "covered", iid)):
            cover = _obj(raw_cover, iid, f"covered[{j}]")
            if cover.get("amount") is None:
                raise InvalidInput(iid, f"covered[{j}]: 'amount' is missing")
            covers.append(
                Cover(
                    by=_text(cover.get("by"), iid, f"covered[{j}].by"),
                    amount=_number(cover["amount"], iid, f"covered[{j}].amount"),
                )
            )
        items.append(
            Item(
                id=iid,
                kind=_text(item.get("kind"), iid, "'kind'"),
                amount=_number(item["amount"], iid, "'amount'"),
                currency=_opt_text(item, "currency", iid) or currency,
                shares=tuple(shares),
                covered=tuple(covers),
                split=split,
                area_m2=_opt_number(item, "area_m2", iid),
                days=_opt_number(item, "days", iid),
            )
        )

    rules = []
    for i, raw in enumerate(_list(root, "subsidies", "input")):
        who = f"subsidies[{i}]"
        rule = _obj(raw, who, "a subsidy rule")
        rid = _text(rule.get("id"), who, "'id'")
        if rule.get("rate") is None:
            raise InvalidInput(rid, "'rate' is missing")
        raw_eligible = rule.get("eligible")
        eligible = Eligibility()
        if raw_eligible is not None:
            cond = _obj(raw_eligible, rid, "'eligible'")
            _unknown_keys(cond, ELIGIBLE_KEYS, rid, "'eligible'")
            eligible = Eligibility(
                kinds=_texts(cond, "kinds", rid),
                sme=_flag(cond, "sme", rid),
                max_prior_participations=_count(cond, "max_prior_participations", rid),
                not_previous_edition=_flag(cond, "not_previous_edition", rid),
                regions=_texts(cond, "regions", rid),
                min_from_region=_count(cond, "min_from_region", rid),
            )
        window = None
        if rule.get("window") is not None:
            raw_window = _obj(rule["window"], rid, "'window'")
            _unknown_keys(raw_window, WINDOW_KEYS, rid, "'window'")
            if raw_window.get("limit") is None:
                raise InvalidInput(rid, "'window' needs a 'limit'")
            window = Window(
                limit=_number(raw_window["limit"], rid, "the window's 'limit'"),
                all_or_nothing=_flag(raw_window, "all_or_nothing", rid),
            )
        rules.append(
            SubsidyRule(
                id=rid,
                rate=_number(rule["rate"], rid, "'rate'"),
                kinds=_texts(rule, "kinds", rid),
                funder=_opt_text(rule, "funder", rid),
                eligible=eligible,
                max_area_m2=_opt_number(rule, "max_area_m2", rid),
                max_price_per_m2=_opt_number(rule, "max_price_per_m2", rid),
                cap_per_participant=_opt_number(rule, "cap_per_participant", rid),
                cap_total=_opt_number(rule, "cap_total", rid),
                window=window,
            )
        )

    inp = Input(currency, rates, tuple(participants), tuple(items), tuple(rules))
    check_input(inp)
    return inp


# --------------------------------------------------------------------------- values


def _check(
    value: Decimal | None,
    who: str,
    what: str,
    *,
    maximum: Decimal,
    places: int,
    positive: bool = False,
) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, Decimal) or not value.is_finite():
        raise InvalidInput(who, f"{what} must be a finite Decimal, got {value!r}")
    if value < 0:
        raise InvalidInput(who, f"{what} must not be negative, got {value}")
    if positive and value == 0:
        raise InvalidInput(who, f"{what} must be above zero")
    if value >= maximum:
        raise InvalidInput(who, f"{what} must be below {maximum:,}, got {value}")
    with localcontext() as ctx:
        ctx.prec = 60
        if value != value.quantize(Decimal(1).scaleb(-places)):
            unit = "cent" if places == CENT_PLACES else f"{places} decimals"
            raise InvalidInput(who, f"{what} has more decimals than the {unit}: {value}")


def _money(value: Decimal | None, who: str, what: str) -> None:
    _check(value, who, what, maximum=MAX_MONEY, places=CENT_PLACES)


def _check_count(value: int | None, who: str, what: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(who, f"{what} must be a whole number, got {value!r}")
    if value < 0:
        raise InvalidInput(who, f"{what} must not be negative, got {value}")
    if value > MAX_COUNT:
        raise InvalidInput(who, f"{what} must be at most {MAX_COUNT:,}, got {value}")


def _check_texts(values: tuple[str, ...] | None, who: str, what: str) -> None:
    for v in values or ():
        if not isinstance(v, str) or not v:
            raise InvalidInput(who, f"{what} must be non-empty texts, got {v!r}")


def item_cents(inp: Input, item: Item) -> int:
    """The item's amount in cents of the top-level currency (rule 1)."""
    rate = Decimal(1) if item.currency == inp.currency else inp.rates[item.currency]
    return to_cents(item.amount, rate)


def check_input(inp: Input) -> None:
    """Raise ``InvalidInput`` for anything the engine cannot allocate exactly."""
    if not isinstance(inp.currency, str) or not inp.currency:
        raise InvalidInput("input", "'currency' must be a non-empty text")
    for code, rate in inp.rates.items():
        _check(
            rate,
            "rates",
            f"the rate of {code}",
            maximum=MAX_EXCHANGE_RATE,
            places=RATE_PLACES,
            positive=True,
        )
        if code == inp.currency and rate != 1:
            raise InvalidInput("rates", f"the rate of {code}, the top-level currency, must be 1")
    if len(inp.participants) > MAX_PARTICIPANTS:
        raise InvalidInput("participants", f"more than {MAX_PARTICIPANTS:,} participants")
    if len(inp.items) > MAX_ITEMS:
        raise InvalidInput("items", f"more than {MAX_ITEMS:,} items")
    if len(inp.subsidies) > MAX_RULES:
        raise InvalidInput("subsidies", f"more than {MAX_RULES:,} subsidy rules")
    if sum(len(it.shares) + len(it.covered) for it in inp.items) > MAX_SHARES:
        raise InvalidInput("items", f"more than {MAX_SHARES:,} shares and covered parts")

    known: set[str] = set()
    for p in inp.participants:
        _text(p.id, "participants", "a participant id")
        if p.id in known:
            raise InvalidInput(p.id, "duplicate participant id")
        known.add(p.id)
        _check_count(p.prior_participations, p.id, "'prior_participations'")
        _money(p.aid_received, p.id, "'aid_received'")

    seen: set[str] = set()
    for item in inp.items:
        _check_item(inp, item, known)
        if item.id in seen:
            raise InvalidInput(item.id, "duplicate item id")
        seen.add(item.id)

    seen = set()
    for rule in inp.subsidies:
        _check_rule(rule)
        if rule.id in seen:
            raise InvalidInput(rule.id, "duplicate subsidy rule id")
        seen.add(rule.id)


def _check_item(inp: Input, item: Item, known: set[str]) -> None:
    iid = _text(item.id, "items", "an item id")
    _text(item.kind, iid, "'kind'")
    _check(item.amount, iid, "'amount'", maximum=MAX_MONEY, places=FIGURE_PLACES)
    _check(item.area_m2, iid, "'area_m2'", maximum=MAX_AREA, places=FIGURE_PLACES)
    _check(item.days, iid, "'days'", maximum=MAX_DAYS, places=FIGURE_PLACES)
    if item.split not in SPLITS:
        raise InvalidInput(iid, f"'split' must be one of {', '.join(SPLITS)}, got {item.split!r}")
    if item.currency != inp.currency and item.currency not in inp.rates:
        raise InvalidInput(iid, f"no exchange rate for {item.currency} in 'rates'")
    amount = item_cents(inp, item)
    if amount >= MAX_MONEY * 100:
        raise InvalidInput(iid, f"the amount in {inp.currency} must be below {MAX_MONEY:,}")

    holders: set[str] = set()
    for share in item.shares:
        pid = share.participant
        if pid not in known:
            raise InvalidInput(iid, f"share of unknown participant {pid!r}")
        if pid in holders:
            raise InvalidInput(iid, f"participant {pid!r} has two shares")
        holders.add(pid)
        who = f"share of {pid!r}"
        _check(share.area_m2, iid, f"{who}: 'area_m2'", maximum=MAX_AREA, places=FIGURE_PLACES)
        _check(share.days, iid, f"{who}: 'days'", maximum=MAX_DAYS, places=FIGURE_PLACES)
        _check(share.weight, iid, f"{who}: 'weight'", maximum=MAX_WEIGHT, places=FIGURE_PLACES)
        if item.days is not None and share.days is not None and share.days > item.days:
            raise InvalidInput(iid, f"{who}: {share.days} days, more than the item's {item.days}")
    if item.split == "days" and item.days is not None and len(item.shares) > 1:
        days = sum((s.days for s in item.shares if s.days is not None), Decimal(0))
        if days > item.days:
            raise InvalidInput(
                iid,
                f"the shares' days add up to {days}, more than the item's {item.days} "
                "(a days split shares the stand's time)",
            )
    if item.area_m2 is not None:
        areas = [s.area_m2 for s in item.shares if s.area_m2 is not None]
        if sum(areas, Decimal(0)) > item.area_m2:
            raise InvalidInput(
                iid,
                f"the shares' areas add up to {sum(areas, Decimal(0))} m², "
                f"more than the item's {item.area_m2} m²",
            )
    if len(item.shares) > 1 and item.split in SPLIT_FIELD:
        name = SPLIT_FIELD[item.split]
        for share in item.shares:
            if getattr(share, name) is None:
                raise InvalidInput(
                    iid,
                    f"share of {share.participant!r} has no '{name}', "
                    f"which the split '{item.split}' needs",
                )

    covered = 0
    for cover in item.covered:
        if cover.by not in known:
            raise InvalidInput(iid, f"covered by unknown participant {cover.by!r}")
        _money(cover.amount, iid, f"the part covered by {cover.by!r}")
        covered += cents_of(cover.amount)
    if covered > amount:
        raise InvalidInput(
            iid,
            f"the covered parts ({from_cents(covered)}) are above the item's amount "
            f"({from_cents(amount)} {inp.currency})",
        )
    rest = amount - covered
    if rest and not item.shares:
        raise InvalidInput(
            iid,
            f"{from_cents(rest)} {inp.currency} remain after the covered parts "
            "but there is no share",
        )
    if rest and len(item.shares) > 1 and item.split in SPLIT_FIELD:
        name = SPLIT_FIELD[item.split]
        if all(getattr(s, name) == 0 for s in item.shares):
            raise InvalidInput(iid, f"every share's '{name}' is zero: nothing to split by")


def _check_rule(rule: SubsidyRule) -> None:
    rid = _text(rule.id, "subsidies", "a subsidy rule id")
    rate = rule.rate
    if isinstance(rate, Decimal) and rate.is_finite() and not 0 <= rate <= 1:
        raise InvalidInput(rid, f"'rate' must be between 0 and 1, got {rate}")
    _check(rate, rid, "'rate'", maximum=Decimal(2), places=RATE_PLACES)
    _check_texts(rule.kinds, rid, "'kinds'")
    if rule.funder is not None:
        _text(rule.funder, rid, "'funder'")
    _check(rule.max_area_m2, rid, "'max_area_m2'", maximum=MAX_AREA, places=FIGURE_PLACES)
    _check(
        rule.max_price_per_m2, rid, "'max_price_per_m2'", maximum=MAX_MONEY, places=FIGURE_PLACES
    )
    _money(rule.cap_per_participant, rid, "'cap_per_participant'")
    _money(rule.cap_total, rid, "'cap_total'")
    if rule.window is not None:
        _money(rule.window.limit, rid, "the window's 'limit'")
    e = rule.eligible
    _check_texts(e.kinds, rid, "'eligible.kinds'")
    _check_texts(e.regions, rid, "'eligible.regions'")
    _check_count(e.max_prior_participations, rid, "'eligible.max_prior_participations'")
    _check_count(e.min_from_region, rid, "'eligible.min_from_region'")
