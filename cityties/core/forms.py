from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cityties.network.models import Person


class RetentionDecisionForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    action = forms.ChoiceField(choices=[("erase", _("Erase")), ("keep", _("Keep"))])
    confirm = forms.BooleanField(
        required=False, label=_("I confirm the erasure of the selected people's data")
    )

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only people still due: a person kept or erased meanwhile is no longer a choice.
        self.fields["people"].queryset = people  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "erase" and not data.get("confirm"):
            self.add_error("confirm", _("Tick this box to confirm the erasure."))
        return data
