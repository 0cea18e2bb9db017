"""Forms of the reception. They validate input and offer the right choices; services save."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cityties.delegations.models import Participant
from cityties.events.forms import LOCAL_INPUT
from cityties.events.services import local_to_utc

from .models import MAX_CAPACITY, MAX_PLUS_ONES, CardLanguages, Language, Reception
from .services import GuestFields, ReceptionFields


class ReceptionForm(forms.Form):
    venue = forms.CharField(label=_("Venue"), max_length=200)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    capacity = forms.IntegerField(label=_("Capacity (people)"), min_value=1, max_value=MAX_CAPACITY)
    card_languages = forms.ChoiceField(
        label=_("Languages of the card"), choices=CardLanguages.choices
    )
    plus_ones_allowed = forms.IntegerField(
        label=_("Plus-ones allowed per guest"), min_value=0, max_value=MAX_PLUS_ONES, initial=0
    )
    remind_at = forms.DateTimeField(
        label=_("Reminder to those who have not answered"), widget=LOCAL_INPUT, required=False
    )
    host_fr = forms.CharField(
        label=_("Host's words on the card (French)"),
        max_length=300,
        required=False,
        help_text=_(
            "E.g. “Le maire de Caen a le plaisir de vous convier à”; empty: the lead's name."
        ),
    )
    host_en = forms.CharField(
        label=_("Host's words on the card (English)"), max_length=300, required=False
    )

    def __init__(self, *args: Any, zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.fields["remind_at"].help_text = _("Local time (%(zone)s); empty: no reminder.") % {
            "zone": zone
        }

    @classmethod
    def initial_for(cls, reception: Reception) -> dict[str, Any]:
        zone = ZoneInfo(reception.time_zone)
        initial = {name: getattr(reception, name) for name in cls.base_fields}
        if reception.remind_at:
            initial["remind_at"] = reception.remind_at.astimezone(zone).replace(tzinfo=None)
        return initial

    def service_fields(self) -> ReceptionFields:
        data = self.cleaned_data
        return {
            "venue": data["venue"],
            "address": data["address"],
            "capacity": data["capacity"],
            "card_languages": data["card_languages"],
            "plus_ones_allowed": data["plus_ones_allowed"],
            "remind_at": local_to_utc(data["remind_at"], self.zone) if data["remind_at"] else None,
            "host_fr": data["host_fr"],
            "host_en": data["host_en"],
        }


class ParticipantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Participant) -> str:
        return f"{obj.organisation.name} ({obj.get_kind_display()})"


class QuotaForm(forms.Form):
    participant = ParticipantChoiceField(
        label=_("Exhibitor or member city"), queryset=Participant.objects.none()
    )
    size = forms.IntegerField(label=_("Invitations"), min_value=1, max_value=MAX_CAPACITY)

    def __init__(self, *args: Any, participants: QuerySet[Participant], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participants  # type: ignore[attr-defined]


class GuestForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    function = forms.CharField(label=_("Function"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("The card and the RSVP link are mailed here."),
    )
    language = forms.ChoiceField(
        label=_("Language of the mail"), choices=Language.choices, initial=Language.EN
    )

    def guest_fields(self) -> GuestFields:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "organisation": data["organisation"],
            "function": data["function"],
            "email": data["email"],
            "language": data["language"],
        }


class AnswerForm(forms.Form):
    attending = forms.TypedChoiceField(
        label=_("Will you come?"),
        choices=[("yes", _("Yes, I will come")), ("no", _("No, I cannot come"))],
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
    )
    plus_ones = forms.IntegerField(
        label=_("Guests with me"), min_value=0, initial=0, required=False
    )

    def __init__(self, *args: Any, allowed: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if allowed:
            self.fields["plus_ones"].max_value = allowed  # type: ignore[attr-defined]
            self.fields["plus_ones"].widget.attrs["max"] = allowed
            self.fields["plus_ones"].help_text = _("At most %(n)s.") % {"n": allowed}
        else:
            del self.fields["plus_ones"]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV or Excel .xlsx with a column for the name, and optionally the "
            "organisation, function, e-mail and language."
        ),
    )
