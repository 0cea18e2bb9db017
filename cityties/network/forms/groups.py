"""Forms of the country group pages. They validate input; the state change itself is a service
call made by the view."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cityties.core.fields import ModelMultipleIdField

from ..models import CountryGroup, Organisation, Person
from .organisations import country_choices


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.organisation.name})"


class GroupDetailsForm(forms.Form):
    """What a new country group needs; its members and roles come once it exists."""

    name = forms.CharField(label=_("Name"), max_length=200)
    country = forms.ChoiceField(label=_("Country"), choices=())
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country = self.fields["country"]
        assert isinstance(country, forms.ChoiceField)
        country.choices = [("", "—"), *country_choices()]

    def details(self) -> dict[str, str]:
        return {key: self.cleaned_data[key] for key in ("name", "country", "description")}


class GroupForm(GroupDetailsForm):
    members = ModelMultipleIdField(
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
