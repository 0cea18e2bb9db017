"""Integers from query strings and forms are parsed strictly and bounded."""

from __future__ import annotations

import pytest
from django import forms
from pydantic import TypeAdapter, ValidationError

from cityties.core.fields import MAX_COUNT, MAX_ID, Count, CountField, Id, Offset
from cityties.core.listing import int_or_none, page_number


@pytest.mark.parametrize("raw", ["1", "42", str(MAX_ID), " 7 "])
def test_an_id_in_range_is_read(raw):
    assert int_or_none(raw) == int(raw)


@pytest.mark.parametrize(
    "raw",
    [None, "", "0", "-1", "+1", "1_000", "1.0", "1e3", "abc", "١٢", str(MAX_ID + 1), "9" * 20],
)
def test_an_id_out_of_range_or_malformed_is_ignored(raw):
    assert int_or_none(raw) is None


@pytest.mark.parametrize("raw", [None, "", "0", "-3", "x", "9" * 30])
def test_a_bad_page_number_is_the_first_page(raw):
    assert page_number(raw) == 1


def test_a_page_number_is_read():
    assert page_number("3") == 3


def test_count_field_refuses_past_its_maximum():
    field = CountField()
    assert field.clean(str(MAX_COUNT)) == MAX_COUNT
    with pytest.raises(forms.ValidationError):
        field.clean(str(10**19))


def test_count_field_refuses_a_negative_count():
    with pytest.raises(forms.ValidationError):
        CountField().clean("-1")


@pytest.mark.parametrize(
    ("annotated", "bad"), [(Count, 10**19), (Count, -1), (Id, 0), (Id, 2**63), (Offset, 10**19)]
)
def test_schema_integers_are_bounded(annotated, bad):
    with pytest.raises(ValidationError):
        TypeAdapter(annotated).validate_python(bad)
