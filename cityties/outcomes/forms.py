"""Forms of the outcomes: they read what people type (French or English decimals) and
hand the services plain values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cityties.core.forms import DecimalAmountField
from cityties.delegations.forms import DATE_WIDGET
from cityties.delegations.models import ParticipantKind
from cityties.network.models import Organisation

from .models import MAX_VALUE, FollowupLevel, OutcomeKind, TenderStatus

_VALUE: dict[str, Any] = {
    "max_digits": 14,
    "decimal_places": 2,
    "min_value": Decimal("0"),
    "max_value": MAX_VALUE,
}


class RecordForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OutcomeKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    counterpart = forms.CharField(
        label=_("Buyer or counterpart"),
        max_length=200,
        required=False,
        help_text=_("Required for a tender or a contract."),
    )
    occurred_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    value = DecimalAmountField(label=_("Value"), required=False, **_VALUE)
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="EUR")
    value_eur = DecimalAmountField(
        label=_("Value in euros"),
        required=False,
        help_text=_("Only when the delegation has no exchange rate for this currency."),
        **_VALUE,
    )
    confidential = forms.BooleanField(
        label=_("Keep the value private"),
        required=False,
        help_text=_("Counted in the figures, but the value is shown only to you and the staff."),
    )
    status = forms.ChoiceField(
        label=_("Status of the tender"),
        choices=[("", "—"), *TenderStatus.choices],
        required=False,
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE_WIDGET, required=False)
    duration_months = forms.IntegerField(
        label=_("Duration of the contract (months)"), required=False, min_value=1, max_value=600
    )
    jobs = forms.IntegerField(
        label=_("Jobs announced"), required=False, min_value=0, max_value=1_000_000
    )
    meeting = forms.ChoiceField(label=_("The meeting it came from"), required=False)
    meeting_label = forms.CharField(
        label=_("Or describe the meeting or contact"), max_length=200, required=False
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen only by you, your city and the staff."),
    )

    def __init__(self, *args: Any, meetings: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [("", "—"), *meetings]  # type: ignore[attr-defined]
        if not meetings:
            del self.fields["meeting"]

    def clean_currency(self) -> str:
        return str(self.cleaned_data["currency"]).strip().upper()

    def fields_for_service(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class PartnershipRecordForm(RecordForm):
    organisation = forms.ModelChoiceField(
        label=_("Whose outcome"), queryset=Organisation.objects.none()
    )

    field_order = ["organisation"]

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, meetings=[], **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.order_fields(["organisation", *[n for n in self.fields if n != "organisation"]])


class SurveySettingsForm(forms.Form):
    enabled = forms.BooleanField(label=_("Send the debrief survey"), required=False)
    delay_days = forms.IntegerField(
        label=_("Days after the event for the first survey"), min_value=0, max_value=90
    )
    reminder_days = forms.IntegerField(label=_("Reminder after (days)"), min_value=1, max_value=60)


YEAR: dict[str, Any] = {"min_value": 1990, "max_value": 2100, "required": False}


class YearsFilterForm(forms.Form):
    city = forms.ModelChoiceField(
        label=_("Member city"), queryset=Organisation.objects.none(), required=False
    )
    first = forms.IntegerField(label=_("From"), **YEAR)
    last = forms.IntegerField(label=_("To"), **YEAR)

    def __init__(self, *args: Any, cities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = cities  # type: ignore[attr-defined]


class CityFilterForm(forms.Form):
    first = forms.IntegerField(label=_("From"), **YEAR)
    last = forms.IntegerField(label=_("To"), **YEAR)


class DelegationFilterForm(forms.Form):
    city = forms.ModelChoiceField(
        label=_("Member city"), queryset=Organisation.objects.none(), required=False
    )
    kind = forms.ChoiceField(
        label=_("Participants"),
        choices=[("", _("All")), *ParticipantKind.choices],
        required=False,
    )
    compare = forms.ChoiceField(label=_("Against"), required=False)

    def __init__(self, *args: Any, cities: Any, editions: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = cities  # type: ignore[attr-defined]
        self.fields["compare"].choices = [  # type: ignore[attr-defined]
            ("", _("the previous edition")),
            *[(str(pk), label) for pk, label in editions],
        ]


# --- The survey ----------------------------------------------------------------------

USEFULNESS = [
    (5, _("Very useful")),
    (4, _("Useful")),
    (3, _("Somewhat useful")),
    (2, _("Not very useful")),
    (1, _("Not useful")),
]


class SurveyForm(forms.Form):
    usefulness = forms.TypedChoiceField(
        label=_("How useful was the delegation for you?"),
        choices=USEFULNESS,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label=_("Anything else you would like to tell us?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FollowupForm(forms.Form):
    meeting = forms.CharField(required=False, widget=forms.HiddenInput)
    label = forms.CharField(label=_("Meeting or contact"), max_length=200, required=False)
    level = forms.ChoiceField(
        label=_("What followed?"), choices=FollowupLevel.choices, initial=FollowupLevel.NONE
    )


class DealForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            ("", "—"),
            (OutcomeKind.TENDER, OutcomeKind.TENDER.label),
            (OutcomeKind.CONTRACT, OutcomeKind.CONTRACT.label),
        ],
        required=False,
    )
    title = forms.CharField(label=_("What"), max_length=200, required=False)
    counterpart = forms.CharField(label=_("Buyer"), max_length=200, required=False)
    value = DecimalAmountField(label=_("Value"), required=False, **_VALUE)
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="EUR", required=False)
    value_eur = DecimalAmountField(
        label=_("Value in euros"),
        required=False,
        help_text=_("Only when the delegation has no exchange rate for this currency."),
        **_VALUE,
    )
    status = forms.ChoiceField(
        label=_("Status of the tender"),
        choices=[("", "—"), *TenderStatus.choices],
        required=False,
    )
    occurred_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET, required=False)
    confidential = forms.BooleanField(label=_("Keep the value private"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") and not data.get("occurred_on"):
            self.add_error("occurred_on", _("Give the date."))
        return data

    @property
    def is_filled(self) -> bool:
        return bool(getattr(self, "cleaned_data", {}).get("kind"))


FollowupFormSet = forms.formset_factory(FollowupForm, extra=0)
DealFormSet = forms.formset_factory(DealForm, extra=2)
