"""The one place that reads the matchmaking's meetings, for the funnel and the forms.

Outcomes do not import the matchmaking: it is looked up by name, and every function
answers zeros (or nothing) while its models do not exist, so the dashboards work before
it and count its requests and meetings as soon as it is there. A meeting is referred to
by a key "<content type id>:<meeting id>" (the outcome record's generic link).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldError
from django.db.models import Count, Q


@dataclass
class MeetingCounts:
    requests: int = 0
    meetings: int = 0


def _model(name: str) -> Any:
    try:
        return apps.get_model("matchmaking", name)
    except LookupError:
        return None


def available() -> bool:
    return _model("Meeting") is not None and _model("MeetingRequest") is not None


def meeting_counts(participants: Q) -> dict[int, MeetingCounts]:
    """Requests made or received and meetings held by the delegates of the participants
    matching `participants` (a condition on delegations.Participant), per participant;
    empty without the matchmaking."""
    if not available():
        return {}
    from cityties.delegations.models import Participant

    request_model, meeting_model = _model("MeetingRequest"), _model("Meeting")
    chosen = Participant.objects.filter(participants).values("pk")
    found: dict[int, MeetingCounts] = defaultdict(MeetingCounts)
    try:
        for side in ("sender", "recipient"):
            key = f"{side}__delegate__participant_id"
            requests = (
                request_model.objects.filter(**{f"{key}__in": chosen})
                .values_list(key)
                .annotate(counted=Count("pk"))
                .order_by()
            )
            for participant_id, number in requests:
                found[participant_id].requests += number
            meetings = (
                meeting_model.objects.filter(status="held", **{f"request__{key}__in": chosen})
                .values_list(f"request__{key}")
                .annotate(counted=Count("pk"))
                .order_by()
            )
            for participant_id, number in meetings:
                found[participant_id].meetings += number
    except FieldError:  # a matchmaking of another shape: nothing rather than wrong figures
        return {}
    return dict(found)


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
