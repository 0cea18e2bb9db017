from datetime import date, timedelta

import pytest
from django.utils import timezone

from cityties.meetings import services as svc
from cityties.meetings.models import ActionItem, Attendance, Meeting

from .factories import make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(us_group, herve, claire, staff):
    meeting = make_meeting(us_group, chair=herve, secretary=claire, actor=staff)
    svc.check_add_agenda_item(meeting, actor=staff, title="Congrès de la NLC", presenter=herve)
    return meeting


def test_an_officer_of_the_chair_creates_a_meeting_from_the_group_page(
    client_for, caen_officer, us_group, herve
):
    client = client_for(caen_officer)
    assert client.get(f"/meetings/groups/{us_group.pk}/").status_code == 200
    response = client.post(
        f"/meetings/groups/{us_group.pk}/new/",
        {
            "title": "Réunion du groupe-pays États-Unis",
            "starts_at": "2016-06-15T10:00",
            "ends_at": "2016-06-15T12:30",
            "time_zone": "Europe/Paris",
            "place": "Cités Unies France",
            "chair": herve.pk,
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/meetings/{meeting.pk}/"
    assert meeting.local_start.hour == 10 and meeting.event is not None


def test_the_form_says_why_an_officer_may_not_convene(client_for, tours_officer, us_group, herve):
    response = client_for(tours_officer).post(
        f"/meetings/groups/{us_group.pk}/new/",
        {
            "title": "Réunion",
            "starts_at": "2016-06-15T10:00",
            "ends_at": "2016-06-15T12:30",
            "time_zone": "Europe/Paris",
            "chair": herve.pk,
        },
    )
    assert response.status_code == 200
    assert "doit appartenir à votre organisation" in response.content.decode() or (
        "must belong to your organisation" in response.content.decode()
    )
    assert not Meeting.objects.exists()


def test_the_attendance_sheet_records_the_statuses(
    client_for, caen_officer, meeting, claire, herve
):
    rows = svc.check_add_attendees(meeting, actor=caen_officer, people=[claire, herve])
    response = client_for(caen_officer).post(
        f"/meetings/{meeting.pk}/attendance/",
        {f"status_{rows[0].pk}": "present", f"status_{rows[1].pk}": "excused"},
    )
    assert response.status_code == 302
    assert set(Attendance.objects.values_list("status", flat=True)) == {"present", "excused"}


def test_a_member_who_does_not_convene_reads_but_does_not_change(
    client_for, tours_officer, meeting, claire
):
    (row,) = svc.check_add_attendees(meeting, actor=None, people=[claire])
    client = client_for(tours_officer)
    page = client.get(f"/meetings/{meeting.pk}/")
    assert page.status_code == 200 and "Congrès de la NLC" in page.content.decode()
    sheet = client.post(f"/meetings/{meeting.pk}/attendance/", {f"status_{row.pk}": "absent"})
    assert sheet.status_code == 403
    assert client.get(f"/meetings/{meeting.pk}/minutes/").status_code == 403
    row.refresh_from_db()
    assert row.status == "invited"


def test_writing_the_minutes_keeps_them_safe(client_for, caen_officer, meeting):
    item = meeting.agenda_items.get()
    response = client_for(caen_officer).post(
        f"/meetings/{meeting.pk}/minutes/",
        {"opening": "Bienvenue", f"item_{item.pk}": "<b>Caen</b> <script>x()</script>propose"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.minutes == "<b>Caen</b> propose"
    page = client_for(caen_officer).get(f"/meetings/{meeting.pk}/").content.decode()
    assert "<b>Caen</b> propose" in page and "<script>x()" not in page


def test_an_action_item_for_caen_due_in_a_week(client_for, caen_officer, meeting, caen, claire):
    due = timezone.localdate() + timedelta(days=7)
    response = client_for(caen_officer).post(
        f"/meetings/{meeting.pk}/actions/",
        {
            "text": "Écrire à Business France",
            "owner_organisation": caen.pk,
            "owner_person": claire.pk,
            "due_on": due.isoformat(),
            "status": "open",
        },
    )
    assert response.status_code == 302
    action = ActionItem.objects.get()
    assert (action.owner_organisation, action.due_on) == (caen, due)


def test_the_owner_sets_the_status_from_the_meeting_page(
    client_for, tours_officer, meeting, tours, staff
):
    action = svc.check_add_action(
        meeting, actor=staff, text="Inviter au salon", owner_organisation=tours
    )
    response = client_for(tours_officer).post(
        f"/meetings/actions/{action.pk}/edit/",
        {"status": "done", "quick": "status", "next": f"/meetings/{meeting.pk}/#actions"},
    )
    assert response.status_code == 302 and response["Location"].endswith("#actions")
    action.refresh_from_db()
    assert action.status == "done"


def test_approving_from_the_page(client_for, caen_officer, meeting):
    response = client_for(caen_officer).post(f"/meetings/{meeting.pk}/approve/")
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_approved and meeting.approved_by == caen_officer
    assert client_for(caen_officer).get(f"/meetings/{meeting.pk}/versions/1/").status_code == 200


def test_the_dashboard_lists_my_open_action_items(client_for, caen_officer, meeting, caen):
    svc.check_add_action(
        meeting,
        actor=None,
        text="Contacter la NLC pour la liste des participants",
        owner_organisation=caen,
        due_on=date(2016, 4, 30),
    )
    page = client_for(caen_officer).get("/dashboard/").content.decode()
    assert "Contacter la NLC pour la liste des participants" in page


def test_another_group_member_sees_nothing(client_for, tours_officer, japan_group, herve, staff):
    meeting = make_meeting(japan_group, chair=herve, actor=staff)
    client = client_for(tours_officer)
    for path in (
        f"/meetings/groups/{japan_group.pk}/",
        f"/meetings/{meeting.pk}/",
        f"/meetings/{meeting.pk}/attendance/",
        f"/meetings/{meeting.pk}/minutes.pdf",
        f"/meetings/{meeting.pk}/minutes.docx",
    ):
        assert client.get(path).status_code == 403, path
    assert "Japon" not in client.get("/meetings/").content.decode()


def test_the_group_page_links_to_its_meetings_for_those_who_may_see_them(
    client_for, caen_officer, viewer, us_group
):
    link = f'href="/meetings/groups/{us_group.pk}/"'
    assert link in client_for(caen_officer).get(f"/network/groups/{us_group.pk}/").content.decode()
    assert link not in client_for(viewer).get(f"/network/groups/{us_group.pk}/").content.decode()


def test_another_group_member_changes_nothing(
    client_for, tours_officer, japan_group, herve, caen, claire, staff
):
    meeting = make_meeting(japan_group, chair=herve, actor=staff)
    item = svc.check_add_agenda_item(meeting, actor=staff, title="Point")
    (row,) = svc.check_add_attendees(meeting, actor=staff, people=[claire])
    action = svc.check_add_action(meeting, actor=staff, text="Lettre", owner_organisation=caen)
    client = client_for(tours_officer)
    for path, data in (
        (f"/meetings/{meeting.pk}/approve/", {}),
        (f"/meetings/{meeting.pk}/decisions/", {"text": "x"}),
        (f"/meetings/{meeting.pk}/invitations/", {}),
        (f"/meetings/agenda/{item.pk}/delete/", {}),
        (f"/meetings/attendance/{row.pk}/remove/", {}),
        (f"/meetings/actions/{action.pk}/edit/", {"status": "done", "quick": "status"}),
        (f"/meetings/groups/{japan_group.pk}/new/", {"title": "x"}),
    ):
        assert client.post(path, data).status_code == 403, path
    meeting.refresh_from_db()
    action.refresh_from_db()
    assert not meeting.is_approved and action.status == "open"
    assert meeting.agenda_items.exists() and meeting.attendances.exists()
