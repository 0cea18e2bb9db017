"""The event form. It validates input and turns wall-clock times into UTC; the services
save."""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cityties.network.models import CountryGroup, Organisation

from .models import EventKind, Visibility
from .services import EventValues, local_to_utc

LOCAL_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
ZONE_CHOICES = [(name, name.replace("_", " ")) for name in sorted(available_timezones())]


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    title_fr = forms.CharField(label=_("Title in French"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=LOCAL_INPUT, help_text=_("In the event's time zone.")
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=LOCAL_INPUT, help_text=_("In the event's time zone.")
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=ZONE_CHOICES, initial="Europe/Paris"
    )
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    country = forms.CharField(
        label=_("Country"), max_length=2, min_length=2, help_text=_("ISO 3166 code, e.g. US")
    )
    organiser = forms.ModelChoiceField(label=_("Organiser"), queryset=Organisation.objects.none())
    visibility = forms.ChoiceField(
        label=_("Visibility"), choices=Visibility.choices, initial=Visibility.NETWORK
    )
    group = forms.ModelChoiceField(
        label=_("Country group"), queryset=CountryGroup.objects.all(), required=False
    )
    link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    description_fr = forms.CharField(
        label=_("Description in French"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    description_en = forms.CharField(
        label=_("Description in English"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, organisers: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisers  # type: ignore[attr-defined]

    def service_values(self) -> EventValues:
        data = self.cleaned_data
        zone = data["time_zone"]
        return {
            "kind": data["kind"],
            "title_fr": data["title_fr"],
            "title_en": data["title_en"],
            "description_fr": data["description_fr"],
            "description_en": data["description_en"],
            "starts_at": local_to_utc(data["starts_at"], zone),
            "ends_at": local_to_utc(data["ends_at"], zone),
            "time_zone": zone,
            "venue": data["venue"],
            "city": data["city"],
            "country": data["country"],
            "organiser": data["organiser"],
            "group": data["group"],
            "link": data["link"],
            "visibility": data["visibility"],
        }


def initial_from(values: EventValues) -> dict[str, Any]:
    """Form initial values: times as the wall clock of the event's zone."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(values["time_zone"])
    return {
        **values,
        "starts_at": values["starts_at"].astimezone(zone).replace(tzinfo=None),
        "ends_at": values["ends_at"].astimezone(zone).replace(tzinfo=None),
    }
