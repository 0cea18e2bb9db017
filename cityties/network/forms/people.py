"""Forms of the people pages. They validate input; the state change itself is a service
call made by the view."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..access import editable_organisations
from ..models import Organisation, Person


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
        field.queryset = qs.order_by("name_key")
        self.fields["consent_given"].help_text = _(
            "Tick only when the person has agreed; the date is recorded. Untick to record "
            "a withdrawal."
        )
        self.fields["phone"].widget.attrs["autocomplete"] = "off"
        self.fields["email"].widget.attrs["autocomplete"] = "off"

    def _post_clean(self) -> None:
        pass


class EraseConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that this person's data will be erased for good."), required=True
    )
