"""Forms of a meeting and what hangs from it. They validate input and offer the right
choices; services save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cityties.delegations.models import Delegation, Milestone
from cityties.events.forms import LOCAL_INPUT, ZONE_CHOICES
from cityties.events.models import Event
from cityties.network.models import Civility, Organisation, Partnership, Person

from ..models import LANGUAGE_CHOICES, ActionStatus, AgendaItem, Attendance, AttendanceStatus
from ..services import local_to_utc

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
RICH_HELP = _(
    "Paragraphs separated by a blank line. Simple formatting is kept: bold, italics, lists, links."
)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.full_name} — {obj.organisation.name}"


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        label = f"{obj.full_name} — {obj.organisation.name}"
        return f"{label} ({obj.function})" if obj.function else label


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=LOCAL_INPUT)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=LOCAL_INPUT)
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=ZONE_CHOICES,
        initial="Europe/Paris",
        help_text=_("The times above are in this zone."),
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    video_link = forms.URLField(label=_("Video link"), required=False, assume_scheme="https")
    chair = PersonChoiceField(label=_("Chair"), queryset=Person.objects.none(), required=False)
    secretary = PersonChoiceField(
        label=_("Secretary"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = people  # type: ignore[attr-defined]
        self.fields["secretary"].queryset = people  # type: ignore[attr-defined]

    def service_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["starts_at"] = local_to_utc(data["starts_at"], data["time_zone"])
        data["ends_at"] = local_to_utc(data["ends_at"], data["time_zone"])
        return data


def meeting_initial(values: dict[str, Any]) -> dict[str, Any]:
    """Form initial values: times as the wall clock of the meeting's zone."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(values["time_zone"])
    return {
        **values,
        "starts_at": values["starts_at"].astimezone(zone).replace(tzinfo=None),
        "ends_at": values["ends_at"].astimezone(zone).replace(tzinfo=None),
    }


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=200)
    presenter = PersonChoiceField(
        label=_("Presenter"), queryset=Person.objects.none(), required=False
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=600, required=False
    )

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = people  # type: ignore[attr-defined]


class AddPeopleForm(forms.Form):
    people = PeopleChoiceField(
        label=_("People of the group's members"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people  # type: ignore[attr-defined]


class GuestForm(forms.Form):
    civility = forms.ChoiceField(
        label=_("Civility"), choices=[("", "—"), *Civility.choices], required=False
    )
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    function = forms.CharField(label=_("Function"), max_length=200, required=False)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    language = forms.ChoiceField(label=_("Language of the mails"), choices=LANGUAGE_CHOICES)


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(label=_("Attendance"), choices=AttendanceStatus.choices)
    proxy = PersonChoiceField(
        label=_("Represented by (directory)"), queryset=Person.objects.none(), required=False
    )
    proxy_name = forms.CharField(
        label=_("Represented by (as written)"),
        max_length=200,
        required=False,
        help_text=_("Either a person of the directory above, or a name."),
    )
    function = forms.CharField(label=_("Function that day"), max_length=200, required=False)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language of the mails"), choices=LANGUAGE_CHOICES)

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proxy"].queryset = people  # type: ignore[attr-defined]


class AttendanceSheetForm(forms.Form):
    """One status per row: the sheet filled in during the meeting."""

    def __init__(self, *args: Any, rows: list[Attendance], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[f"status_{row.pk}"] = forms.ChoiceField(
                label=row.full_name, choices=AttendanceStatus.choices, initial=row.status
            )

    def statuses(self) -> dict[int, str]:
        return {row.pk: self.cleaned_data[f"status_{row.pk}"] for row in self.rows}

    def row_fields(self) -> list[tuple[Attendance, forms.BoundField]]:
        return [(row, self[f"status_{row.pk}"]) for row in self.rows]


class MinutesForm(forms.Form):
    opening = forms.CharField(
        label=_("Chair's opening"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=RICH_HELP,
    )

    def __init__(self, *args: Any, items: list[AgendaItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for position, item in enumerate(items, start=1):
            self.fields[f"item_{item.pk}"] = forms.CharField(
                label=f"{position}. {item.title}",
                required=False,
                initial=item.minutes,
                widget=forms.Textarea(attrs={"rows": 6}),
            )

    def item_minutes(self) -> dict[int, str]:
        return {item.pk: self.cleaned_data[f"item_{item.pk}"] for item in self.items}


class AgendaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: AgendaItem) -> str:
        return obj.title


class DecisionForm(forms.Form):
    text = forms.CharField(
        label=_("Decision"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    agenda_item = AgendaChoiceField(
        label=_("Agenda item"), queryset=AgendaItem.objects.none(), required=False
    )
    votes_for = forms.IntegerField(
        label=_("Votes for"), min_value=0, max_value=100_000, required=False
    )
    votes_against = forms.IntegerField(
        label=_("Votes against"), min_value=0, max_value=100_000, required=False
    )
    votes_abstain = forms.IntegerField(
        label=_("Abstentions"), min_value=0, max_value=100_000, required=False
    )

    def __init__(self, *args: Any, items: QuerySet[AgendaItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = items  # type: ignore[attr-defined]


class ActionForm(forms.Form):
    text = forms.CharField(
        label=_("Action"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Owner organisation"), queryset=Organisation.objects.none()
    )
    owner_person = PersonChoiceField(
        label=_("Owner"), queryset=Person.objects.none(), required=False
    )
    due_on = forms.DateField(label=_("Due date"), widget=DATE_WIDGET, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=ActionStatus.choices, initial=ActionStatus.OPEN
    )
    agenda_item = AgendaChoiceField(
        label=_("Agenda item"), queryset=AgendaItem.objects.none(), required=False
    )
    delegation = forms.ModelChoiceField(
        label=_("Serves a delegation"), queryset=Delegation.objects.none(), required=False
    )
    milestone = forms.ModelChoiceField(
        label=_("Serves a milestone"), queryset=Milestone.objects.none(), required=False
    )
    event = forms.ModelChoiceField(
        label=_("Serves an event"), queryset=Event.objects.none(), required=False
    )
    partnership = forms.ModelChoiceField(
        label=_("Serves a partnership"), queryset=Partnership.objects.none(), required=False
    )

    def __init__(self, *args: Any, choices: dict[str, QuerySet[Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in choices.items():
            self.fields[name].queryset = queryset  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        linked = [
            name for name in ("delegation", "milestone", "event", "partnership") if data.get(name)
        ]
        if len(linked) > 1:
            raise forms.ValidationError(_("An action item serves one thing at most."))
        return data


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Minutes"),
        help_text=_("TXT, Markdown, DOCX or PDF. Nothing is saved before you confirm."),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,.markdown,.docx,.pdf"}),
    )
