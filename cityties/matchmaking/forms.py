"""Forms of the matchmaking pages; they validate input, the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cityties.network.models import Sector

from .models import Followup, MeetingStatus, Place, PlaceKind, Priority, ProfileKind, Slot
from .services import MatchmakingError, parse_breaks

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class SetupForm(forms.Form):
    first_day = forms.DateField(label=_("First day"), widget=DATE)
    last_day = forms.DateField(label=_("Last day"), widget=DATE)
    day_starts = forms.TimeField(label=_("Meetings start at"), widget=TIME)
    day_ends = forms.TimeField(label=_("Meetings end at"), widget=TIME)
    slot_minutes = forms.IntegerField(label=_("Slot length (minutes)"), min_value=5, max_value=240)
    breaks = forms.CharField(
        label=_("Daily breaks"),
        required=False,
        max_length=300,
        help_text=_("e.g. 10:30-10:45, 12:30-14:00; plenaries of the programme are left out too."),
    )
    max_requests = forms.IntegerField(
        label=_("Requests a person may have open"), min_value=1, max_value=500
    )
    max_meetings = forms.IntegerField(
        label=_("Meetings a person may have"), min_value=1, max_value=200
    )
    request_days = forms.IntegerField(
        label=_("Days a request stays open"), min_value=1, max_value=90
    )
    reminder_hours = forms.IntegerField(
        label=_("Reminder, hours before a request expires"), min_value=1, max_value=720
    )

    def clean_breaks(self) -> list[list[str]]:
        try:
            return parse_breaks(self.cleaned_data.get("breaks", ""))
        except MatchmakingError as exc:
            raise forms.ValidationError(str(exc)) from exc


class PlaceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=PlaceKind.choices, initial=PlaceKind.TABLE)
    capacity = forms.IntegerField(label=_("Tables"), min_value=1, max_value=500, initial=10)


class ProfileForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ProfileKind.choices)
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"),
        queryset=Sector.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    offers = forms.CharField(
        label=_("What you offer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, in French or English."),
    )
    needs = forms.CharField(
        label=_("What you are looking for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, in French or English."),
    )
    interests = forms.CharField(label=_("Other interests"), required=False, max_length=500)
    pitch = forms.CharField(
        label=_("Presentation"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    languages = forms.CharField(
        label=_("Languages"),
        required=False,
        max_length=60,
        help_text=_("ISO codes separated by commas, e.g. fr,en"),
    )


class AvailabilityForm(forms.Form):
    """The slots a person is free in; the ones left unticked are unavailable."""

    free = forms.ModelMultipleChoiceField(
        label=_("Free for meetings"),
        queryset=Slot.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, slots: QuerySet[Slot], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["free"].queryset = slots  # type: ignore[attr-defined]


class RequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why you would like to meet (1,000 characters at most)."),
    )
    priority = forms.TypedChoiceField(
        label=_("Priority"), choices=Priority.choices, coerce=int, initial=Priority.NORMAL
    )


class MoveForm(forms.Form):
    slot = forms.ModelChoiceField(label=_("Slot"), queryset=Slot.objects.none())
    place = forms.ModelChoiceField(label=_("Place"), queryset=Place.objects.none())
    lock = forms.BooleanField(
        label=_("Lock it there (a re-plan leaves it)"), required=False, initial=True
    )

    def __init__(
        self, *args: Any, slots: QuerySet[Slot], places: QuerySet[Place], zone: str, **kwargs: Any
    ) -> None:
        from zoneinfo import ZoneInfo

        super().__init__(*args, **kwargs)
        tz = ZoneInfo(zone)
        slot_field: Any = self.fields["slot"]
        slot_field.queryset = slots
        slot_field.label_from_instance = lambda s: (
            f"{s.starts_at.astimezone(tz):%d/%m %H:%M}–{s.ends_at.astimezone(tz):%H:%M}"
        )
        self.fields["place"].queryset = places  # type: ignore[attr-defined]


class OnsiteForm(forms.Form):
    status = forms.ChoiceField(
        label=pgettext_lazy("one-to-one", "The meeting"),
        choices=MeetingStatus.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Private note"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Seen by your side only, never by the other person."),
    )
    followup = forms.ChoiceField(
        label=_("Follow-up planned?"),
        choices=[("", _("Not answered yet")), *Followup.choices],
        required=False,
        widget=forms.RadioSelect,
    )


class FilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *ProfileKind.choices], required=False
    )
    state = forms.ChoiceField(label=_("State or region"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    who = forms.ChoiceField(
        label=_("Who"),
        required=False,
        choices=[
            ("", _("Everybody")),
            ("attendees", _("Attendees")),
            ("delegates", _("Other delegates")),
        ],
    )

    def __init__(self, *args: Any, states: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("All")), *((s, s) for s in states)]  # type: ignore[attr-defined]
        self.fields["sector"].choices = [  # type: ignore[attr-defined]
            ("", _("All sectors")),
            *((s.code, s.label) for s in Sector.objects.all()),
        ]
