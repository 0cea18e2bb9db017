"""Forms of homestays. They validate input and offer the right choices; services save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cityties.delegations.models import Delegate
from cityties.network.models import Organisation

from .models import LANGUAGE_CHOICES, MAX_BEDS, Family, Gender, Guest
from .services import FamilyFields, GuestFields

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FamilyForm(forms.Form):
    household = forms.CharField(
        label=_("Household"),
        max_length=200,
        help_text=_("E.g. the Miller family (2 adults, 1 child)"),
    )
    contact_name = forms.CharField(label=_("Contact name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    language = forms.ChoiceField(label=_("Language of our mails"), choices=LANGUAGE_CHOICES)
    address = forms.CharField(
        label=_("Address"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Given to your guests once the assignment is confirmed, never before."),
    )
    area = forms.CharField(
        label=_("Area"), max_length=120, help_text=_("Neighbourhood or town, e.g. East Nashville")
    )
    beds = forms.IntegerField(label=_("Beds offered"), min_value=1, max_value=MAX_BEDS)
    available_from = forms.DateField(label=_("First night offered"), widget=DATE_WIDGET)
    available_to = forms.DateField(
        label=_("Day the last guest leaves"),
        widget=DATE_WIDGET,
        help_text=_("The morning after the last night you offer."),
    )
    languages = forms.CharField(
        label=_("Languages spoken at home"),
        max_length=60,
        help_text=_("ISO codes separated by commas, e.g. en,fr"),
    )
    pets = forms.BooleanField(label=_("Pets at home"), required=False)
    smoking = forms.BooleanField(label=_("Someone smokes at home"), required=False)
    takes_women = forms.BooleanField(label=_("We take women"), required=False, initial=True)
    takes_men = forms.BooleanField(label=_("We take men"), required=False, initial=True)
    same_gender_only = forms.BooleanField(
        label=_("Guests of one gender at a time"),
        required=False,
        help_text=_("Those staying on the same night share one gender."),
    )
    minutes_to_venue = forms.IntegerField(
        label=_("Minutes to the venue"), min_value=0, max_value=600, required=False
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def fields_for_service(self) -> FamilyFields:
        data = self.cleaned_data
        return FamilyFields(**{key: data[key] for key in FamilyFields.__annotations__})  # type: ignore[typeddict-item]

    @staticmethod
    def initial_from(family: Family) -> dict[str, Any]:
        return {key: getattr(family, key) for key in FamilyFields.__annotations__}


class RegisterForm(FamilyForm):
    consent = forms.BooleanField(
        label=_("I agree that these details are used to arrange this homestay and erased after it.")
    )


class SafeguardingForm(forms.Form):
    visit_on = forms.DateField(label=_("Home visit done on"), required=False, widget=DATE_WIDGET)
    visit_by = forms.CharField(label=_("Home visit done by"), max_length=200, required=False)
    check_on = forms.DateField(
        label=_("Background check done on"), required=False, widget=DATE_WIDGET
    )
    check_by = forms.CharField(label=_("Background check done by"), max_length=200, required=False)


class LinkForm(forms.Form):
    via = forms.ModelChoiceField(
        label=_("Through"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("The partner who passes the link on to families (a twin city, a state)."),
    )
    email = forms.EmailField(label=_("Send to"))
    language = forms.ChoiceField(label=_("Language of the mail"), choices=LANGUAGE_CHOICES)

    def __init__(self, *args: Any, partners: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["via"]
        field.queryset = Organisation.objects.filter(pk__in=[p.pk for p in partners])  # type: ignore[attr-defined]


class DelegateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Delegate) -> str:
        return f"{obj.person.full_name} — {obj.participant.organisation.name}"


class GuestChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Guest) -> str:
        return obj.delegate.person.full_name


class AddGuestForm(forms.Form):
    delegate = DelegateChoiceField(label=_("Delegate"), queryset=Delegate.objects.none())

    def __init__(self, *args: Any, delegates: QuerySet[Delegate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delegate"].queryset = delegates  # type: ignore[attr-defined]


class GuestForm(forms.Form):
    arrive = forms.DateField(label=_("Arrives on"), widget=DATE_WIDGET)
    leave = forms.DateField(label=_("Leaves on"), widget=DATE_WIDGET)
    gender = forms.ChoiceField(
        label=_("Gender"), choices=[("", _("Not given")), *Gender.choices], required=False
    )
    languages = forms.CharField(
        label=_("Languages spoken"), max_length=60, help_text=_("ISO codes separated by commas")
    )
    pet_allergy = forms.BooleanField(label=_("Pet allergy"), required=False)
    non_smoking = forms.BooleanField(label=_("Non-smoking home"), required=False)
    max_minutes = forms.IntegerField(
        label=_("Maximum minutes to the venue"), min_value=0, max_value=600, required=False
    )
    colleague = GuestChoiceField(
        label=_("Would like to stay with"), queryset=Guest.objects.none(), required=False
    )
    priority = forms.IntegerField(
        label=_("Priority"),
        min_value=0,
        max_value=9,
        help_text=_("Higher first: 3 for an elected official, 2 for a speaker, 1 otherwise."),
    )

    def __init__(self, *args: Any, colleagues: QuerySet[Guest], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["colleague"].queryset = colleagues  # type: ignore[attr-defined]

    def fields_for_service(self) -> GuestFields:
        data = self.cleaned_data
        return GuestFields(**{key: data[key] for key in GuestFields.__annotations__})  # type: ignore[typeddict-item]

    @staticmethod
    def initial_from(values: Any) -> dict[str, Any]:
        get = values.get if isinstance(values, dict) else lambda key: getattr(values, key)
        return {key: get(key) for key in GuestFields.__annotations__}


class MoveForm(forms.Form):
    family = forms.ModelChoiceField(
        label=_("Move to"),
        queryset=Family.objects.none(),
        required=False,
        empty_label=_("No family (take out)"),
    )

    def __init__(self, *args: Any, families: QuerySet[Family], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["family"].queryset = families  # type: ignore[attr-defined]
