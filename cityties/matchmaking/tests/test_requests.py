"""Meeting requests: a message and a priority; an attendee answers through a signed,
expiring, single-use link mailed in their language (a real SMTP conversation); caps on
requests sent and meetings; expiry and one reminder before it, by the clock."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.utils import timezone

from cityties.core.tick import run_due
from cityties.matchmaking import services as svc
from cityties.matchmaking.models import Attendee, EventSetup, MeetingRequest, Profile

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/matchmaking/answer/\S+/")


@pytest.fixture
def people(world):
    return {
        key: Profile.objects.get(pk=world[f"mm_{key}"])
        for key in ("officer", "seller", "jane", "marcus")
    }


def _send(sender, recipient, actor, capture, **extra):
    with capture(execute=True):
        return svc.check_send_request(sender, recipient, actor=actor, **extra)


def test_an_attendee_gets_the_request_by_mail_in_their_language(
    people, staff, smtp_inbox, django_capture_on_commit_callbacks
):
    Attendee.objects.filter(profile=people["marcus"]).update(language="fr")
    _send(
        people["seller"],
        people["marcus"],
        staff,
        django_capture_on_commit_callbacks,
        message="Un café ?",
    )
    [body] = smtp_inbox.bodies_to("mlee@alleghenycounty.us")
    assert "souhaite vous rencontrer" in body and "Un café ?" in body
    assert LINK.search(body)


def test_the_mailed_link_answers_once(
    people, staff, client, smtp_inbox, django_capture_on_commit_callbacks
):
    request = _send(people["seller"], people["marcus"], staff, django_capture_on_commit_callbacks)
    [body] = smtp_inbox.bodies_to("mlee@alleghenycounty.us")
    path = urlparse(LINK.search(body).group(0)).path
    page = client.get(path)
    assert page.status_code == 200 and people["seller"].name in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        answered = client.post(path, {"decision": "accept"})
    assert answered.status_code == 200
    request.refresh_from_db()
    assert request.status == "accepted"
    again = client.post(path, {"decision": "decline"})
    assert again.status_code == 410
    assert 'data-code="guest_link_used"' in again.content.decode()
    request.refresh_from_db()
    assert request.status == "accepted"


def test_the_sender_is_told_of_the_answer(
    people, staff, smtp_inbox, django_capture_on_commit_callbacks
):
    request = _send(people["seller"], people["marcus"], staff, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        svc.do_answer_request(request, actor=None, accept=False)
    seller_mail = people["seller"].delegate.person.email
    [body] = smtp_inbox.bodies_to(seller_mail)
    assert "a décliné" in body


def test_a_forged_link_is_refused_with_a_clear_page(client, world):
    response = client.get(f"/matchmaking/answer/{world['mm_answer_token']}x/")
    assert response.status_code == 400
    assert 'data-code="guest_link_invalid"' in response.content.decode()


def test_an_expired_request_refuses_its_link(client, world):
    MeetingRequest.objects.filter(pk=world["mm_pending"]).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.get(f"/matchmaking/answer/{world['mm_answer_token']}/")
    assert response.status_code == 410
    assert 'data-code="guest_link_expired"' in response.content.decode()


def test_a_link_of_a_revoked_nonce_is_refused(client, world):
    MeetingRequest.objects.filter(pk=world["mm_pending"]).update(link_nonce="another")
    assert client.get(f"/matchmaking/answer/{world['mm_answer_token']}/").status_code == 400


def test_the_message_and_the_priority_are_kept(people, staff):
    request = svc.check_send_request(
        people["seller"], people["marcus"], actor=staff, message="  Smart lighting  ", priority=3
    )
    assert (request.message, request.priority, request.get_priority_display()) == (
        "Smart lighting",
        3,
        "Essentielle",
    )


def test_two_open_requests_between_the_same_people_are_refused_either_way(people, staff):
    svc.check_send_request(people["officer"], people["jane"], actor=staff)
    with pytest.raises(svc.MatchmakingError) as exc:
        svc.check_send_request(people["officer"], people["jane"], actor=staff)
    assert (exc.value.code, exc.value.status) == ("already_requested", 409)


def test_a_delegate_asks_another_delegate_who_answers_in_the_app(
    people, staff, caen_officer, company_rep, client_for
):
    from cityties.delegations.models import Participant

    # The officer travels with Caen, the seller with Soyhuce: two participants.
    assert people["officer"].delegate.participant_id != people["seller"].delegate.participant_id
    request = svc.check_send_request(people["seller"], people["officer"], actor=company_rep)
    with pytest.raises(svc.MatchmakingError) as exc:
        svc.check_send_request(people["officer"], people["seller"], actor=caen_officer)
    assert exc.value.code == "already_requested"
    refused = client_for(company_rep).post(
        f"/matchmaking/requests/{request.pk}/answer/", {"decision": "accept"}
    )
    assert refused.status_code == 302
    request.refresh_from_db()
    assert request.status == "pending"  # the seller's side may not answer for the officer
    client_for(caen_officer).post(
        f"/matchmaking/requests/{request.pk}/answer/", {"decision": "accept"}
    )
    request.refresh_from_db()
    assert request.status == "accepted"
    assert Participant.objects.count() >= 2


def test_the_cap_on_open_requests_and_a_decline_frees_the_quota(people, staff):
    EventSetup.objects.update(max_requests=2)
    sender = people["seller"]  # one accepted request already (to Jane)
    first = svc.check_send_request(sender, people["marcus"], actor=staff)
    with pytest.raises(svc.MatchmakingError) as exc:
        svc.check_send_request(sender, people["officer"], actor=staff)
    assert exc.value.code == "request_cap"
    svc.do_answer_request(first, actor=None, accept=False)
    assert svc.check_send_request(sender, people["officer"], actor=staff).status == "pending"


def test_the_cap_on_meetings_refuses_one_more_accept(people, staff):
    EventSetup.objects.update(max_meetings=1)
    request = svc.check_send_request(people["seller"], people["marcus"], actor=staff)
    with pytest.raises(svc.MatchmakingError) as exc:
        svc.do_answer_request(request, actor=None, accept=True)
    assert exc.value.code == "meeting_cap"
    request.refresh_from_db()
    assert request.status == "pending"


def test_a_pending_request_expires_and_frees_the_quota(people, staff, world):
    EventSetup.objects.update(max_requests=2)
    later = timezone.now() + timedelta(days=8)
    run_due(now=later, only=["matchmaking.requests"], force=True)
    assert MeetingRequest.objects.get(pk=world["mm_pending"]).status == "expired"
    assert svc.sent_open(people["officer"]) == 0


def test_one_reminder_before_expiry_however_many_ticks(
    world, smtp_inbox, django_capture_on_commit_callbacks
):
    request = MeetingRequest.objects.get(pk=world["mm_pending"])
    soon = request.expires_at - timedelta(hours=24)
    for minutes in (0, 15, 30):
        with django_capture_on_commit_callbacks(execute=True):
            run_due(
                now=soon + timedelta(minutes=minutes), only=["matchmaking.requests"], force=True
            )
    [body] = smtp_inbox.bodies_to("mlee@alleghenycounty.us")
    assert LINK.search(body)


def test_no_reminder_long_before_expiry(world, smtp_inbox, django_capture_on_commit_callbacks):
    request = MeetingRequest.objects.get(pk=world["mm_pending"])
    with django_capture_on_commit_callbacks(execute=True):
        run_due(
            now=request.expires_at - timedelta(days=5), only=["matchmaking.requests"], force=True
        )
    assert smtp_inbox.bodies_to("mlee@alleghenycounty.us") == []


def test_a_cancelled_accepted_request_takes_its_meeting_away(world, staff):
    request = MeetingRequest.objects.get(pk=world["mm_accepted"])
    svc.check_cancel_request(request, actor=staff)
    request.refresh_from_db()
    assert request.status == "cancelled" and not hasattr(request, "meeting")


def test_a_request_from_the_recommendations_page(world, client_for, company_rep):
    client = client_for(company_rep)
    seller, marcus = world["mm_seller"], world["mm_marcus"]
    response = client.post(
        f"/matchmaking/profiles/{seller}/request/{marcus}/",
        {
            "message": "Hello",
            "priority": "2",
            "next": f"/matchmaking/profiles/{seller}/recommendations/",
        },
    )
    assert response.status_code == 302
    request = MeetingRequest.objects.get(sender_id=seller, recipient_id=marcus)
    assert (request.message, request.priority) == ("Hello", 2)


def test_a_company_representative_sees_its_own_requests_only(
    world, client_for, company_rep, staff, caen
):
    from cityties.delegations import services as delegation_services
    from cityties.delegations.models import Delegation
    from cityties.network.tests.factories import OrganisationFactory, PersonFactory

    other = OrganisationFactory(name="Starnav", kind="company", is_member=False, sponsor=caen)
    delegation = Delegation.objects.get(pk=world["mm_delegation"])
    participant = delegation_services.check_add_company(
        delegation, actor=staff, company=other, sponsor=caen
    )
    delegate = delegation_services.check_add_delegate(
        participant, actor=staff, person=PersonFactory(organisation=other), role="company"
    )
    svc.ensure_delegate_profiles(delegation.event)
    starnav = Profile.objects.get(delegate=delegate)
    svc.check_send_request(
        starnav, Profile.objects.get(pk=world["mm_jane"]), actor=staff, message="Confidential"
    )
    page = client_for(company_rep).get(f"/matchmaking/events/{world['mm_event']}/requests/")
    text = page.content.decode()
    assert "Confidential" not in text and starnav.name not in text
    assert client_for(company_rep).get(f"/matchmaking/profiles/{starnav.pk}/").status_code == 403
