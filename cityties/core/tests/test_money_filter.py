"""The money filter's fast path writes exactly what Babel writes."""

from decimal import Decimal

from babel.numbers import format_currency
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from cityties.core.templatetags.cityties import money

amounts = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=4, allow_nan=False
)


@settings(max_examples=300, deadline=None)
@given(
    amount=amounts,
    language=st.sampled_from(["fr", "en"]),
    currency=st.sampled_from(["EUR", "USD", "GBP", "CHF", "JPY"]),
)
def test_money_is_what_babel_writes(amount, language, currency):
    with translation.override(language):
        assert money(amount, currency) == format_currency(amount, currency, locale=language)


def test_money_of_nothing_is_a_dash():
    assert money(None) == "—"
