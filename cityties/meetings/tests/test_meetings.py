from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cityties.events.models import Event
from cityties.meetings import services as svc
from cityties.meetings.models import AgendaItem, Meeting

from .factories import PARIS, make_meeting

pytestmark = pytest.mark.django_db


def test_a_meeting_is_an_event_of_the_calendar_shown_to_its_group(us_group, herve, caen_officer):
    meeting = make_meeting(us_group, chair=herve, actor=caen_officer)
    event = meeting.event
    assert event.kind == "meeting" and event.visibility == "group" and event.group == us_group
    assert event.starts_at == meeting.starts_at and event.venue == meeting.place
    assert event.organiser == us_group.federation


def test_rescheduling_the_meeting_moves_its_event(us_group, herve, caen_officer):
    meeting = make_meeting(us_group, chair=herve, actor=caen_officer)
    later = meeting.starts_at + timedelta(days=1)
    svc.check_update_meeting(
        meeting, actor=caen_officer, starts_at=later, ends_at=later + timedelta(hours=2)
    )
    assert Event.objects.get(pk=meeting.event_id).starts_at == later
    assert meeting.sequence == 1
    assert Event.objects.count() == 1


def test_an_officer_convenes_only_a_meeting_their_organisation_chairs_or_minutes(
    us_group, anne, tours_officer, herve
):
    with pytest.raises(svc.MeetingError) as exc:
        make_meeting(us_group, chair=herve, actor=tours_officer)
    assert exc.value.code == "own_organisation_required"
    assert make_meeting(us_group, chair=herve, secretary=anne, actor=tours_officer).pk


def test_a_meeting_cannot_end_before_it_starts(us_group, herve, staff):
    start = datetime(2016, 3, 30, 10, 0, tzinfo=PARIS)
    with pytest.raises(svc.MeetingError) as exc:
        make_meeting(
            us_group, chair=herve, actor=staff, starts_at=start, ends_at=start - timedelta(hours=1)
        )
    assert exc.value.code == "end_before_start"


def test_a_video_link_must_be_a_web_address(us_group, herve, staff):
    with pytest.raises(svc.MeetingError) as exc:
        make_meeting(us_group, chair=herve, actor=staff, video_link="javascript:alert(1)")
    assert exc.value.code == "invalid_link"


def test_times_are_stored_in_utc_and_shown_in_the_meeting_zone(us_group, herve, staff):
    start = svc.local_to_utc(datetime(2016, 3, 30, 10, 0), "America/New_York")
    meeting = make_meeting(
        us_group,
        chair=herve,
        actor=staff,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        time_zone="America/New_York",
    )
    assert meeting.starts_at == datetime(2016, 3, 30, 14, 0, tzinfo=ZoneInfo("UTC"))
    assert meeting.local_start.hour == 10
    assert str(meeting.local_start.tzinfo) == "America/New_York"


def test_the_next_meeting_carries_the_open_action_items(us_group, herve, claire, caen, staff):
    first = make_meeting(us_group, chair=herve, actor=staff)
    open_one = svc.check_add_action(
        first, actor=staff, text="Contacter la NLC", owner_organisation=caen, owner_person=claire
    )
    done = svc.check_add_action(
        first, actor=staff, text="Réserver la salle", owner_organisation=caen, status="done"
    )
    june = make_meeting(
        us_group, chair=herve, actor=staff, starts_at=datetime(2016, 6, 15, 10, 0, tzinfo=PARIS)
    )
    carried = AgendaItem.objects.filter(meeting=june, carried_action__isnull=False)
    assert [item.carried_action_id for item in carried] == [open_one.pk]
    assert carried[0].presenter == claire
    assert done.pk not in [item.carried_action_id for item in carried]


def test_an_action_added_after_the_next_meeting_was_planned_is_carried_too(
    us_group, herve, caen, staff
):
    first = make_meeting(us_group, chair=herve, actor=staff)
    june = make_meeting(
        us_group, chair=herve, actor=staff, starts_at=datetime(2016, 6, 15, 10, 0, tzinfo=PARIS)
    )
    action = svc.check_add_action(first, actor=staff, text="Relancer", owner_organisation=caen)
    assert june.agenda_items.filter(carried_action=action).count() == 1
    svc.carry_open_actions(june)
    assert june.agenda_items.filter(carried_action=action).count() == 1


def test_an_earlier_meeting_does_not_carry_later_actions(us_group, herve, caen, staff):
    june = make_meeting(
        us_group, chair=herve, actor=staff, starts_at=datetime(2016, 6, 15, 10, 0, tzinfo=PARIS)
    )
    svc.check_add_action(june, actor=staff, text="Relancer", owner_organisation=caen)
    march = make_meeting(us_group, chair=herve, actor=staff)
    assert not march.agenda_items.exists()


def test_agenda_items_keep_their_order_and_move(us_group, herve, staff):
    meeting = make_meeting(us_group, chair=herve, actor=staff)
    first = svc.check_add_agenda_item(meeting, actor=staff, title="Ouverture", duration_minutes=10)
    second = svc.check_add_agenda_item(meeting, actor=staff, title="Congrès", presenter=herve)
    svc.check_move_agenda_item(second, actor=staff, up=True)
    assert list(meeting.agenda_items.values_list("pk", flat=True)) == [second.pk, first.pk]
    svc.check_move_agenda_item(second, actor=staff, up=True)
    assert list(meeting.agenda_items.values_list("pk", flat=True)) == [second.pk, first.pk]


def test_an_absurd_duration_is_refused(us_group, herve, staff):
    meeting = make_meeting(us_group, chair=herve, actor=staff)
    with pytest.raises(svc.MeetingError) as exc:
        svc.check_add_agenda_item(
            meeting, actor=staff, title="Tour de table", duration_minutes=9000
        )
    assert exc.value.code == "invalid_duration"


def test_the_zone_must_exist(us_group, herve, staff):
    with pytest.raises(svc.MeetingError) as exc:
        make_meeting(us_group, chair=herve, actor=staff, time_zone="Mars/Olympus")
    assert exc.value.code == "invalid_time_zone"
    assert not Meeting.objects.exists() and not Event.objects.exists()


def test_a_meeting_announced_in_the_calendar_takes_that_event(us_group, herve, staff):
    from cityties.events.tests.factories import make_event

    start = datetime(2016, 3, 30, 10, 0, tzinfo=PARIS)
    announced = make_event(
        us_group.federation,
        kind="meeting",
        visibility="group",
        group=us_group,
        title_en="United States country group meeting",
        starts_at=start,
        ends_at=start.replace(hour=13),
        time_zone="Europe/Paris",
    )
    meeting = make_meeting(us_group, chair=herve, actor=staff, starts_at=start)
    assert meeting.event == announced and Event.objects.count() == 1
    announced.refresh_from_db()
    assert announced.title_en == "United States country group meeting"
    assert announced.title_fr == meeting.title
