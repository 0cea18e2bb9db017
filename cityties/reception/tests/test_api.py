"""The API: the lead's figures, an exhibitor's guests, and a scanner app at the door."""

from __future__ import annotations

import json

import pytest

from .. import services as svc

pytestmark = pytest.mark.django_db


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_a_door_app_checks_a_card_in_then_is_refused_the_second_time(
    guest, reception, caen_officer, client_for
):
    client = client_for(caen_officer)
    url = f"/api/reception/receptions/{reception.pk}/checkins"
    first = _post(client, url, {"code": svc.qr_payload(guest), "door": "North"})
    assert first.status_code == 201 and first.json()["present"] == 1
    second = _post(client, url, {"code": svc.qr_payload(guest)})
    assert second.status_code == 409 and second.json()["code"] == "already_in"


def test_an_unknown_card_is_a_conflict_saying_unknown(reception, caen_officer, client_for):
    response = _post(
        client_for(caen_officer),
        f"/api/reception/receptions/{reception.pk}/checkins",
        {"code": "CITYTIES-R:abcdefghijkl"},
    )
    assert response.status_code == 409 and response.json()["code"] == "unknown"


def test_quotas_above_the_capacity_are_refused_by_the_api(
    reception, soyhuce, caen_officer, client_for
):
    response = client_for(caen_officer).put(
        f"/api/reception/receptions/{reception.pk}/quotas/{soyhuce.pk}",
        json.dumps({"size": 51}),
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["code"] == "quotas_above_capacity"


def test_a_company_lists_and_adds_its_own_guests(guest, quota, company_rep, client_for):
    client = client_for(company_rep)
    url = f"/api/reception/quotas/{quota.pk}/invitations"
    added = _post(client, url, {"name": "Ann Lee", "email": "ann@cmu.example"})
    assert added.status_code == 201
    assert sorted(i["name"] for i in client.get(url).json()) == ["Ann Lee", "José Martínez"]


def test_a_company_cannot_run_the_door(reception, company_rep, client_for):
    response = client_for(company_rep).get(f"/api/reception/receptions/{reception.pk}/headcount")
    assert response.status_code == 403
