"""The demo matchmaking of Pittsburgh 2016: the generated attendee list, the delegates'
requests, and a computed, published schedule; a second load changes nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from cityties.matchmaking.models import (
    Attendee,
    Meeting,
    MeetingRequest,
    Place,
    Profile,
    ScheduleRun,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_data):
    """The demo, loaded once for the module."""


def test_the_attendee_list_covers_every_state_and_kind(demo):
    attendees = Attendee.objects.all()
    assert attendees.count() >= 590  # a few rows of the same person are merged
    assert attendees.values("state").distinct().count() >= 50
    kinds = set(Profile.objects.filter(attendee__isnull=False).values_list("kind", flat=True))
    assert {"city", "county", "chamber", "university", "company", "association"} <= kinds


def test_the_delegates_asked_and_the_schedule_placed_the_accepted(demo):
    requests = MeetingRequest.objects.all()
    statuses = set(requests.values_list("status", flat=True))
    assert {"accepted", "declined", "pending"} <= statuses
    run = ScheduleRun.objects.get()
    assert run.status == "done" and run.placed == Meeting.objects.count() > 0
    assert Meeting.objects.filter(confirmed_at__isnull=True).count() == 0
    assert Place.objects.filter(kind="stand").count() == 3


def test_a_company_of_the_village_meets_at_its_stand(demo):
    soyhuce = Meeting.objects.filter(
        request__sender__delegate__participant__organisation__name="Soyhuce"
    )
    assert soyhuce.exists()
    assert set(soyhuce.values_list("place__kind", flat=True)) == {"stand"}


def test_loading_twice_changes_nothing(demo):
    counts = (Attendee.objects.count(), MeetingRequest.objects.count(), Meeting.objects.count())
    call_command("demo", "--quiet")
    assert (
        Attendee.objects.count(),
        MeetingRequest.objects.count(),
        Meeting.objects.count(),
    ) == counts


def test_the_summit_is_over_its_meetings_were_held_and_counted(demo):
    """Recorded on site, one in eight a no-show; the outcomes count those held."""
    from django.db.models import Q

    from cityties.delegations.models import Delegation
    from cityties.outcomes import services as outcomes

    statuses = list(Meeting.objects.values_list("status", flat=True))
    assert statuses.count("no_show") == len(statuses) // 8
    assert statuses.count("held") == len(statuses) - len(statuses) // 8
    pittsburgh = Delegation.objects.get(title__contains="Pittsburgh")
    chosen = Q(delegation_id=pittsburgh.pk)
    reader = outcomes.Reader(True, frozenset(), frozenset(), frozenset())
    figures = outcomes.total(reader, records=chosen, participants=chosen)
    assert figures.meetings == statuses.count("held")
    assert figures.requests == MeetingRequest.objects.count()
