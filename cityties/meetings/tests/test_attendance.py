import pytest

from cityties.meetings import services as svc
from cityties.meetings.models import Attendance
from cityties.network import services as network_services

from .factories import make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(us_group, herve, staff):
    return make_meeting(us_group, chair=herve, actor=staff)


def test_a_row_keeps_the_function_held_that_day(meeting, claire, staff):
    (row,) = svc.check_add_attendees(meeting, actor=staff, people=[claire])
    network_services.check_update_person(claire, actor=staff, function="Directrice générale")
    row.refresh_from_db()
    assert row.function == "Chef de service relations internationales"
    assert row.organisation_name == "Ville de Caen"


def test_inviting_someone_twice_keeps_one_row(meeting, claire, staff):
    svc.check_add_attendees(meeting, actor=staff, people=[claire])
    svc.check_add_attendees(meeting, actor=staff, people=[claire])
    assert meeting.attendances.count() == 1


def test_people_outside_the_member_organisations_are_guests(meeting, claire, expert, staff):
    rows = svc.check_add_attendees(meeting, actor=staff, people=[claire, expert])
    assert {row.last_name: row.is_guest for row in rows} == {"Vautier": False, "Petit": True}


def test_a_guest_outside_the_directory_is_recorded_as_written(meeting, staff):
    row = svc.check_add_guest(
        meeting, actor=staff, first_name="Jean", last_name="Tirole", function="Économiste"
    )
    assert row.person is None and row.is_guest


def test_the_invitee_language_follows_the_person(meeting, anne, claire, staff):
    rows = svc.check_add_attendees(meeting, actor=staff, people=[anne, claire])
    assert {row.last_name: row.language for row in rows} == {"Delorme": "en", "Vautier": "fr"}


def test_represented_names_a_proxy(meeting, claire, herve, staff):
    (row,) = svc.check_add_attendees(meeting, actor=staff, people=[claire])
    with pytest.raises(svc.MeetingError) as exc:
        svc.check_update_attendance(row, actor=staff, status="represented")
    assert exc.value.code == "proxy_required"
    svc.check_update_attendance(row, actor=staff, status="represented", proxy=herve)
    assert row.proxy_name == "Hervé Lemarchand (Ville de Caen)"


def test_nobody_represents_themselves(meeting, claire, staff):
    (row,) = svc.check_add_attendees(meeting, actor=staff, people=[claire])
    with pytest.raises(svc.MeetingError) as exc:
        svc.check_update_attendance(row, actor=staff, status="represented", proxy=claire)
    assert exc.value.code == "proxy_is_self"


def test_leaving_represented_forgets_the_proxy(meeting, claire, staff):
    (row,) = svc.check_add_attendees(meeting, actor=staff, people=[claire])
    svc.check_update_attendance(row, actor=staff, status="represented", proxy_name="M. Wit")
    svc.check_update_attendance(row, actor=staff, status="present")
    assert row.proxy_name == "" and row.proxy is None


def test_the_sheet_records_several_rows_at_once(meeting, claire, anne, staff):
    rows = svc.check_add_attendees(meeting, actor=staff, people=[claire, anne])
    svc.check_take_attendance(
        meeting, actor=staff, statuses={rows[0].pk: "present", rows[1].pk: "excused"}
    )
    assert dict(Attendance.objects.values_list("last_name", "status")) == {
        "Delorme": "excused",
        "Vautier": "present",
    }
    assert svc.attendance_counts(meeting)["attended"] == 1


def test_the_sheet_refuses_rows_of_another_meeting(meeting, us_group, herve, claire, staff):
    other = make_meeting(us_group, chair=herve, actor=staff)
    (row,) = svc.check_add_attendees(other, actor=staff, people=[claire])
    with pytest.raises(svc.MeetingError) as exc:
        svc.check_take_attendance(meeting, actor=staff, statuses={row.pk: "present"})
    assert exc.value.code == "unknown_row"
