"""Parallel requests never double-book nor pass a cap: only a real database server shows
the races, so these run on PostgreSQL (CI)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections
from django.test import Client

from cityties.matchmaking import services as svc
from cityties.matchmaking.models import Booking, EventSetup, Meeting, MeetingRequest, Place, Profile
from cityties.matchmaking.services import schedule
from cityties.network.tests.factories import PersonFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def _in_parallel(calls: list[Callable[[], int]]) -> list[int]:
    barrier = threading.Barrier(len(calls))
    statuses: list[int] = []

    def run(call: Callable[[], int]) -> None:
        try:
            barrier.wait()
            statuses.append(call())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _more_delegates(world, staff, n: int) -> list[Profile]:
    from cityties.delegations import services as delegation_services
    from cityties.delegations.models import Delegation

    delegation = Delegation.objects.get(pk=world["mm_delegation"])
    government = delegation.participants.get(kind="government")
    for index in range(n):
        delegation_services.check_add_delegate(
            government,
            actor=staff,
            person=PersonFactory(
                organisation=government.organisation, email=f"d{index}@example.org"
            ),
            role="elected",
        )
    svc.ensure_delegate_profiles(delegation.event)
    return list(
        Profile.objects.filter(event=delegation.event, delegate__role="elected").order_by("pk")
    )


def test_parallel_accepts_never_pass_the_meeting_cap(world, staff):
    EventSetup.objects.update(max_meetings=2)  # Marcus has none yet; Jane has one
    marcus = Profile.objects.get(pk=world["mm_marcus"])
    senders = _more_delegates(world, staff, 4)
    requests = [svc.check_send_request(s, marcus, actor=staff) for s in senders]
    tokens = [svc.answer_token(r) for r in requests]

    def accept(token: str) -> Callable[[], int]:
        return lambda: (
            Client().post(f"/matchmaking/answer/{token}/", {"decision": "accept"}).status_code
        )

    _in_parallel([accept(t) for t in tokens])
    accepted = MeetingRequest.objects.filter(recipient=marcus, status="accepted").count()
    assert accepted == 2


def _attendees(summit, staff, n: int) -> list[Profile]:
    from cityties.matchmaking.imports.run import import_attendees

    rows = "".join(f"Guest {index},guest{index}@example.org\n" for index in range(n))
    import_attendees(f"Name,Email\n{rows}".encode(), "guests.csv", event=summit, actor=staff)
    return list(Profile.objects.filter(attendee__email__startswith="guest").order_by("pk"))


def _free_slot(summit, busy: set[int]):
    return next(s for s in summit.match_slots.order_by("starts_at") if s.pk not in busy)


def _move(client: Client, meeting: Meeting, slot_id: int) -> Callable[[], int]:
    return lambda: (
        client.post(
            f"/api/matchmaking/meetings/{meeting.pk}/move",
            {"slot_id": slot_id, "place_id": meeting.place_id, "lock": True},
            content_type="application/json",
        ).status_code
    )


def test_parallel_moves_never_book_a_person_twice_in_a_slot(world, staff, summit):
    seller = Profile.objects.get(pk=world["mm_seller"])
    for other in [Profile.objects.get(pk=world["mm_marcus"]), *_more_delegates(world, staff, 2)]:
        request = svc.check_send_request(seller, other, actor=staff)
        svc.do_answer_request(request, actor=None, accept=True)
    Place.objects.update(capacity=10)
    schedule.run(svc.check_start_run(summit, actor=staff).pk, time_limit=1)
    meetings = list(Meeting.objects.filter(request__sender=seller))
    assert len(meetings) == 4
    # A slot in which every one of them is free: only the database can stop the race.
    busy = set(Booking.objects.values_list("slot_id", flat=True))
    target = _free_slot(summit, busy)
    client = _client(staff)
    statuses = _in_parallel([_move(client, m, target.pk) for m in meetings[:3]])
    assert sorted(statuses) == [200, 409, 409]
    assert Booking.objects.filter(profile=seller, slot=target).count() == 1


def test_parallel_moves_never_share_a_table(world, staff, summit):
    Place.objects.update(capacity=1)
    for delegate, guest in zip(
        _more_delegates(world, staff, 3), _attendees(summit, staff, 3), strict=True
    ):
        request = svc.check_send_request(delegate, guest, actor=staff)
        svc.do_answer_request(request, actor=None, accept=True)
    schedule.run(svc.check_start_run(summit, actor=staff).pk, time_limit=1)
    meetings = list(Meeting.objects.filter(request__recipient__attendee__email__startswith="guest"))
    assert len(meetings) == 3
    target = _free_slot(summit, set(Meeting.objects.values_list("slot_id", flat=True)))
    statuses = _in_parallel([_move(_client(staff), m, target.pk) for m in meetings])
    assert sorted(statuses) == [200, 409, 409]
    assert Meeting.objects.filter(slot=target).count() == 1
