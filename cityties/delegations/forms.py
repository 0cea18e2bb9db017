"""Forms of delegations. They validate input and offer the right choices; services save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cityties.events.forms import LOCAL_INPUT
from cityties.events.models import Event
from cityties.events.services import local_to_utc
from cityties.network.models import Organisation, Person, Sector

from .models import (
    ApplicationStatus,
    Delegate,
    DelegateRole,
    DelegationStatus,
    MilestoneStatus,
    SessionKind,
    SupporterRole,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LANGUAGE_CHOICES = [("fr", "Français"), ("en", "English")]


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.full_name} — {obj.organisation.name}"


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.full_name} — {obj.organisation.name}"


class DelegateChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Delegate) -> str:
        return f"{obj.person.full_name} — {obj.participant.organisation.name}"


class DelegationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    event = forms.ModelChoiceField(label=_("Event"), queryset=Event.objects.none())
    lead = forms.ModelChoiceField(
        label=_("Lead organisation"), queryset=Organisation.objects.none()
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(
        self, *args: Any, events: QuerySet[Event], leads: QuerySet[Organisation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events  # type: ignore[attr-defined]
        self.fields["lead"].queryset = leads  # type: ignore[attr-defined]


class DelegationEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class MoveForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=DelegationStatus.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class SupporterForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.filter(archived_at=None).exclude(kind="company"),
    )
    role = forms.ChoiceField(label=_("Role"), choices=SupporterRole.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ContactsForm(forms.Form):
    people = PeopleChoiceField(
        label=_("Staff contacts"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people  # type: ignore[attr-defined]


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    due_on = forms.DateField(label=_("Deadline"), widget=DATE_WIDGET)
    owner_organisation = forms.ModelChoiceField(
        label=_("Owner organisation"), queryset=Organisation.objects.none()
    )
    owner_person = PersonChoiceField(
        label=_("Owner"), queryset=Person.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=MilestoneStatus.choices, initial=MilestoneStatus.OPEN
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        people: QuerySet[Person],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["owner_person"].queryset = people  # type: ignore[attr-defined]


class GovernmentForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Member government"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args: Any, governments: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = governments  # type: ignore[attr-defined]


class CompanyForm(forms.Form):
    company = forms.ModelChoiceField(label=_("Company"), queryset=Organisation.objects.none())

    def __init__(self, *args: Any, companies: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies  # type: ignore[attr-defined]


class DelegateForm(forms.Form):
    person = PersonChoiceField(label=_("Person"), queryset=Person.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=DelegateRole.choices)

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]


class CompanyProfileForm(forms.Form):
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.all(), required=False
    )
    offer_fr = forms.CharField(
        label=_("Offer in French"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    offer_en = forms.CharField(
        label=_("Offer in English"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    target_markets = forms.CharField(
        label=_("Target markets"),
        max_length=120,
        required=False,
        help_text=_("ISO country codes separated by commas, e.g. US,CA"),
    )
    languages = forms.CharField(
        label=_("Languages"),
        max_length=60,
        required=False,
        help_text=_("ISO codes separated by commas, e.g. fr,en"),
    )
    is_sme = forms.BooleanField(label=_("SME (small or medium-sized company)"), required=False)
    pitch_fr = forms.CharField(
        label=_("Pitch in French"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    pitch_en = forms.CharField(
        label=_("Pitch in English"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class CallForm(forms.Form):
    deadline = forms.DateTimeField(
        label=_("Deadline"), widget=LOCAL_INPUT, help_text=_("Paris time.")
    )
    intro_fr = forms.CharField(
        label=_("Introduction in French"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    intro_en = forms.CharField(
        label=_("Introduction in English"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ProposeForm(forms.Form):
    company = forms.ModelChoiceField(label=_("Company"), queryset=Organisation.objects.none())
    contact_name = forms.CharField(label=_("Contact name"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact e-mail"))
    language = forms.ChoiceField(label=_("Language of the mails"), choices=LANGUAGE_CHOICES)
    motivation = forms.CharField(
        label=_("Why this company"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, companies: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies  # type: ignore[attr-defined]


class InviteForm(forms.Form):
    company = forms.ModelChoiceField(label=_("Company"), queryset=Organisation.objects.none())
    email = forms.EmailField(label=_("E-mail of the company"))
    language = forms.ChoiceField(label=_("Language of the mail"), choices=LANGUAGE_CHOICES)

    def __init__(self, *args: Any, companies: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies  # type: ignore[attr-defined]


class ApplyForm(forms.Form):
    contact_name = forms.CharField(label=_("Your name"), max_length=200)
    contact_email = forms.EmailField(label=_("Your e-mail"))
    language = forms.ChoiceField(label=_("Language of our answer"), choices=LANGUAGE_CHOICES)
    motivation = forms.CharField(
        label=_("What you hope from the trip"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    pitch_fr = forms.CharField(
        label=_("Pitch in French"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    pitch_en = forms.CharField(
        label=_("Pitch in English"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (value, label)
            for value, label in ApplicationStatus.choices
            if value != ApplicationStatus.SUBMITTED
        ],
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        help_text=_("Required to decline; sent to the applicant."),
    )


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices)
    title_fr = forms.CharField(label=_("Title in French"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=LOCAL_INPUT)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=LOCAL_INPUT)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    run_by_delegation = forms.BooleanField(label=_("Run by the delegation"), required=False)
    for_everyone = forms.BooleanField(label=_("The whole delegation takes part"), required=False)
    speakers = PeopleChoiceField(
        label=_("Speakers"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    delegates = DelegateChoiceField(
        label=_("Who takes part"),
        queryset=Delegate.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        zone: str,
        people: QuerySet[Person],
        delegates: QuerySet[Delegate],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.fields["starts_at"].help_text = _("Local time (%(zone)s).") % {"zone": zone}
        self.fields["ends_at"].help_text = _("Local time (%(zone)s).") % {"zone": zone}
        self.fields["speakers"].queryset = people  # type: ignore[attr-defined]
        self.fields["delegates"].queryset = delegates  # type: ignore[attr-defined]

    def service_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["starts_at"] = local_to_utc(data["starts_at"], self.zone)
        data["ends_at"] = local_to_utc(data["ends_at"], self.zone)
        data["speakers"] = list(data["speakers"])
        data["delegates"] = list(data["delegates"])
        return data
