"""The review of imported minutes: the meeting, each person (matched to the directory,
to add to it, or kept as written), each dated event for the calendar, each decision and
each action item with its owner. Every line can be corrected or left out."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cityties.events.forms import LOCAL_INPUT, ZONE_CHOICES
from cityties.events.models import EventKind
from cityties.network.models import Civility, Organisation, Person

from ..models import AttendanceStatus
from .meetings import DATE_WIDGET, PersonChoiceField

ATTENDED_CHOICES = [
    (value, label) for value, label in AttendanceStatus.choices if value != AttendanceStatus.INVITED
]
AS_WRITTEN, NEW = "", "new"


class ReviewMeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=LOCAL_INPUT)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=LOCAL_INPUT)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=ZONE_CHOICES)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    chair = PersonChoiceField(label=_("Chair"), queryset=Person.objects.none(), required=False)
    secretary = PersonChoiceField(
        label=_("Secretary"), queryset=Person.objects.none(), required=False
    )
    organiser = forms.ModelChoiceField(
        label=_("Organiser of the events added to the calendar"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    next_meeting = forms.DateTimeField(
        label=_("Plan the next meeting on"),
        widget=LOCAL_INPUT,
        required=False,
        help_text=_("Leave empty to plan it later."),
    )

    def __init__(
        self,
        *args: Any,
        people: QuerySet[Person],
        organisers: QuerySet[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = people  # type: ignore[attr-defined]
        self.fields["secretary"].queryset = people  # type: ignore[attr-defined]
        self.fields["organiser"].queryset = organisers  # type: ignore[attr-defined]


class ReviewPersonForm(forms.Form):
    include = forms.BooleanField(label=_("Keep"), required=False, initial=True)
    status = forms.ChoiceField(label=_("Attendance"), choices=ATTENDED_CHOICES)
    match = forms.ChoiceField(label=_("In the directory"), required=False)
    civility = forms.ChoiceField(
        label=_("Civility"), choices=[("", "—"), *Civility.choices], required=False
    )
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    function = forms.CharField(label=_("Function"), max_length=200, required=False)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation in the directory"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    proxy_name = forms.CharField(label=_("Represented by"), max_length=200, required=False)

    def __init__(
        self,
        *args: Any,
        people: list[Person],
        organisations: QuerySet[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["match"].choices = [  # type: ignore[attr-defined]
            (AS_WRITTEN, _("Not in the directory: keep as written")),
            (NEW, _("Add to the directory")),
            *((str(p.pk), f"{p.full_name} — {p.organisation.name}") for p in people),
        ]
        self.people = {str(p.pk): p for p in people}
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("include"):
            return data
        match = data.get("match") or ""
        if match not in (AS_WRITTEN, NEW):
            data["person"] = self.people[match]
        if not data.get("last_name") and "person" not in data:
            self.add_error("last_name", _("A last name is required."))
        if data.get("status") == AttendanceStatus.REPRESENTED and not data.get("proxy_name"):
            self.add_error("proxy_name", _("Name who represents them."))
        return data


class ReviewEventForm(forms.Form):
    include = forms.BooleanField(label=_("Add to the calendar"), required=False)
    title = forms.CharField(label=_("Event"), max_length=200)
    start = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    end = forms.DateField(label=_("To"), widget=DATE_WIDGET)
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    country = forms.CharField(
        label=_("Country"), max_length=2, min_length=2, help_text=_("ISO 3166 code, e.g. US")
    )
    precision = forms.CharField(widget=forms.HiddenInput, required=False)
    existing = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("An event cannot end before it starts."))
        return data


class ReviewDecisionForm(forms.Form):
    include = forms.BooleanField(label=_("Keep"), required=False, initial=True)
    text = forms.CharField(
        label=_("Decision"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReviewActionForm(forms.Form):
    include = forms.BooleanField(label=_("Keep"), required=False, initial=True)
    text = forms.CharField(
        label=_("Action"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Owner organisation"), queryset=Organisation.objects.none(), required=False
    )
    owner_person = PersonChoiceField(
        label=_("Owner"), queryset=Person.objects.none(), required=False
    )
    owner_text = forms.CharField(widget=forms.HiddenInput, required=False)
    due_on = forms.DateField(label=_("Due date"), widget=DATE_WIDGET, required=False)

    def __init__(
        self,
        *args: Any,
        people: QuerySet[Person],
        organisations: QuerySet[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_person"].queryset = people  # type: ignore[attr-defined]
        self.fields["owner_organisation"].queryset = organisations  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("include"):
            return data
        owner, org = data.get("owner_person"), data.get("owner_organisation")
        if owner is not None and org is None:
            data["owner_organisation"] = org = owner.organisation
        if org is None:
            self.add_error("owner_organisation", _("Choose who owns this action item."))
        elif owner is not None and owner.organisation_id != org.pk:
            self.add_error("owner_person", _("The owner must belong to the owner organisation."))
        return data


PersonFormSet = forms.formset_factory(ReviewPersonForm, extra=0)
EventFormSet = forms.formset_factory(ReviewEventForm, extra=0)
DecisionFormSet = forms.formset_factory(ReviewDecisionForm, extra=0)
ActionFormSet = forms.formset_factory(ReviewActionForm, extra=0)
