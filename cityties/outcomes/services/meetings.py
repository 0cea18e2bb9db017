"""The one place that reads the matchmaking's meetings, for the funnel and the forms.

Outcomes do not import the matchmaking: it is looked up by name, and every function
answers zeros (or nothing) while its models do not exist, so the dashboards work before
it and count its requests and meetings as soon as it is there. A meeting is referred to
by a key "<content type id>:<meeting id>" (the outcome record's generic link).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Literal

from django.apps import apps
from django.core.exceptions import FieldError
from django.db.models import Count, Q

Group = Literal["delegation", "participant", "city"]


@dataclass
class MeetingCounts:
    requests: int = 0
    meetings: int = 0

    def add(self, other: MeetingCounts) -> None:
        self.requests += other.requests
        self.meetings += other.meetings


def _model(name: str) -> Any:
    try:
        return apps.get_model("matchmaking", name)
    except LookupError:
        return None


def available() -> bool:
    return _model("Meeting") is not None and _model("MeetingRequest") is not None


_SIDE = {
    "delegation": "delegate__participant__delegation_id",
    "participant": "delegate__participant_id",
    "sponsor": "delegate__participant__sponsor_id",
    "organisation": "delegate__participant__organisation_id",
}


def meeting_counts(participants: Q, by: Group) -> dict[int, MeetingCounts]:
    """Requests made or received and meetings held by the delegates of the participants
    matching `participants` (a condition on delegations.Participant; an empty one: every
    participant), grouped by delegation, participant or member city; empty without the
    matchmaking."""
    if not available():
        return {}
    from cityties.delegations.models import Participant

    request_model, meeting_model = _model("MeetingRequest"), _model("Meeting")
    chosen = Participant.objects.filter(participants).values("pk")
    found: dict[int, MeetingCounts] = defaultdict(MeetingCounts)
    try:
        for side in ("sender", "recipient"):
            key = f"{side}__delegate__participant_id"
            among = {f"{key}__in": chosen} if participants else {f"{key}__isnull": False}
            keys = _keys(side, by)
            requests = (
                request_model.objects.filter(**among)
                .values(*keys)
                .annotate(counted=Count("pk"))
                .order_by()
            )
            for group, number in _counted(requests, keys):
                found[group].requests += number
            keys = _keys(f"request__{side}", by)
            meetings = (
                meeting_model.objects.filter(
                    status="held", **{f"request__{name}": value for name, value in among.items()}
                )
                .values(*keys)
                .annotate(counted=Count("pk"))
                .order_by()
            )
            for group, number in _counted(meetings, keys):
                found[group].meetings += number
    except FieldError:  # a matchmaking of another shape: nothing rather than wrong figures
        return {}
    return dict(found)


def _keys(prefix: str, by: Group) -> tuple[str, ...]:
    if by == "city":
        return (f"{prefix}__{_SIDE['sponsor']}", f"{prefix}__{_SIDE['organisation']}")
    return (f"{prefix}__{_SIDE[by]}",)


def _counted(rows: Any, keys: tuple[str, ...]) -> list[tuple[int, int]]:
    """Counted in SQL per key; for a city, the sponsor of a company, else the government
    itself (rows grouped by both, merged here: a few per city)."""
    counts: dict[int, int] = defaultdict(int)
    for row in rows:
        values = [row[name] for name in keys]
        group = values[0] if len(values) == 1 or values[0] is not None else values[1]
        counts[group] += row["counted"]
    return list(counts.items())


def meetings_of(participant: Any) -> list[tuple[str, str]]:
    """The meetings the participant's delegates held or have planned: (key, label)."""
    if not available():
        return []
    from django.contrib.contenttypes.models import ContentType

    meeting_model = _model("Meeting")
    content_type = ContentType.objects.get_for_model(meeting_model)
    try:
        meetings = (
            meeting_model.objects.filter(
                Q(request__sender__delegate__participant=participant)
                | Q(request__recipient__delegate__participant=participant)
            )
            .select_related("request__sender", "request__recipient", "slot")
            .order_by("slot__starts_at", "pk")
        )
        return [(f"{content_type.pk}:{meeting.pk}", _label(meeting)) for meeting in meetings]
    except FieldError:
        return []


def _label(meeting: Any) -> str:
    request = meeting.request
    names = " – ".join(str(profile) for profile in (request.sender, request.recipient))
    starts = getattr(meeting.slot, "starts_at", None)
    return f"{names} ({starts:%Y-%m-%d %H:%M})" if starts else names


def resolve(key: str, participant: Any) -> tuple[Any, int, str] | None:
    """The (content type, id, label) of one of the participant's meetings, by key."""
    for found, label in meetings_of(participant):
        if found == key:
            from django.contrib.contenttypes.models import ContentType

            type_id, _sep, meeting_id = key.partition(":")
            return ContentType.objects.get_for_id(int(type_id)), int(meeting_id), label[:200]
    return None
