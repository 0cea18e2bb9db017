"""Forms of the organisation pages. They validate input; the state change itself is a service
call made by the view."""

from __future__ import annotations

from typing import Any

from babel import Locale, UnknownLocaleError
from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cityties.accounts.permissions import is_network_staff, officer_org_ids
from cityties.core.errors import DomainError, add_form_error
from cityties.core.fields import ModelMultipleIdField

from .. import services
from ..models import Organisation, OrganisationKind, Sector
from .choosers import OrganisationChoiceField, search_when_long


def country_choices() -> list[tuple[str, str]]:
    try:
        locale = Locale.parse((get_language() or "fr").replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        locale = Locale("fr")
    pairs = [
        (code, name) for code, name in locale.territories.items() if services.is_country_code(code)
    ]
    return sorted(pairs, key=lambda pair: services.normalise_name(pair[1]))


class OrganisationForm(forms.ModelForm):
    country = forms.ChoiceField(label=_("Country"), choices=())
    sponsor = OrganisationChoiceField(
        Organisation.objects.none(),
        search="companies=0",
        required=False,
        label=_("Sponsoring member"),
    )
    sectors = ModelMultipleIdField(
        label=_("Sectors"),
        queryset=Sector.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "short_name",
            "kind",
            "country",
            "region",
            "city",
            "latitude",
            "longitude",
            "website",
            "email",
            "description",
            "sectors",
            "is_member",
            "sponsor",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.creating = self.instance.pk is None
        country = self.fields["country"]
        assert isinstance(country, forms.ChoiceField)
        country.choices = [("", "—"), *country_choices()]
        staff = is_network_staff(user)
        sponsors = Organisation.objects.filter(archived_at=None).exclude(
            kind=OrganisationKind.COMPANY
        )
        if not staff:
            del self.fields["is_member"]
            officer = officer_org_ids(user)
            if officer:
                sponsors = sponsors.filter(pk__in=officer)
            else:
                del self.fields["sponsor"]
            if not self.creating:
                # Only the staff reclassify an organisation.
                del self.fields["kind"]
        if "sponsor" in self.fields:
            field = self.fields["sponsor"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = sponsors.order_by("name_key")
            field.help_text = _("For a company: the member government it travels with.")
            search_when_long(field)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        fields = {k: v for k, v in cleaned.items() if k != "sectors"}
        current = None if self.creating else self.instance
        try:
            services.validate_organisation(self.user, fields, current=current)
        except DomainError as error:
            add_form_error(self, error)
        return cleaned

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("sectors", None)
        return data

    def _post_clean(self) -> None:
        # Uniqueness and constraints are checked by the service, which reports duplicates
        # with the record to use; the instance is left untouched until then.
        pass
