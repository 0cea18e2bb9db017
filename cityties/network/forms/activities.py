"""The form of a partnership's activity."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cityties.core.errors import DomainError, add_form_error
from cityties.core.fields import CountField
from cityties.core.forms import DecimalAmountField

from .. import services
from ..models import ActivityKind
from .partnerships import DATE_WIDGET


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    start_date = forms.DateField(label=_("Start date"), widget=DATE_WIDGET)
    end_date = forms.DateField(label=_("End date"), required=False, widget=DATE_WIDGET)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    people_involved = CountField(label=_("People involved"), initial=0)
    students = CountField(label=_("Students"), initial=0)
    companies = CountField(label=_("Companies"), initial=0)
    contracts = CountField(label=_("Contracts signed"), initial=0)
    budget = DecimalAmountField(
        label=_("Budget"),
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        initial=Decimal(0),
        help_text=_("For example 12 500,50"),
    )
    budget_currency = forms.CharField(
        label=_("Currency"),
        min_length=3,
        max_length=3,
        initial="EUR",
        help_text=_("Three-letter ISO code, e.g. EUR or USD."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            services.validate_activity(dict(data))
        except DomainError as error:
            add_form_error(self, error)
        return data
