import json

import pytest

from .factories import make_event

pytestmark = pytest.mark.django_db


def test_anonymous_api_callers_list_public_events_only(client, caen):
    make_event(caen, title_fr="Public", visibility="public")
    make_event(caen, title_fr="Réseau", visibility="network")
    data = client.get("/api/calendar/events").json()
    assert [item["title_fr"] for item in data["items"]] == ["Public"]


def test_the_api_gives_local_times_and_counts(client_for, caen_officer, caen):
    event = make_event(caen)
    data = client_for(caen_officer).get(f"/api/calendar/events/{event.pk}").json()
    assert data["local_start"].startswith("2016-11-16T09:00:00-05:00")
    assert data["going_count"] == 0


def test_an_officer_creates_an_event_through_the_api(client_for, caen_officer, caen):
    payload = {
        "kind": "forum",
        "title_fr": "D-Day economic forum",
        "starts_at": "2016-06-07T09:00:00+02:00",
        "ends_at": "2016-06-07T18:00:00+02:00",
        "country": "FR",
        "organiser_id": caen.pk,
    }
    response = client_for(caen_officer).post(
        "/api/calendar/events", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json()["starts_at"].startswith("2016-06-07T07:00:00")


def test_an_invalid_event_is_a_400_with_its_code(client_for, caen_officer, caen):
    payload = {
        "kind": "forum",
        "title_fr": "À l'envers",
        "starts_at": "2016-06-07T18:00:00+02:00",
        "ends_at": "2016-06-07T09:00:00+02:00",
        "country": "FR",
        "organiser_id": caen.pk,
    }
    response = client_for(caen_officer).post(
        "/api/calendar/events", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "end_before_start"


def test_a_tours_officer_cannot_patch_caens_event(client_for, tours_officer, caen):
    event = make_event(caen)
    response = client_for(tours_officer).patch(
        f"/api/calendar/events/{event.pk}",
        json.dumps({"city": "X"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_a_member_marks_an_event_through_the_api(client_for, tours_officer, caen):
    event = make_event(caen)
    response = client_for(tours_officer).put(
        f"/api/calendar/events/{event.pk}/mark",
        json.dumps({"status": "going"}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["going_count"] == 1
