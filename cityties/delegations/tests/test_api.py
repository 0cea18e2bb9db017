import json
from datetime import date

import pytest

from cityties.delegations import services as svc

pytestmark = pytest.mark.django_db


def _post(client, path, payload):
    return client.post(path, json.dumps(payload), content_type="application/json")


def test_the_lead_lists_its_delegation_and_tours_does_not(
    client_for, delegation, caen_officer, tours_officer
):
    assert [d["id"] for d in client_for(caen_officer).get("/api/delegations").json()] == [
        delegation.pk
    ]
    assert client_for(tours_officer).get("/api/delegations").json() == []
    response = client_for(tours_officer).get(f"/api/delegations/{delegation.pk}")
    assert response.status_code == 403


def test_an_officer_creates_a_delegation_through_the_api(client_for, summit, tours, tours_officer):
    response = _post(
        client_for(tours_officer),
        "/api/delegations",
        {"title": "Tours à Pittsburgh", "event_id": summit.pk, "lead_id": tours.pk},
    )
    assert response.status_code == 201
    assert response.json()["next_statuses"] == ["proposal", "closed"]


def test_a_forbidden_move_is_a_400_with_its_code(client_for, delegation, caen_officer):
    response = _post(
        client_for(caen_officer),
        f"/api/delegations/{delegation.pk}/moves",
        {"to_status": "debrief"},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "move_not_allowed"


def test_milestones_through_the_api(client_for, delegation, caen, caen_officer):
    client = client_for(caen_officer)
    response = _post(
        client,
        f"/api/delegations/{delegation.pk}/milestones",
        {"title": "Lettre", "due_on": "2016-04-15", "owner_organisation_id": caen.pk},
    )
    assert response.status_code == 201
    milestone_id = response.json()["id"]
    patched = client.patch(
        f"/api/delegations/milestones/{milestone_id}",
        json.dumps({"status": "done"}),
        content_type="application/json",
    )
    assert patched.json()["status"] == "done"
    assert client.get(f"/api/delegations/{delegation.pk}/milestones").json()[0]["status"] == "done"


def test_participants_and_programme_follow_the_pages_permissions(
    client_for, delegation, caen, tours, tours_person, staff, tours_officer, company_rep
):
    part = svc.check_add_government(delegation, actor=staff, organisation=tours)
    svc.check_add_delegate(part, actor=staff, person=tours_person, role="elected")
    client = client_for(tours_officer)
    participants = client.get(f"/api/delegations/{delegation.pk}/participants").json()
    assert participants[0]["delegates"][0]["name"] == tours_person.full_name
    assert client.get(f"/api/delegations/{delegation.pk}/programme").status_code == 200
    assert (
        client_for(company_rep).get(f"/api/delegations/{delegation.pk}/participants").status_code
        == 403
    )


def test_an_api_milestone_owner_outside_the_organisation_is_refused(
    client_for, delegation, tours, caen_person, caen_officer
):
    response = _post(
        client_for(caen_officer),
        f"/api/delegations/{delegation.pk}/milestones",
        {
            "title": "X",
            "due_on": str(date(2016, 4, 30)),
            "owner_organisation_id": tours.pk,
            "owner_person_id": caen_person.pk,
        },
    )
    assert response.status_code == 400
    assert response.json()["code"] == "owner_not_in_organisation"
