"""Slots, places and the automatic schedule: breaks and plenaries left out, a company at
its own stand, availability and sessions respected, a reason for each request left out,
locked and confirmed meetings kept by a re-plan, hand moves refused when they would
double-book, the changes to published agendas mailed once."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction

from cityties.core.tick import run_due
from cityties.delegations import services as delegation_services
from cityties.delegations.models import Delegation
from cityties.events.tests.factories import make_event
from cityties.matchmaking import services as svc
from cityties.matchmaking.models import (
    AgendaChange,
    Booking,
    EventSetup,
    Meeting,
    MeetingRequest,
    Place,
    Profile,
    ScheduleRun,
    Slot,
    pair_key,
)
from cityties.matchmaking.services import schedule
from cityties.pavilion import services as pavilion_services

pytestmark = pytest.mark.django_db
EASTERN = ZoneInfo("America/New_York")


@pytest.fixture
def people(world):
    return {
        k: Profile.objects.get(pk=world[f"mm_{k}"]) for k in ("officer", "seller", "jane", "marcus")
    }


def _plan(event) -> ScheduleRun:
    run = svc.check_start_run(event, actor=None)
    return schedule.run(run.pk, time_limit=1)


def _accepted(sender, recipient) -> MeetingRequest:
    """Accepted: the pending request between the two (the world has one), or a new one."""
    request = MeetingRequest.objects.filter(
        pair_key=pair_key(sender.pk, recipient.pk), status="pending"
    ).first() or svc.check_send_request(sender, recipient, actor=None)
    return svc.do_answer_request(request, actor=None, accept=True)


def _local(slot: Slot) -> datetime:
    return slot.starts_at.astimezone(EASTERN)


def test_slots_leave_out_the_breaks_and_the_plenaries(nlc, caen, staff):
    event = make_event(nlc)
    delegation = delegation_services.check_create_delegation(
        actor=staff, title="D", event=event, lead=caen
    )
    delegation_services.check_add_session(
        delegation,
        actor=staff,
        kind="plenary",
        title_en="Opening",
        starts_at=datetime(2016, 11, 16, 11, 0, tzinfo=EASTERN),
        ends_at=datetime(2016, 11, 16, 12, 0, tzinfo=EASTERN),
    )
    svc.check_save_setup(
        event,
        actor=staff,
        day_starts=time(9, 0),
        day_ends=time(12, 0),
        slot_minutes=20,
        breaks=svc.parse_breaks("10:00-10:20"),
    )
    created, removed = svc.check_generate_slots(event, actor=staff)
    first_day = [_local(s).strftime("%H:%M") for s in Slot.objects.filter(event=event)][:8]
    assert first_day == ["09:00", "09:20", "09:40", "10:20", "10:40", "09:00", "09:20", "09:40"]
    assert (created, removed) == (5 + 3 * 8, 0)


def test_breaks_are_written_as_people_write_them():
    assert svc.parse_breaks("12h30-14h, 15:30–15:45") == [["12:30", "14:00"], ["15:30", "15:45"]]
    with pytest.raises(svc.MatchmakingError):
        svc.parse_breaks("lunch")


def test_slots_holding_meetings_are_never_removed(world, summit, staff):
    svc.check_save_setup(summit, actor=staff, day_starts=time(14, 0), day_ends=time(15, 0))
    with pytest.raises(svc.MatchmakingError) as exc:
        svc.check_generate_slots(summit, actor=staff)
    assert exc.value.code == "slots_booked"
    assert Meeting.objects.filter(pk=world["mm_meeting"]).exists()


def test_a_company_meets_at_its_own_stand(world, summit, staff, people):
    delegation = Delegation.objects.get(pk=world["mm_delegation"])
    stand = pavilion_services.check_create_item(
        delegation,
        actor=staff,
        fields={"kind": "stand", "label": "Stand Normandie", "planned_amount": Decimal("2000")},
    )
    pavilion_services.check_set_share(
        stand, actor=staff, participant=people["seller"].delegate.participant
    )
    assert svc.check_places_from_stands(summit, actor=staff) == 1
    run = _plan(summit)
    assert run.status == "done"
    meeting = Meeting.objects.get()
    assert (meeting.place.kind, meeting.place.stand_id) == ("stand", stand.pk)


def test_the_schedule_keeps_out_of_unavailable_slots_and_sessions(world, summit, staff, people):
    day_one = [s for s in Slot.objects.filter(event=summit) if _local(s).day == 16]
    Meeting.objects.all().delete()
    svc.check_set_availability(people["seller"], actor=None, unavailable=day_one[:3])
    delegation = Delegation.objects.get(pk=world["mm_delegation"])
    delegation_services.check_add_session(
        delegation,
        actor=staff,
        kind="site_visit",
        title_en="Visit",
        starts_at=day_one[3].starts_at,
        ends_at=day_one[-1].ends_at,
        for_everyone=True,
    )
    _plan(summit)
    meeting = Meeting.objects.get()
    assert _local(meeting.slot).day != 16


def test_each_request_left_out_has_its_reason(world, summit, staff, people):
    slots = list(Slot.objects.filter(event=summit))
    # Marcus is never free: no common slot with anybody.
    svc.check_set_availability(people["marcus"], actor=None, unavailable=slots)
    EventSetup.objects.update(max_meetings=3)
    _accepted(people["officer"], people["marcus"])
    _accepted(people["officer"], people["jane"])
    _accepted(people["seller"], people["officer"])
    EventSetup.objects.update(max_meetings=1)
    run = _plan(summit)
    reasons = {entry["request"]: entry["reason"] for entry in run.unplaced}
    by_pair = {
        (r.sender_id, r.recipient_id): reasons.get(r.pk)
        for r in MeetingRequest.objects.filter(status="accepted")
    }
    assert by_pair[(people["officer"].pk, people["marcus"].pk)] == "no_common_slot"
    assert sorted(v for v in by_pair.values() if v) == ["at_cap", "at_cap", "no_common_slot"]
    # Seller, officer and Jane ask one another: with one meeting each, one pair meets.
    assert run.placed == 1 and run.weight == run.upper_bound == 1


def test_no_table_free_is_told(world, summit, staff, people):
    Place.objects.update(capacity=1)
    Slot.objects.exclude(pk=world["mm_slot"]).delete()
    _accepted(people["officer"], people["marcus"])
    run = _plan(summit)
    assert [entry["reason"] for entry in run.unplaced] == ["no_table"]


def test_a_locked_meeting_and_a_published_one_stay_where_they_are(world, summit, staff, people):
    meeting = Meeting.objects.get(pk=world["mm_meeting"])
    target = Slot.objects.filter(event=summit).order_by("-starts_at").first()
    svc.check_move_meeting(meeting, actor=staff, slot=target, place=meeting.place, lock=True)
    other = _accepted(people["officer"], people["marcus"])
    _plan(summit)
    assert Meeting.objects.get(pk=meeting.pk).slot_id == target.pk
    svc.check_lock_meeting(Meeting.objects.get(pk=meeting.pk), actor=staff, locked=False)
    svc.check_publish(summit, actor=staff, notify=False)
    placed = Meeting.objects.get(request=other)
    run = _plan(summit)
    assert run.kept == 2
    assert Meeting.objects.get(pk=meeting.pk).slot_id == target.pk
    assert Meeting.objects.get(request=other).slot_id == placed.slot_id


def test_a_move_onto_a_busy_person_or_a_full_place_is_refused(world, summit, staff, people):
    second_request = _accepted(people["seller"], people["marcus"])
    _plan(summit)
    first = Meeting.objects.get(request_id=world["mm_accepted"])
    second = Meeting.objects.get(request=second_request)
    with pytest.raises(svc.BookingConflict) as exc:
        svc.check_move_meeting(second, actor=staff, slot=first.slot, place=first.place)
    assert (exc.value.code, exc.value.status) == ("person_busy", 409)
    svc.check_cancel_request(second_request, actor=staff)
    Place.objects.update(capacity=1)
    mover = _accepted(people["officer"], people["marcus"])
    _plan(summit)
    first = Meeting.objects.get(request_id=world["mm_accepted"])
    moving = Meeting.objects.get(request=mover)
    with pytest.raises(svc.BookingConflict) as exc:
        svc.check_move_meeting(moving, actor=staff, slot=first.slot, place=first.place)
    assert exc.value.code == "no_table"


def test_the_database_refuses_a_person_booked_twice_in_a_slot(world, people):
    meeting = Meeting.objects.get(pk=world["mm_meeting"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(meeting=meeting, profile=people["seller"], slot=meeting.slot)


def test_the_database_refuses_a_table_used_twice_in_a_slot(world, people):
    meeting = Meeting.objects.get(pk=world["mm_meeting"])
    request = _accepted(people["officer"], people["marcus"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(
            event=meeting.event,
            request=request,
            slot=meeting.slot,
            place=meeting.place,
            table=meeting.table,
        )


def test_one_run_at_a_time(world, summit):
    svc.check_start_run(summit, actor=None)
    with pytest.raises(svc.MatchmakingError) as exc:
        svc.check_start_run(summit, actor=None)
    assert exc.value.code == "run_in_progress"


def test_the_schedule_page_starts_a_run_and_shows_its_figures(
    world, summit, client_for, caen_officer, django_capture_on_commit_callbacks
):
    client = client_for(caen_officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/matchmaking/events/{summit.pk}/schedule/run/")
    page = client.get(f"/matchmaking/events/{summit.pk}/schedule/").content.decode()
    assert "1 rendez-vous placés" in page and "% du meilleur possible" in page


def test_publishing_then_moving_mails_each_person_once(
    world, summit, staff, people, smtp_inbox, django_capture_on_commit_callbacks
):
    svc.check_publish(summit, actor=staff)
    meeting = Meeting.objects.get(pk=world["mm_meeting"])
    later = Slot.objects.filter(event=summit).order_by("-starts_at").first()
    svc.check_move_meeting(meeting, actor=staff, slot=later, place=meeting.place)
    assert AgendaChange.objects.count() == 4
    for minutes in (0, 5, 10):
        with django_capture_on_commit_callbacks(execute=True):
            run_due(
                now=later.starts_at - timedelta(days=3, minutes=-minutes),
                only=["matchmaking.agenda_changes"],
                force=True,
            )
    [seller_mail] = smtp_inbox.bodies_to("antoine.girard@example.org")
    assert "Rendez-vous déplacé" in seller_mail and "Jane Doe" in seller_mail
    [jane_mail] = smtp_inbox.bodies_to("jane.doe@pittsburghpa.gov")
    assert "Meeting moved" in jane_mail and "/matchmaking/me/" in jane_mail


def test_a_run_abandoned_by_its_worker_does_not_block_the_next(world, summit):
    from django.utils import timezone

    stuck = svc.check_start_run(summit, actor=None)
    ScheduleRun.objects.filter(pk=stuck.pk).update(
        created_at=timezone.now() - timedelta(hours=1), status="running"
    )
    assert svc.check_start_run(summit, actor=None).status == "queued"
    assert ScheduleRun.objects.get(pk=stuck.pk).status == "failed"
