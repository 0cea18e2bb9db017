"""Forms of the people pages. They validate input; the state change itself is a service
call made by the view."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cityties.core.phones import normalise_phone
from cityties.core.text import language_choices

from ..access import editable_organisations
from ..models import Organisation, Person
from .choosers import OrganisationChoiceField, search_when_long


class PersonForm(forms.ModelForm):
    organisation = OrganisationChoiceField(Organisation.objects.none(), label=_("Organisation"))
    languages = forms.MultipleChoiceField(
        label=_("Languages"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )

    class Meta:
        model = Person
        fields = [
            "civility",
            "first_name",
            "last_name",
            "function",
            "organisation",
            "email",
            "phone",
            "languages",
            "consent_given",
        ]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        qs = editable_organisations(user)
        if self.instance.pk is not None:
            # Someone editing their own record keeps their organisation in the list.
            qs = Organisation.objects.filter(
                Q(pk__in=qs.values("pk")) | Q(pk=self.instance.organisation_id)
            )
        field.queryset = qs.order_by("name_key")
        search_when_long(field)
        self.fields["consent_given"].help_text = _(
            "Tick only when the person has agreed; the date is recorded. Untick to record "
            "a withdrawal."
        )
        recorded = [c for c in (self.instance.languages or "").split(",") if c]
        languages = self.fields["languages"]
        assert isinstance(languages, forms.MultipleChoiceField)
        languages.choices = language_choices(recorded)
        self.initial.setdefault("languages", recorded)
        self.fields["phone"].widget.attrs["autocomplete"] = "off"
        self.fields["phone"].widget.attrs["inputmode"] = "tel"
        self.fields["phone"].help_text = _(
            "With its country prefix if abroad, e.g. +1 615 862 5000."
        )
        self.fields["email"].widget.attrs["autocomplete"] = "off"

    def clean_languages(self) -> str:
        return ",".join(self.cleaned_data.get("languages") or [])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        organisation = cleaned.get("organisation") or (
            self.instance.organisation if self.instance.pk else None
        )
        if cleaned.get("phone"):
            try:
                cleaned["phone"] = normalise_phone(
                    cleaned["phone"], organisation.country if organisation else "FR"
                )
            except ValidationError as error:
                self.add_error("phone", error)
        return cleaned

    def _post_clean(self) -> None:
        pass


class EraseConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that this person's data will be erased for good."), required=True
    )
