from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from cityties.core.tick import run_due
from cityties.events.tests.factories import make_event
from cityties.meetings import services as svc
from cityties.meetings.models import ActionReminder
from cityties.network.tests.factories import foreign_city, make_partnership

from .factories import make_meeting

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2016, 4, 13, 9, 0, tzinfo=PARIS)


@pytest.fixture
def meeting(us_group, herve, staff):
    return make_meeting(us_group, chair=herve, actor=staff)


@pytest.fixture
def action(meeting, caen, claire, staff):
    return svc.check_add_action(
        meeting,
        actor=staff,
        text="Écrire à Business France",
        owner_organisation=caen,
        owner_person=claire,
        due_on=date(2016, 4, 15),
    )


def test_the_owner_belongs_to_the_owner_organisation(meeting, tours, claire, staff):
    with pytest.raises(svc.MeetingError) as exc:
        svc.check_add_action(
            meeting, actor=staff, text="Lettre", owner_organisation=tours, owner_person=claire
        )
    assert exc.value.code == "owner_not_in_organisation"


def test_an_action_serves_one_thing_at_most(meeting, caen, staff):
    event = make_event(caen)
    served = svc.check_add_action(
        meeting, actor=staff, text="Stand", owner_organisation=caen, event=event
    )
    assert served.serves == event
    with pytest.raises(svc.MeetingError) as exc:
        svc.check_add_action(
            meeting,
            actor=staff,
            text="Lettre",
            owner_organisation=caen,
            event=event,
            partnership=make_partnership(None, caen, foreign_city("Nashville")),
        )
    assert exc.value.code == "too_many_links"


def test_an_action_serves_only_what_its_author_may_see(meeting, caen, tours, herve, tours_officer):
    private = make_event(caen, visibility="organisation")
    with pytest.raises(svc.MeetingError) as exc:
        svc.check_add_action(
            meeting, actor=tours_officer, text="Stand", owner_organisation=tours, event=private
        )
    assert exc.value.code == "unknown_event"


def test_an_owner_moves_the_status_and_nothing_else(meeting, tours, anne, tours_officer, staff):
    # Tours owns the action but does not convene the meeting (Caen chairs it).
    action = svc.check_add_action(
        meeting, actor=staff, text="Inviter au salon", owner_organisation=tours, owner_person=anne
    )
    svc.check_update_action(action, actor=tours_officer, status="in_progress")
    assert action.status == "in_progress"
    with pytest.raises(svc.MeetingError) as exc:
        svc.check_update_action(action, actor=tours_officer, text="Autre chose")
    assert exc.value.code == "only_status"


def test_after_approval_only_the_status_moves(action, meeting, staff):
    svc.check_approve_minutes(meeting, actor=staff)
    svc.check_update_action(action, actor=staff, status="done")
    assert action.completed_at is not None
    with pytest.raises(svc.MeetingError) as exc:
        svc.check_update_action(action, actor=staff, due_on=date(2016, 5, 1))
    assert exc.value.code == "minutes_approved"


def test_the_owner_is_mailed_before_the_due_date_once(
    action, smtp_inbox, django_capture_on_commit_callbacks
):
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            svc.send_due_action_reminders(NOW)
    (body,) = smtp_inbox.bodies_to("claire.vautier@example.org")
    assert "Écrire à Business France" in body and "15 avril 2016" in body


def test_an_overdue_action_is_mailed_once_more(action, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        svc.send_due_action_reminders(NOW)
        svc.send_due_action_reminders(datetime(2016, 4, 20, 9, 0, tzinfo=PARIS))
        svc.send_due_action_reminders(datetime(2016, 4, 21, 9, 0, tzinfo=PARIS))
    assert sorted(ActionReminder.objects.values_list("kind", flat=True)) == ["before", "overdue"]


def test_a_done_action_is_not_reminded(action, staff):
    svc.check_update_action(action, actor=staff, status="done")
    assert svc.send_due_action_reminders(NOW) == 0


def test_moving_the_due_date_later_rearms_the_reminders(action, staff):
    svc.send_due_action_reminders(NOW)
    svc.check_update_action(action, actor=staff, due_on=date(2016, 4, 30))
    assert not action.reminders.exists()


def test_the_tick_mails_the_reminder_once_over_several_ticks(
    action, smtp_inbox, django_capture_on_commit_callbacks
):
    for hour in (9, 10, 11):
        with django_capture_on_commit_callbacks(execute=True):
            run_due(
                now=datetime(2016, 4, 13, hour, 0, tzinfo=PARIS),
                only=["meetings.action_reminders"],
            )
    assert len(smtp_inbox.bodies_to("claire.vautier@example.org")) == 1


def test_a_member_sees_their_organisation_open_items(action, caen_officer, tours_officer, staff):
    assert list(svc.open_actions_for(caen_officer)) == [action]
    assert list(svc.open_actions_for(tours_officer)) == []
    svc.check_update_action(action, actor=staff, status="dropped")
    assert list(svc.open_actions_for(caen_officer)) == []
