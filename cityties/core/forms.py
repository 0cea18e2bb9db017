"""Form fields shared by every app."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cityties.network.models import Person

# Spaces people type or paste between thousands: plain, no-break, narrow no-break, thin,
# and the Swiss apostrophe.
_GROUPING = re.compile(r"[\s\u00a0\u202f\u2009'’]")


def _french() -> bool:
    return not (get_language() or "fr").startswith("en")


def _ungroup(whole: str, mark: str, text: str) -> str:
    """Digits grouped by three with `mark` ("1,250,050"), without the marks."""
    if not re.fullmatch(rf"[+-]?\d{{1,3}}(?:{re.escape(mark)}\d{{3}})+", whole):
        raise InvalidOperation(text)
    return whole.replace(mark, "")


def parse_decimal(text: str) -> Decimal:
    """A decimal number as people write it: "12 500,50", "12500,50", "12 500.50",
    "12,500.50" all read 12500.50.

    The last of "," and "." is the decimal mark when both appear; a mark repeated is a
    thousands separator. A single comma is the decimal mark in French; in English it
    separates thousands when exactly three digits follow ("12,500").
    """
    value = _GROUPING.sub("", text.strip())
    if not re.fullmatch(r"[+-]?[\d.,]*\d[\d.,]*", value):
        raise InvalidOperation(text)
    commas, dots = value.count(","), value.count(".")
    if commas and dots:
        decimal_mark = "," if value.rfind(",") > value.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        if value.count(decimal_mark) > 1:
            raise InvalidOperation(text)
        whole, fraction = value.split(decimal_mark)
        value = f"{_ungroup(whole, thousands, text)}.{fraction}"
    elif commas > 1 or dots > 1:
        value = _ungroup(value, "," if commas else ".", text)
    elif commas == 1:
        whole, fraction = value.split(",")
        if not _french() and len(fraction) == 3 and whole.lstrip("+-"):
            value = whole + fraction
        else:
            value = f"{whole}.{fraction}"
    return Decimal(value)


class AmountInput(forms.TextInput):
    """A text box (not type=number, which refuses or silently drops a French comma) that
    brings up the numeric keyboard on phones and shows the reader's decimal mark."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Decimal):
            text = format(value, "f")
            return text.replace(".", ",") if _french() else text
        return super().format_value(value)


class DecimalAmountField(forms.DecimalField):
    """Every money or decimal field: reads French and English writing alike."""

    widget = AmountInput

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return parse_decimal(str(value))
        except (InvalidOperation, ValueError) as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        # DecimalField adds step/min/max for number inputs; a text box keeps only a hint.
        attrs = super().widget_attrs(widget)
        for key in ("step", "min", "max"):
            attrs.pop(key, None)
        return attrs


class RetentionDecisionForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    action = forms.ChoiceField(choices=[("erase", _("Erase")), ("keep", _("Keep"))])
    confirm = forms.BooleanField(
        required=False, label=_("I confirm the erasure of the selected people's data")
    )

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only people still due: a person kept or erased meanwhile is no longer a choice.
        self.fields["people"].queryset = people  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "erase" and not data.get("confirm"):
            self.add_error("confirm", _("Tick this box to confirm the erasure."))
        return data
