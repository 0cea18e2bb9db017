"""English words for a ``Note`` (the command line's ``notes``); pages render the fields."""

from __future__ import annotations

from decimal import Decimal

from .model import Bound, Failure, Note


def _money(value: Decimal, currency: str) -> str:
    return f"{value:.2f} {currency}"


def _figure(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def _percent(rate: Decimal) -> str:
    return f"{_figure(rate * 100)}%"


def _one_of(values: tuple[str, ...]) -> str:
    if not values:
        return "none allowed"
    return " or ".join(values)


def failure_text_en(f: Failure) -> str:
    if f.condition == "kind":
        return f"kind {f.actual or 'unknown'} is not {_one_of(f.allowed)}"
    if f.condition == "sme":
        return "not an SME"
    if f.condition == "prior_participations":
        return f"{f.count} prior participations, more than {f.limit}"
    if f.condition == "previous_edition":
        return "exhibited at the previous edition"
    if f.condition == "region":
        return f"region {f.actual or 'unknown'} is not {_one_of(f.allowed)}"
    if f.condition == "min_from_region":
        who = "participant meets" if f.count == 1 else "participants meet"
        return f"only {f.count} {who} the other conditions, fewer than {f.limit}"
    return f.condition


def _ceilings_text(bounds: list[Bound], currency: str) -> str:
    words = []
    for b in bounds:
        if b.code == "area_ceiling":
            words.append(f"the area ceiling of {_figure(b.limit)} m²")
        else:
            words.append(f"the price ceiling of {_money(b.limit, currency)}/m²")
    return " and ".join(words)


def bound_text_en(b: Bound, currency: str) -> str:
    """The words for an amount bound (everything but the two ceilings)."""
    if b.code == "cap_per_participant":
        return f"cut to the cap per participant of {_money(b.limit, currency)}"
    if b.code == "window":
        return (
            f"cut to {_money(b.after, currency)}, what the limit of "
            f"{_money(b.limit, currency)} leaves after {_money(b.used or Decimal(0), currency)} "
            "of aid in the window"
        )
    if b.code == "window_all_or_nothing":
        return (
            f"nothing: {_money(b.before, currency)} would pass the limit of "
            f"{_money(b.limit, currency)} after {_money(b.used or Decimal(0), currency)} "
            "of aid in the window (all or nothing)"
        )
    if b.code == "gross":
        return (
            f"cut to {_money(b.after, currency)}, the cost left after "
            f"{_money(b.used or Decimal(0), currency)} of earlier subsidies"
        )
    if b.code == "cap_total":
        return (
            f"scaled down by {b.scale} to {_money(b.after, currency)} so that the rule's "
            f"total of {_money(b.total or Decimal(0), currency)} comes to its cap of "
            f"{_money(b.limit, currency)}"
        )
    return b.code


def note_text_en(note: Note) -> str:
    """E.g. "50% of 751.30 EUR = 375.65 EUR" or "not eligible: not an SME"."""
    if note.failed:
        return "not eligible: " + "; ".join(failure_text_en(f) for f in note.failed)
    cur = note.currency
    ceilings = [b for b in note.bounds if b.code in ("area_ceiling", "price_ceiling")]
    if ceilings:
        head = (
            f"{_percent(note.rate)} of {_money(note.base, cur)} "
            f"({_money(note.cost, cur)} limited by {_ceilings_text(ceilings, cur)}) "
            f"= {_money(note.uncapped, cur)}"
        )
    elif note.cost == 0:
        head = "no cost in the kinds the rule covers"
    else:
        head = f"{_percent(note.rate)} of {_money(note.base, cur)} = {_money(note.uncapped, cur)}"
    rest = [bound_text_en(b, cur) for b in note.bounds if b not in ceilings]
    return "; ".join([head, *rest])
