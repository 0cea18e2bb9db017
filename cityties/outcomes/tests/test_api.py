"""The outcomes API: records entered, changed and removed through the same services and
rules as the pages; the aggregates."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from cityties.outcomes.models import OutcomeRecord

pytestmark = pytest.mark.django_db


def _send(client, method: str, url: str, data: dict | None = None):
    return getattr(client, method)(url, json.dumps(data or {}), content_type="application/json")


def test_a_company_enters_a_contract_through_the_api(village, client_for, company_rep):
    soyhuce = village.companies["soyhuce"]
    response = _send(
        client_for(company_rep),
        "post",
        "/api/outcomes/records",
        {
            "participant_id": soyhuce.pk,
            "kind": "contract",
            "title": "Application citoyenne",
            "counterpart": "City of Nashville",
            "value": "20000.00",
            "currency": "USD",
            "occurred_on": "2017-01-15",
            "confidential": True,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["value_eur"] == "18026.00" and body["confidential"] and body["year"] == 2016


def test_a_refusal_carries_its_code(village, client_for, company_rep):
    response = _send(
        client_for(company_rep),
        "post",
        "/api/outcomes/records",
        {
            "participant_id": village.companies["soyhuce"].pk,
            "kind": "tender",
            "title": "Sans acheteur",
            "occurred_on": "2017-01-15",
        },
    )
    assert response.status_code == 400 and response.json()["code"] == "buyer_required"


def test_another_member_may_not_enter_a_record_for_the_company(village, client_for, tours_officer):
    response = _send(
        client_for(tours_officer),
        "post",
        "/api/outcomes/records",
        {
            "participant_id": village.companies["soyhuce"].pk,
            "kind": "contact",
            "title": "Contact",
            "occurred_on": "2017-01-15",
        },
    )
    assert response.status_code == 403 and not OutcomeRecord.objects.exists()


def test_a_tender_won_is_changed_and_a_record_removed(outcomes, client_for, caen_officer):
    client = client_for(caen_officer)
    tender = outcomes.starnav_tender
    response = _send(
        client,
        "patch",
        f"/api/outcomes/records/{tender.pk}",
        {"status": "won", "decided_on": "2017-04-02"},
    )
    assert response.status_code == 200 and response.json()["status"] == "won"
    assert response.json()["value_eur"] == "90130.00"
    assert client.delete(f"/api/outcomes/records/{tender.pk}").status_code == 204
    assert not OutcomeRecord.objects.filter(pk=tender.pk).exists()


def test_tours_may_not_change_caens_record(outcomes, client_for, tours_officer):
    response = _send(
        client_for(tours_officer),
        "patch",
        f"/api/outcomes/records/{outcomes.soyhuce_contract.pk}",
        {"title": "Changed"},
    )
    assert response.status_code == 403


def test_a_partnership_agreement_through_the_api(caen, tours, nashville, staff, client_for):
    from cityties.accounts.models import Role
    from cityties.accounts.tests.factories import MembershipFactory, UserFactory
    from cityties.network import services as network

    twinning = network.check_create_partnership(
        actor=staff, members=[caen, nashville], kind="twinning"
    )
    officer = UserFactory(email="officer@caen.example")
    MembershipFactory(user=officer, organisation=caen, role=Role.MEMBER_OFFICER)
    payload = {
        "partnership_id": twinning.pk,
        "organisation_id": caen.pk,
        "kind": "agreement",
        "title": "Accord économique",
        "occurred_on": "2016-06-07",
    }
    created = _send(client_for(officer), "post", "/api/outcomes/records", payload)
    assert created.status_code == 201 and created.json()["partnership_id"] == twinning.pk
    roi = client_for(officer).get(f"/api/outcomes/partnerships/{twinning.pk}/roi").json()
    assert roi["agreements"] == 1
    tours_officer = UserFactory(email="officer@tours.example")
    MembershipFactory(user=tours_officer, organisation=tours, role=Role.MEMBER_OFFICER)
    refused = _send(client_for(tours_officer), "post", "/api/outcomes/records", payload)
    assert refused.status_code == 403


def test_the_list_filters_by_kind(outcomes, client_for, staff):
    listed = client_for(staff).get("/api/outcomes/records", {"kind": "contract"}).json()
    assert {r["title"] for r in listed} == {
        "Application de relation citoyenne",
        "Capteurs pour trois écoles",
    }


def test_the_aggregates_of_a_participant(outcomes, client_for, company_rep):
    soyhuce = outcomes.village.companies["soyhuce"]
    roi = client_for(company_rep).get(f"/api/outcomes/participants/{soyhuce.pk}/roi").json()
    assert roi["contracts"] == 1 and Decimal(roi["contract_value"]) == Decimal("48000.00")
    assert [stage["count"] for stage in roi["funnel"]] == [0, 0, 0, 0, 1]


def test_the_funder_reads_but_may_not_change_enter_or_remove_a_record(outcomes, client_for, viewer):
    client = client_for(viewer)
    contract = outcomes.soyhuce_contract
    assert client.get(f"/api/outcomes/records/{contract.pk}").status_code == 200
    url = f"/api/outcomes/records/{contract.pk}"
    assert _send(client, "patch", url, {"title": "Changed"}).status_code == 403
    assert client.delete(url).status_code == 403
    entered = _send(
        client,
        "post",
        "/api/outcomes/records",
        {
            "participant_id": contract.participant_id,
            "kind": "contact",
            "title": "Contact",
            "occurred_on": "2017-01-10",
        },
    )
    assert entered.status_code == 403
    contract.refresh_from_db()
    assert contract.title == "Application de relation citoyenne"


def test_the_api_changes_no_field_the_page_does_not_offer(outcomes, client_for, company_rep):
    """Where the record belongs, its source and year are the services' to keep: a patch
    naming them changes nothing of them."""
    contract = outcomes.soyhuce_contract
    before = (contract.participant_id, contract.organisation_id, contract.city_id)
    response = _send(
        client_for(company_rep),
        "patch",
        f"/api/outcomes/records/{contract.pk}",
        {
            "title": "Application citoyenne",
            "participant_id": outcomes.capteurs_contract.participant_id,
            "organisation_id": outcomes.capteurs_contract.organisation_id,
            "source": "survey",
            "year": 1999,
            "value_eur": "1.00",
        },
    )
    assert response.status_code == 200
    contract.refresh_from_db()
    assert contract.title == "Application citoyenne"
    assert (contract.participant_id, contract.organisation_id, contract.city_id) == before
    assert (contract.source, contract.year) == ("manual", 2016)
    # In euros already: the value in euros is the value, whatever the patch said.
    assert contract.value_eur == Decimal("48000.00")
