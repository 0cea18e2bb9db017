"""Forms of the directory pages. They validate input and rights that depend on it; the
state change itself is a service call made by the view."""

from __future__ import annotations

from typing import Any

import rules
from babel import Locale, UnknownLocaleError
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cityties.accounts.permissions import (
    company_ids,
    is_network_staff,
    officer_org_ids,
)

from . import services
from .models import CountryGroup, Organisation, OrganisationKind, Person, Sector

# Babel lists a few groupings and placeholders among its territories.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ"})


def country_choices() -> list[tuple[str, str]]:
    try:
        locale = Locale.parse((get_language() or "fr").replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        locale = Locale("fr")
    pairs = [
        (code, name)
        for code, name in locale.territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    ]
    return sorted(pairs, key=lambda pair: services.normalise_name(pair[1]))


def editable_organisations(user: Any) -> QuerySet[Organisation]:
    """Organisations whose records (and people) the user may edit."""
    qs = Organisation.objects.filter(archived_at=None)
    if is_network_staff(user):
        return qs
    officer = officer_org_ids(user)
    return qs.filter(Q(pk__in=officer) | Q(sponsor_id__in=officer) | Q(pk__in=company_ids(user)))


class OrganisationForm(forms.ModelForm):
    country = forms.ChoiceField(label=_("Country"), choices=())
    sectors = forms.ModelMultipleChoiceField(
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
            field.queryset = sponsors.order_by("name")
            field.help_text = _("For a company: the member government it travels with.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        if self.creating:
            candidate = Organisation(
                name=cleaned.get("name", ""),
                kind=cleaned.get("kind", ""),
                country=cleaned.get("country", ""),
                is_member=cleaned.get("is_member", False),
                sponsor=cleaned.get("sponsor"),
            )
            if not rules.test_rule("network.create_this_organisation", self.user, candidate):
                raise forms.ValidationError(
                    _(
                        "You may add foreign partners, or companies your organisation "
                        "sponsors; the network staff add the others."
                    ),
                    code="not_allowed",
                )
        elif not services.may_change_organisation(self.user, self.instance, cleaned):
            raise forms.ValidationError(
                _("You may not make this change; ask the network staff."), code="not_allowed"
            )
        return cleaned

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("sectors", None)
        return data

    def _post_clean(self) -> None:
        # Uniqueness and constraints are checked by the service, which reports duplicates
        # with the record to use; the instance is left untouched until then.
        pass


class PersonForm(forms.ModelForm):
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
        field.queryset = qs.order_by("name")
        self.fields["consent_given"].help_text = _(
            "Tick only when the person has agreed; the date is recorded. Untick to record "
            "a withdrawal."
        )
        self.fields["phone"].widget.attrs["autocomplete"] = "off"
        self.fields["email"].widget.attrs["autocomplete"] = "off"

    def _post_clean(self) -> None:
        pass


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.organisation.name})"


class GroupForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        label=_("Members"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    president = PersonChoiceField(
        label=_("President"), queryset=Person.objects.none(), required=False
    )
    staff_lead = PersonChoiceField(
        label=_("Staff lead"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: Any, group: CountryGroup, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.group = group
        members = self.fields["members"]
        assert isinstance(members, forms.ModelMultipleChoiceField)
        members.queryset = Organisation.objects.filter(
            Q(archived_at=None, is_member=True) | Q(groups=group)
        ).distinct()
        active = Person.objects.filter(erased_at=None, archived_at=None).select_related(
            "organisation"
        )
        president = self.fields["president"]
        assert isinstance(president, forms.ModelChoiceField)
        president.queryset = active.filter(organisation__is_member=True)
        president.help_text = _("A person from a member of the group.")
        lead = self.fields["staff_lead"]
        assert isinstance(lead, forms.ModelChoiceField)
        lead.queryset = active.filter(organisation_id=group.federation_id)


class EraseConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that this person's data will be erased for good."), required=True
    )
