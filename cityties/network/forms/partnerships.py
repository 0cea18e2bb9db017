"""The partnership form. It validates input; the services save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cityties.accounts.models import User
from cityties.core.errors import DomainError, add_form_error
from cityties.core.fields import ModelMultipleIdField

from .. import services
from ..models import (
    GOVERNMENT_KINDS,
    CostSharing,
    Organisation,
    PartnershipKind,
    PartnershipStatus,
    Theme,
)
from .choosers import OrganisationsChoiceField

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PartnershipForm(forms.Form):
    partners = OrganisationsChoiceField(
        Organisation.objects.filter(kind__in=GOVERNMENT_KINDS, archived_at=None),
        search="governments=1",
        slot_label=_("Partner %(n)s"),
        label=_("Partners"),
        help_text=_("At least two governments: type a name, then pick it from the suggestions."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Left empty, it is made of the partners' names."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=PartnershipKind.choices)
    status = forms.ChoiceField(
        label=_("Status"), choices=PartnershipStatus.choices, initial=PartnershipStatus.ACTIVE
    )
    signed_on = forms.DateField(label=_("Signed on"), required=False, widget=DATE_WIDGET)
    renewed_on = forms.DateField(label=_("Renewed on"), required=False, widget=DATE_WIDGET)
    themes = ModelMultipleIdField(
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Themes"),
        required=False,
    )
    cost_sharing = forms.ChoiceField(
        label=_("Cost-sharing rule"), choices=CostSharing.choices, required=False
    )
    cost_sharing_notes = forms.CharField(
        label=_("Cost-sharing details"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    is_shared = forms.BooleanField(
        label=_("Shared with the network"),
        required=False,
        initial=True,
        help_text=_("Unticked, only the partners' officers and the network staff see it."),
    )
    is_public = forms.BooleanField(label=_("Shown on the public atlas"), required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        values = self.service_values()
        try:
            services.validate_partnership(
                actor=self.user,
                **{name: values[name] for name in services.PARTNERSHIP_RULE_FIELDS},
            )
        except DomainError as error:
            add_form_error(self, error)
        return data

    def service_values(self) -> dict[str, Any]:
        """The cleaned data under the service's argument names."""
        data = dict(self.cleaned_data)
        data["members"] = list(data.pop("partners"))
        data["themes"] = list(data["themes"])
        data["cost_sharing"] = data.get("cost_sharing") or ""
        return data
