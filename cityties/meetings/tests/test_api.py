import json
from datetime import date, timedelta

import pytest

from cityties.meetings import services as svc
from cityties.meetings.models import ActionItem, Meeting

from .factories import make_meeting

pytestmark = pytest.mark.django_db


def _send(client, method, path, data):
    return getattr(client, method)(
        f"/api/meetings{path}", json.dumps(data), content_type="application/json"
    )


@pytest.fixture
def meeting(us_group, herve, staff):
    return make_meeting(us_group, chair=herve, actor=staff)


def test_an_officer_of_the_chair_creates_a_meeting(client_for, caen_officer, us_group, herve):
    response = _send(
        client_for(caen_officer),
        "post",
        "",
        {
            "group_id": us_group.pk,
            "title": "Réunion de juin",
            "starts_at": "2016-06-15T10:00:00+02:00",
            "ends_at": "2016-06-15T12:00:00+02:00",
            "chair_id": herve.pk,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["local_start"].startswith("2016-06-15T10:00") and body["event_id"]
    assert body["starts_at"].startswith("2016-06-15T08:00")


def test_the_api_refuses_what_the_page_refuses(client_for, tours_officer, us_group, herve):
    response = _send(
        client_for(tours_officer),
        "post",
        "",
        {
            "group_id": us_group.pk,
            "title": "Réunion",
            "starts_at": "2016-06-15T10:00:00+02:00",
            "ends_at": "2016-06-15T12:00:00+02:00",
            "chair_id": herve.pk,
        },
    )
    assert (response.status_code, response.json()["code"]) == (400, "own_organisation_required")
    assert not Meeting.objects.exists()


def test_attendance_through_the_api(client_for, caen_officer, meeting, claire, herve):
    client = client_for(caen_officer)
    added = _send(client, "post", f"/{meeting.pk}/attendance", {"person_id": claire.pk})
    assert added.status_code == 201 and added.json()["function"] == claire.function
    row = added.json()["id"]
    represented = _send(
        client, "patch", f"/attendance/{row}", {"status": "represented", "proxy_id": herve.pk}
    )
    assert represented.json()["proxy_name"] == "Hervé Lemarchand (Ville de Caen)"
    listed = client.get(f"/api/meetings/{meeting.pk}/attendance").json()
    assert [r["status"] for r in listed] == ["represented"]
    assert "email" not in listed[0]


def test_decisions_and_actions_through_the_api(client_for, caen_officer, meeting, caen, claire):
    client = client_for(caen_officer)
    decision = _send(
        client, "post", f"/{meeting.pk}/decisions", {"text": "Écrire à Business France"}
    )
    assert decision.status_code == 201
    due = (date.today() + timedelta(days=7)).isoformat()
    action = _send(
        client,
        "post",
        f"/{meeting.pk}/actions",
        {
            "text": "Écrire à Business France",
            "owner_organisation_id": caen.pk,
            "owner_person_id": claire.pk,
            "due_on": due,
        },
    )
    assert action.status_code == 201, action.content
    assert [a["text"] for a in client.get("/api/meetings/actions/mine").json()] == [
        "Écrire à Business France"
    ]


def test_an_owner_changes_only_the_status_through_the_api(
    client_for, tours_officer, meeting, tours, staff
):
    action = svc.check_add_action(meeting, actor=staff, text="Inviter", owner_organisation=tours)
    client = client_for(tours_officer)
    assert _send(client, "patch", f"/actions/{action.pk}", {"status": "done"}).status_code == 200
    refused = _send(client, "patch", f"/actions/{action.pk}", {"text": "Autre chose"})
    assert (refused.status_code, refused.json()["code"]) == (400, "only_status")
    assert ActionItem.objects.get().text == "Inviter"


def test_a_member_who_does_not_convene_cannot_change_the_meeting(
    client_for, tours_officer, meeting
):
    client = client_for(tours_officer)
    assert client.get(f"/api/meetings/{meeting.pk}").status_code == 200
    assert _send(client, "patch", f"/{meeting.pk}", {"title": "Autre"}).status_code == 403
    assert _send(client, "post", f"/{meeting.pk}/decisions", {"text": "x"}).status_code == 403


def test_another_group_member_sees_nothing_through_the_api(
    client_for, tours_officer, japan_group, herve, caen, staff
):
    meeting = make_meeting(japan_group, chair=herve, actor=staff)
    action = svc.check_add_action(meeting, actor=staff, text="Lettre", owner_organisation=caen)
    client = client_for(tours_officer)
    assert client.get("/api/meetings").json() == []
    for path in ("", "/attendance", "/decisions", "/actions"):
        assert client.get(f"/api/meetings/{meeting.pk}{path}").status_code == 403
    assert _send(client, "patch", f"/actions/{action.pk}", {"status": "done"}).status_code == 403


def test_approved_minutes_are_read_only_through_the_api(client_for, caen_officer, meeting):
    client = client_for(caen_officer)
    assert client.post(f"/api/meetings/{meeting.pk}/approval").status_code == 200
    refused = _send(client, "post", f"/{meeting.pk}/decisions", {"text": "Après coup"})
    assert (refused.status_code, refused.json()["code"]) == (400, "minutes_approved")
