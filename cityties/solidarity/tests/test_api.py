"""The API does what the pages do, through the same services: pledges and payments within
their bounds, the progress without private names, the ranking's reasons in both languages."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db


def _post(client, path, data):
    return client.post(f"/api/solidarity{path}", json.dumps(data), content_type="application/json")


def test_an_officer_pledges_and_pays_through_the_api(world, client_for, tours_officer, tours):
    client = client_for(tours_officer)
    created = _post(
        client,
        f"/funds/{world.fund.pk}/pledges",
        {"member_id": tours.pk, "amount": "2000.00", "legal_basis": "own_budget"},
    )
    assert created.status_code == 201 and created.json()["state"] == "pledged"
    pledge = created.json()["id"]
    refused = _post(
        client,
        f"/pledges/{pledge}/payments",
        {"paid_on": "2016-10-01", "amount": "10.00", "channel": "direct"},
    )
    assert refused.status_code == 400 and refused.json()["code"] == "decision_required"


def test_a_payment_beyond_the_pledge_is_refused(world, client_for, caen_officer):
    response = _post(
        client_for(caen_officer),
        f"/pledges/{world.caen_pledge.pk}/payments",
        {"paid_on": "2016-10-05", "amount": "20000.01", "channel": "faceco"},
    )
    assert response.status_code == 400 and response.json()["code"] == "payment_above_pledge"


def test_a_malformed_amount_is_a_422(world, client_for, caen_officer):
    response = _post(
        client_for(caen_officer),
        f"/pledges/{world.caen_pledge.pk}/payments",
        {"paid_on": "2016-10-05", "amount": "-1", "channel": "faceco"},
    )
    assert response.status_code == 422


def test_the_progress_counts_private_pledges_without_naming_them(world, client_for, tours_officer):
    body = client_for(tours_officer).get(f"/api/solidarity/funds/{world.fund.pk}/progress").json()
    assert body["contributors"] == 2 and body["other_contributors"] == 1
    assert body["pledged"] == "55000.00" and body["paid"] == "20000.00"
    assert [c["name"] for c in body["named"]] == ["Ville de Tours"]


def test_the_ranking_gives_its_reasons_in_french_and_english(world, client_for, staff):
    (first,) = client_for(staff).get(f"/api/solidarity/needs/{world.need.pk}/ranking").json()
    assert first["offer_id"] == world.offer.pk
    assert "langues communes : anglais" in first["reasons_fr"]
    assert "languages in common: English" in first["reasons_en"]


def test_the_headroom_of_a_year(world, client_for, caen_officer, caen):
    body = client_for(caen_officer).get(f"/api/solidarity/members/{caen.pk}/headroom/2016").json()
    lines = {line["budget"]: line for line in body["lines"]}
    assert lines["sanitation"]["ceiling"] == "82500.00"
    assert lines["sanitation"]["remaining"] == "42500.00"


def test_only_staff_record_needs(world, client_for, caen_officer, caen):
    response = _post(
        client_for(caen_officer),
        "/needs",
        {
            "partner_id": world.new_orleans.pk,
            "domain": "water",
            "title": "Pumps",
            "staff_days": 3,
            "languages": "en",
        },
    )
    assert response.status_code == 403


def test_text_with_a_nul_character_is_refused(client_for, staff):
    response = _post(
        client_for(staff),
        "/crises",
        {"title_fr": "A\x00B", "kind": "flood", "country": "HT", "occurred_on": "2016-10-04"},
    )
    assert response.status_code == 422
