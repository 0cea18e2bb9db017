"""A reception of a delegation, set up through the services (the tests, the permission
matrix, the API fuzzing and the benchmark use it)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from cityties.delegations import services as delegation_services
from cityties.delegations.models import Delegation, Participant

from .. import services as svc
from ..models import Invitation, Quota, Reception


def make_reception(
    delegation: Delegation,
    *,
    actor: Any = None,
    starts_at: datetime | None = None,
    capacity: int = 100,
    plus_ones_allowed: int = 2,
    remind_at: datetime | None = None,
    card_languages: str = "fr,en",
) -> Reception:
    start = starts_at or timezone.now() + timedelta(days=20)
    session = delegation_services.check_add_session(
        delegation,
        actor=actor,
        kind="reception",
        title_fr="Réception française",
        title_en="French reception",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        place="Downtown Pittsburgh",
    )
    return svc.check_create_reception(
        session,
        actor=actor,
        fields={
            "venue": "Downtown Pittsburgh",
            "capacity": capacity,
            "plus_ones_allowed": plus_ones_allowed,
            "remind_at": remind_at,
            "card_languages": card_languages,
        },
    )


def add_guests(
    quota: Quota, count: int, *, actor: Any = None, prefix: str = "Guest"
) -> list[Invitation]:
    return svc.do_add_guests(
        quota,
        [
            {
                "name": f"{prefix} {n:05d}",
                "organisation": "City of Pittsburgh",
                "function": "",
                "email": f"{prefix.lower()}{n}@example.org",
                "language": "en",
            }
            for n in range(count)
        ],
        actor=actor,
    )


def make_reception_world(delegation: Delegation, *, actor: Any = None) -> dict[str, Any]:
    """A reception with the company participant's quota, one guest, and its link."""
    reception = make_reception(delegation, actor=actor)
    participant = Participant.objects.filter(delegation=delegation, kind="company").first()
    assert participant is not None
    quota = svc.check_set_quota(reception, actor=actor, participant=participant, size=10)
    guest = svc.check_add_guest(
        quota,
        actor=actor,
        fields={"name": "Mary Smith", "email": "mary@pittsburgh.example", "language": "en"},
    )
    return {
        "reception": reception.pk,
        "session": reception.session_id,
        "quota": quota.pk,
        "invitation": guest.pk,
        "token": svc.rsvp_token(guest),
    }
