"""Exact money arithmetic: integer cents, fractions, half-up rounding, largest remainder.

The engine works in integer cents of the top-level currency and exact fractions, and
converts to ``Decimal`` (two decimals) only at the edges.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from fractions import Fraction


def half_up(x: Fraction | int) -> int:
    """Round a non-negative fraction to the nearest integer, halves up."""
    return (2 * x.numerator + x.denominator) // (2 * x.denominator)


# Wide enough for any checked amount x rate (at most 34 digits) to be exact.
_EXACT = Context(prec=80, rounding=ROUND_HALF_UP, traps=[InvalidOperation])
_CENT = Decimal("0.01")


def to_cents(amount: Decimal, rate: Decimal = Decimal(1)) -> int:
    """``amount x rate`` in cents, rounded half-up (rule 1)."""
    product = _EXACT.multiply(amount, rate)
    return int(product.quantize(_CENT, context=_EXACT).scaleb(2))


def cents_of(amount: Decimal) -> int:
    """An amount already to the cent, in cents."""
    return int(amount.scaleb(2))


def exact_cents(amount: Decimal) -> Fraction:
    return Fraction(amount) * 100


_MEMO: dict[int, Decimal] = {}


def from_cents(cents: int) -> Decimal:
    value = _MEMO.get(cents)
    if value is None:
        if len(_MEMO) > 100_000:
            _MEMO.clear()
        value = _MEMO[cents] = Decimal(cents).scaleb(-2)
    return value


def round_cents(x: Fraction | int) -> Decimal:
    """A fraction of cents, half-up to the cent, as Decimal (for display)."""
    return from_cents(x if isinstance(x, int) else half_up(x))


def largest_remainder(total: int, weights: Sequence[tuple[str, int]]) -> dict[str, int]:
    """Split ``total`` cents in proportion to integer weights; the parts add up to ``total``.

    Each part is the floor of its exact quota ``total x w / W``; the cents left go one
    each to the largest remainders, ties to the id that sorts first. Ids must be
    distinct; the weights must not be negative and must not all be zero unless ``total``
    is zero. (Integer weights keep this exact and fast: scale decimal weights first.)
    """
    if not weights:
        if total:
            raise ValueError("nothing to split among")
        return {}
    whole = sum(w for _, w in weights)
    if whole == 0:
        if total:
            raise ValueError("the weights are all zero")
        return dict.fromkeys((key for key, _ in weights), 0)
    parts: dict[str, int] = {}
    rests: list[tuple[int, str]] = []
    for key, w in weights:
        floor, rest = divmod(total * w, whole)
        parts[key] = floor
        rests.append((rest, key))
    left = total - sum(parts.values())
    if left:
        # All remainders share the denominator ``whole``: compare the numerators.
        rests.sort(key=lambda r: (-r[0], r[1]))
        for _, key in rests[:left]:
            parts[key] += 1
    return parts


def scaled_int(value: Decimal, places: int) -> int:
    """``value x 10^places`` as an exact integer (value has at most ``places`` decimals)."""
    return int(value.scaleb(places))
