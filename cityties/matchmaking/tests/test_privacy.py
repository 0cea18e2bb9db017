"""The attendee list is personal data: the event's delegations and the staff read it,
nobody else, never anonymously; it is erased by hand or by the clock after the retention
period, keeping only what the outcome counts need."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cityties.core.tick import run_due
from cityties.matchmaking import services as svc
from cityties.matchmaking.models import Attendee, MeetingRequest, Profile

pytestmark = pytest.mark.django_db


def test_nobody_anonymous_reads_the_attendee_list(world, client):
    assert client.get(f"/matchmaking/events/{world['mm_event']}/attendees/").status_code == 302
    assert client.get(f"/api/matchmaking/events/{world['mm_event']}/attendees").status_code == 401


def test_the_public_calendar_page_shows_no_attendee(world, client, summit):
    from cityties.events.models import Event

    Event.objects.filter(pk=summit.pk).update(visibility="public")
    page = client.get(f"/calendar/events/{summit.pk}/").content.decode()
    assert "jane.doe@pittsburghpa.gov" not in page and "Jane" not in page


@pytest.mark.parametrize("persona", ["tours_officer", "viewer"])
def test_outsiders_of_the_delegations_are_refused(world, client_for, request, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(f"/matchmaking/events/{world['mm_event']}/attendees/").status_code == 403
    assert client.get(f"/api/matchmaking/events/{world['mm_event']}/attendees").status_code == 403


def test_an_attendees_link_shows_no_one_else(world, client):
    token = svc.attendee_token(Profile.objects.get(pk=world["mm_jane"]).attendee)
    page = client.get(f"/matchmaking/me/{token}/").content.decode()
    assert "Marcus" not in page and "mlee@" not in page


def test_the_members_of_the_delegation_read_it(world, client_for, company_rep):
    page = client_for(company_rep).get(f"/matchmaking/events/{world['mm_event']}/attendees/")
    assert "jane.doe@pittsburghpa.gov" in page.content.decode()


def test_the_clock_erases_attendees_after_the_retention_period(world, summit, settings):
    # The last contact is the latest of the event's end, the list's update, an answer.
    settings.PERSON_RETENTION_DAYS = 365
    now = timezone.now()
    run_due(now=now + timedelta(days=300), only=["matchmaking.purge_attendees"])
    assert Attendee.objects.filter(erased_at__isnull=True).count() == 2
    run_due(now=now + timedelta(days=400), only=["matchmaking.purge_attendees"], force=True)
    jane = Attendee.objects.get(pk=world["mm_attendee"])
    assert (jane.first_name, jane.email, jane.organisation) == ("", "", "City of Pittsburgh")
    assert jane.erased_at is not None
    assert MeetingRequest.objects.get(pk=world["mm_pending"]).status == "cancelled"
    # The meeting already held with Jane's organisation still counts.
    assert MeetingRequest.objects.get(pk=world["mm_accepted"]).status == "accepted"


def test_an_erased_attendee_leaves_the_lists_and_the_recommendations(
    world, summit, client_for, caen_officer
):
    client = client_for(caen_officer)
    response = client.post(f"/matchmaking/events/{summit.pk}/attendees/erase/")
    assert response.status_code == 302
    assert not Attendee.objects.filter(erased_at__isnull=True).exists()
    page = client.get(f"/matchmaking/events/{summit.pk}/attendees/").content.decode()
    assert "Jane" not in page
    recommended = client.get(
        f"/matchmaking/profiles/{world['mm_seller']}/recommendations/"
    ).content.decode()
    assert "Jane Doe" not in recommended
    token = svc.attendee_token(Attendee.objects.get(pk=world["mm_attendee"]))
    assert client.get(f"/matchmaking/me/{token}/").status_code == 400


def test_a_company_representative_may_not_erase_the_list(world, client_for, company_rep):
    response = client_for(company_rep).post(
        f"/matchmaking/events/{world['mm_event']}/attendees/erase/"
    )
    assert response.status_code == 403
    assert Attendee.objects.filter(erased_at__isnull=True).count() == 2


def test_the_delegation_page_leads_each_delegate_to_their_own_matchmaking(
    world, client_for, caen_officer, company_rep, tours_officer
):
    from cityties.matchmaking.models import Profile

    url = f"/delegations/{world['mm_delegation']}/"
    officer, seller = (Profile.objects.get(pk=world[key]) for key in ("mm_officer", "mm_seller"))
    page = client_for(company_rep).get(url).content.decode()
    assert f"/matchmaking/events/{world['mm_event']}/" in page
    assert f"/matchmaking/profiles/{seller.pk}/agenda/" in page
    assert f"/matchmaking/profiles/{officer.pk}/" not in page  # not the city's officer
    page = client_for(caen_officer).get(url).content.decode()
    assert f"/matchmaking/profiles/{officer.pk}/agenda/" in page
    response = client_for(tours_officer).get(url)
    assert f"/matchmaking/events/{world['mm_event']}/" not in response.content.decode()
