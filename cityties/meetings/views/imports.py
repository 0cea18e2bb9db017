"""Pages of the import of existing minutes: upload a document, review and correct what
the reader proposes, confirm (or discard). Nothing is written before the confirmation,
except the pending import itself, whose file stays private."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cityties.accounts.permissions import is_network_staff, officer_org_ids
from cityties.core.errors import DomainError
from cityties.core.http import AuthenticatedHttpRequest
from cityties.network.models import CountryGroup, Organisation, Person

from .. import services as svc
from ..access import access_group, access_import
from ..forms.imports import (
    NEW,
    ActionFormSet,
    DecisionFormSet,
    EventFormSet,
    PersonFormSet,
    ReviewMeetingForm,
)
from ..forms.meetings import UploadForm
from ..models import ImportStatus, MinutesImport
from ..services import matching as reading


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = access_group(request.user, pk, rule="meetings.create")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            svc.check_upload(upload.name or "", upload.size or 0)
            pending = svc.check_start_import(
                group, actor=request.user, filename=upload.name or "", data=upload.read()
            )
        except svc.MeetingError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("meetings:import_review", pending.pk)
    return render(request, "meetings/import_upload.html", {"form": form, "group": group})


def _display_name(text: str) -> str:
    """ "AMIRAULT DEISS" as a name is written: "Amirault Deiss"."""
    text = (text or "").strip()
    return text.title() if text.isupper() else text


class _Choices:
    """The people and organisations a review may pick: the group's, and the reader's
    suggestions (computed again on each request, so the form validates against them)."""

    def __init__(self, pending: MinutesImport, user: Any) -> None:
        group: CountryGroup = pending.group
        self.matcher = reading.Matcher(group)
        proposal = self.proposal = pending.proposal
        self.rows = reading.person_rows(proposal, self.matcher)
        self.owners = [
            self.matcher.owner(action.get("owner"))
            for action in proposal.get("actions") or []
            if isinstance(action, dict)
        ]
        person_ids = {row.person.pk for row in self.rows if row.person}
        person_ids |= {person.pk for _org, person in self.owners if person}
        org_ids = {row.organisation.pk for row in self.rows if row.organisation}
        org_ids |= {org.pk for org, _person in self.owners if org}
        self.people: QuerySet[Person] = (
            Person.objects.filter(
                Q(organisation__groups=group)
                | Q(organisation_id=group.federation_id)
                | Q(pk__in=person_ids),
                erased_at=None,
            )
            .select_related("organisation")
            .distinct()
            .order_by("last_name", "first_name", "pk")
        )
        self.organisations: QuerySet[Organisation] = (
            Organisation.objects.filter(
                Q(groups=group) | Q(pk=group.federation_id) | Q(pk__in=org_ids)
            )
            .distinct()
            .order_by("name")
        )
        organisers = Organisation.objects.filter(archived_at=None)
        if is_network_staff(user):
            self.organisers = organisers.filter(
                Q(pk=group.federation_id) | Q(groups=group)
            ).distinct()
        else:
            self.organisers = organisers.filter(pk__in=officer_org_ids(user))
        self.people_list = list(self.people)

    def initial(self, user: Any, group: CountryGroup) -> dict[str, Any]:
        proposal = self.proposal
        day = reading.parse_day(proposal.get("date")) or timezone.localdate()
        start = datetime.combine(day, time(10, 0))
        matched = {row.person.pk for row in self.rows if row.person}
        own = getattr(user, "person", None)
        following = reading.parse_moment(proposal.get("next_meeting"))
        return {
            "meeting": {
                "title": proposal.get("title")
                or _("Meeting of the %(group)s") % {"group": group.name},
                "starts_at": start,
                "ends_at": start + timedelta(hours=3),
                "time_zone": "Europe/Paris",
                "place": proposal.get("place") or "",
                "chair": group.president if group.president_id in matched else None,
                "secretary": own if own is not None and own.pk in matched else None,
                "organiser": self.organisers.first(),
                "next_meeting": following,
            },
            "people": [
                {
                    "include": True,
                    "status": row.status,
                    "match": str(row.person.pk) if row.person else "",
                    "civility": reading.civility_code(row.parts.get("civility")),
                    "first_name": _display_name(row.parts.get("first_name") or ""),
                    "last_name": _display_name(row.parts.get("last_name") or ""),
                    "function": row.parts.get("function") or "",
                    "organisation_name": row.parts.get("organisation") or "",
                    "organisation": row.organisation,
                    "proxy_name": row.proxy,
                }
                for row in self.rows
            ],
            "events": [self._event(user, group, event) for event in self._events()],
            "decisions": [
                {"include": True, "text": decision.get("text") or ""}
                for decision in proposal.get("decisions") or []
                if isinstance(decision, dict) and decision.get("text")
            ],
            "actions": [
                {
                    "include": True,
                    "text": action.get("text") or "",
                    "owner_organisation": org,
                    "owner_person": person,
                    "owner_text": action.get("owner") or "",
                    "due_on": reading.parse_day(action.get("due")),
                }
                for action, (org, person) in zip(
                    [a for a in proposal.get("actions") or [] if isinstance(a, dict)],
                    self.owners,
                    strict=True,
                )
            ],
        }

    def _events(self) -> list[dict[str, Any]]:
        return [
            event
            for event in self.proposal.get("events") or []
            if isinstance(event, dict) and reading.parse_day(event.get("start"))
        ]

    def _event(self, user: Any, group: CountryGroup, event: dict[str, Any]) -> dict[str, Any]:
        start = reading.parse_day(event.get("start"))
        end = reading.parse_day(event.get("end")) or start
        assert start is not None and end is not None
        existing = reading.existing_event(user, start, max(start, end))
        return {
            # Vague dates are deadlines more often than events; known events are known.
            "include": event.get("precision") == "day" and existing is None,
            "title": (event.get("text") or "")[:200],
            "start": start,
            "end": max(start, end),
            "kind": reading.guess_event_kind(event.get("text") or ""),
            "country": group.federation.country or "FR",
            "precision": event.get("precision") or "",
            "existing": existing.title if existing is not None else "",
        }

    def forms(self, data: Any, initial: dict[str, Any] | None) -> dict[str, Any]:
        initial = initial or {}
        return {
            "meeting": ReviewMeetingForm(
                data,
                prefix="meeting",
                people=self.people,
                organisers=self.organisers,
                initial=initial.get("meeting"),
            ),
            "people": PersonFormSet(
                data,
                prefix="people",
                initial=initial.get("people"),
                form_kwargs={"people": self.people_list, "organisations": self.organisations},
            ),
            "events": EventFormSet(data, prefix="events", initial=initial.get("events")),
            "decisions": DecisionFormSet(
                data, prefix="decisions", initial=initial.get("decisions")
            ),
            "actions": ActionFormSet(
                data,
                prefix="actions",
                initial=initial.get("actions"),
                form_kwargs={"people": self.people, "organisations": self.organisations},
            ),
        }


def _kept(formset: Any) -> list[dict[str, Any]]:
    return [form.cleaned_data for form in formset.forms if form.cleaned_data.get("include")]


def _review(forms: dict[str, Any]) -> svc.Review:
    meeting = forms["meeting"].cleaned_data
    zone = meeting["time_zone"]
    organiser = meeting.get("organiser")
    events = _kept(forms["events"])
    if events and organiser is None:
        raise svc.MeetingError(
            _("Choose the organiser of the events to add to the calendar."),
            code="organiser_required",
        )
    following = meeting.get("next_meeting")
    return svc.Review(
        title=meeting["title"],
        starts_at=svc.local_to_utc(meeting["starts_at"], zone),
        ends_at=svc.local_to_utc(meeting["ends_at"], zone),
        time_zone=zone,
        place=meeting["place"],
        chair=meeting.get("chair"),
        secretary=meeting.get("secretary"),
        next_meeting=svc.local_to_utc(following, zone) if following else None,
        people=[
            svc.ReviewedPerson(
                status=row["status"],
                last_name=row["last_name"],
                first_name=row["first_name"],
                civility=row["civility"],
                function=row["function"],
                organisation_name=row["organisation_name"],
                organisation=row.get("organisation")
                or (row["person"].organisation if row.get("person") else None),
                person=row.get("person"),
                create=row.get("match") == NEW,
                proxy_name=row["proxy_name"],
            )
            for row in _kept(forms["people"])
        ],
        events=[
            svc.ReviewedEvent(
                title=row["title"],
                start=row["start"],
                end=row["end"],
                kind=row["kind"],
                country=row["country"].upper(),
                organiser=organiser,
            )
            for row in events
        ],
        decisions=[row["text"] for row in _kept(forms["decisions"])],
        actions=[
            svc.ReviewedAction(
                text=row["text"],
                owner_organisation=row["owner_organisation"],
                owner_person=row.get("owner_person"),
                due_on=row.get("due_on"),
            )
            for row in _kept(forms["actions"])
        ],
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pending = access_import(request.user, pk)
    if pending.status != ImportStatus.PENDING:
        if pending.meeting_id:
            return redirect("meetings:detail", pending.meeting_id)
        return redirect("meetings:group", pending.group_id)
    choices = _Choices(pending, request.user)
    if request.method == "POST":
        forms = choices.forms(request.POST, None)
    else:
        forms = choices.forms(None, choices.initial(request.user, pending.group))
    error = ""
    if request.method == "POST" and all(form.is_valid() for form in forms.values()):
        try:
            meeting = svc.check_confirm_import(pending, actor=request.user, review=_review(forms))
        except DomainError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Minutes imported."))
            return redirect("meetings:detail", meeting.pk)
    return render(
        request,
        "meetings/import_review.html",
        {"pending": pending, "group": pending.group, "forms": forms, "error": error},
    )


@login_required
@require_POST
def import_discard(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pending = access_import(request.user, pk)
    try:
        svc.check_discard_import(pending, actor=request.user)
    except svc.MeetingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Import discarded; its file is deleted."))
    return redirect("meetings:group", pending.group_id)
