"""Forms of the pavilion: they read what people type (French or English decimals) and
hand the services plain values."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.core.forms import DecimalAmountField
from cityties.delegations.forms import DATE_WIDGET
from cityties.delegations.models import Delegation, Participant
from cityties.network.models import Organisation

from .models import MAX_AMOUNT, MAX_AREA, MAX_DAYS, ItemKind, ParticipantKindRule, Split

_AMOUNT: dict[str, Any] = {
    "max_digits": 12,
    "decimal_places": 2,
    "min_value": Decimal("0"),
    "max_value": MAX_AMOUNT,
}
_AREA: dict[str, Any] = {
    "max_digits": 8,
    "decimal_places": 2,
    "min_value": Decimal("0.01"),
    "max_value": MAX_AREA,
}


class ItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices)
    label = forms.CharField(label=_("Label"), max_length=200)
    planned_amount = DecimalAmountField(label=_("Planned amount"), **_AMOUNT)
    actual_amount = DecimalAmountField(label=_("Actual amount"), required=False, **_AMOUNT)
    currency = forms.CharField(
        label=_("Currency"), max_length=3, initial="EUR", help_text=_("e.g. EUR, USD")
    )
    area_m2 = DecimalAmountField(label=_("Area (m²)"), required=False, **_AREA)
    days = forms.IntegerField(label=_("Days"), required=False, min_value=1, max_value=MAX_DAYS)
    split = forms.ChoiceField(label=_("Shared"), choices=Split.choices, initial=Split.EQUAL)
    notes = forms.CharField(label=_("Notes"), max_length=300, required=False)

    def clean_currency(self) -> str:
        return str(self.cleaned_data["currency"]).strip().upper()


class ShareForm(forms.Form):
    participant = forms.ModelChoiceField(
        label=_("Participant"), queryset=Participant.objects.none()
    )
    area_m2 = DecimalAmountField(label=_("Area (m²)"), required=False, **_AREA)
    days = forms.IntegerField(label=_("Days"), required=False, min_value=1, max_value=MAX_DAYS)
    percent = DecimalAmountField(
        label=_("Percentage"),
        required=False,
        max_digits=6,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("100"),
    )

    def __init__(self, *args: Any, participants: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participants  # type: ignore[attr-defined]
        self.fields["participant"].label_from_instance = lambda p: p.organisation.name  # type: ignore[attr-defined]


class CoverForm(forms.Form):
    participant = forms.ModelChoiceField(label=_("Covered by"), queryset=Participant.objects.none())
    amount = DecimalAmountField(label=_("Amount (EUR)"), **_AMOUNT)

    def __init__(self, *args: Any, participants: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participants  # type: ignore[attr-defined]


class RateForm(forms.Form):
    currency = forms.CharField(label=_("Currency"), max_length=3, help_text=_("e.g. USD"))
    rate = DecimalAmountField(
        label=_("Euros for one unit"),
        max_digits=14,
        decimal_places=6,
        min_value=Decimal("0.000001"),
        max_value=Decimal("100000"),
    )
    source = forms.CharField(
        label=_("Source"), max_length=200, help_text=_("e.g. ECB reference rate")
    )
    on_date = forms.DateField(
        label=_("Date of the rate"),
        widget=DATE_WIDGET,
        initial=timezone.localdate,
    )

    def clean_currency(self) -> str:
        return str(self.cleaned_data["currency"]).strip().upper()

    def clean_on_date(self) -> datetime.date:
        value: datetime.date = self.cleaned_data["on_date"]
        if not datetime.date(1990, 1, 1) <= value <= datetime.date(2100, 12, 31):
            raise forms.ValidationError(_("Give a date between 1990 and 2100."))
        return value


class RuleForm(forms.Form):
    label = forms.CharField(label=_("Name"), max_length=200)
    funder = forms.ModelChoiceField(label=_("Funder"), queryset=Organisation.objects.none())
    position = forms.IntegerField(
        label=_("Order"),
        min_value=1,
        max_value=100,
        required=False,
        help_text=_("Rules apply in this order; each sees what earlier rules gave."),
    )
    rate = DecimalAmountField(
        label=_("Rate (%)"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
    )
    kinds = forms.MultipleChoiceField(
        label=_("Cost kinds covered"), choices=ItemKind.choices, widget=forms.CheckboxSelectMultiple
    )
    participant_kind = forms.ChoiceField(
        label=_("For"), choices=ParticipantKindRule.choices, required=False
    )
    sme_only = forms.BooleanField(label=_("SMEs only"), required=False)
    max_prior_participations = forms.IntegerField(
        label=_("At most this many prior participations"),
        min_value=0,
        max_value=100,
        required=False,
    )
    not_previous_edition = forms.BooleanField(
        label=_("Not for those who exhibited at the previous edition"), required=False
    )
    regions = forms.CharField(
        label=_("Regions"),
        max_length=500,
        required=False,
        help_text=_("Separated by commas; empty for every region."),
    )
    min_from_region = forms.IntegerField(
        label=_("Only if at least this many participants are eligible"),
        min_value=1,
        max_value=1000,
        required=False,
    )
    max_area_m2 = DecimalAmountField(label=_("Area ceiling (m²)"), required=False, **_AREA)
    max_price_per_m2 = DecimalAmountField(
        label=_("Price ceiling (EUR per m²)"), required=False, **_AMOUNT
    )
    cap_per_participant = DecimalAmountField(
        label=_("Cap per participant (EUR)"), required=False, **_AMOUNT
    )
    cap_total = DecimalAmountField(label=_("Cap for the event (EUR)"), required=False, **_AMOUNT)
    window_limit = DecimalAmountField(
        label=_("Aid ceiling over the period (EUR)"),
        required=False,
        help_text=_("For instance the de minimis ceiling, counting the aid already received."),
        **_AMOUNT,
    )
    window_all_or_nothing = forms.BooleanField(
        label=_("Nothing for a participant who would pass that ceiling"), required=False
    )
    legal_reference = forms.CharField(label=_("Legal reference"), max_length=300, required=False)
    legal_text = forms.CharField(label=_("Legal text"), widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, funders: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["funder"].queryset = funders  # type: ignore[attr-defined]

    def clean_regions(self) -> list[str]:
        text = str(self.cleaned_data.get("regions") or "")
        return [part.strip() for part in text.split(",") if part.strip()]

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if data.get("position") is None:
            data.pop("position", None)
        return data


class FactsForm(forms.Form):
    sme = forms.BooleanField(label=_("SME"), required=False)
    prior_participations = forms.IntegerField(
        label=_("Prior participations in this collective action"),
        min_value=0,
        max_value=100,
        initial=0,
    )
    previous_edition = forms.BooleanField(
        label=_("Exhibited at the previous edition"), required=False
    )
    region = forms.CharField(label=_("Region"), max_length=120, required=False)
    aid_received = DecimalAmountField(
        label=_("Aid already received over the period (EUR)"),
        initial=Decimal("0"),
        help_text=_("For instance de minimis aid over the last three years."),
        **_AMOUNT,
    )


class DossierForm(forms.Form):
    previous = forms.ModelChoiceField(
        label=_("Previous edition"), queryset=Delegation.objects.none(), required=False
    )
    summary_fr = forms.CharField(
        label=_("The project (French)"), widget=forms.Textarea, required=False, max_length=5000
    )
    summary_en = forms.CharField(
        label=_("The project (English)"), widget=forms.Textarea, required=False, max_length=5000
    )
    previous_outcomes_fr = forms.CharField(
        label=_("Results of the previous edition (French)"),
        widget=forms.Textarea,
        required=False,
        max_length=5000,
    )
    previous_outcomes_en = forms.CharField(
        label=_("Results of the previous edition (English)"),
        widget=forms.Textarea,
        required=False,
        max_length=5000,
    )

    def __init__(self, *args: Any, delegation: Delegation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["previous"].queryset = (  # type: ignore[attr-defined]
            Delegation.objects.exclude(pk=delegation.pk)
            .select_related("event")
            .order_by("-event__starts_at")
        )
