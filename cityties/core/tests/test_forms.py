"""Amounts typed the French way (or the English way) are read as meant."""

from decimal import Decimal

import pytest
from django.utils import translation

from cityties.core.forms import AmountInput, DecimalAmountField

FIELD = DecimalAmountField(max_digits=12, decimal_places=2)


@pytest.mark.parametrize(
    "typed",
    [
        "12500,50",
        "12 500,50",
        "12\u202f500,50",
        "12\xa0500,50",
        "12 500.50",
        "12500.50",
        "12.500,50",
        "12,500.50",
    ],
)
def test_a_french_reader_typing_twelve_thousand_five_hundred_and_a_half(typed):
    with translation.override("fr"):
        assert FIELD.clean(typed) == Decimal("12500.50")


def test_a_comma_is_never_silently_dropped():
    # Typing "12500,50" once saved 1,250,050 EUR.
    with translation.override("fr"):
        assert FIELD.clean("12500,50") != Decimal("1250050")


def test_an_english_reader_types_thousands_with_commas():
    with translation.override("en"):
        assert FIELD.clean("12,500") == Decimal("12500")
        assert FIELD.clean("1,250,050.5") == Decimal("1250050.5")


@pytest.mark.parametrize("typed", ["12,50,5.1", "abc", "1,2,3,4.5.6", "--1"])
def test_nonsense_is_refused(typed):
    from django.core.exceptions import ValidationError

    with translation.override("fr"), pytest.raises(ValidationError):
        FIELD.clean(typed)


def test_the_amount_is_shown_back_with_the_readers_decimal_mark():
    with translation.override("fr"):
        assert AmountInput().format_value(Decimal("12500.50")) == "12500,50"
