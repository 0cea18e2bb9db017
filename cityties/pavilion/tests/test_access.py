"""Who sees whose costs: a company representative only its own company, on the pages, in
the API and in the exports; the lead and the staff everyone; a funder's viewer the whole
pavilion, read-only."""

from __future__ import annotations

import pytest

from cityties.delegations import services as delegation_services

pytestmark = pytest.mark.django_db


def test_a_company_rep_reads_its_own_net_cost(village, client_for, company_rep):
    page = client_for(company_rep).get(f"/pavilion/participants/{village.companies['soyhuce'].pk}/")
    assert page.status_code == 200
    assert "Soyhuce" in page.content.decode()


@pytest.mark.parametrize("key", ["starnav", "capteurs", "garonne"])
def test_a_company_rep_never_sees_another_company(village, client_for, company_rep, key):
    client = client_for(company_rep)
    participant = village.companies[key].pk
    assert client.get(f"/pavilion/participants/{participant}/").status_code == 403
    assert client.get(f"/api/pavilion/participants/{participant}/costs").status_code == 403


def test_a_company_rep_has_no_pavilion_budget_or_exports(village, client_for, company_rep):
    client = client_for(company_rep)
    pk = village.delegation.pk
    for path in ("", "budget/", "budget.xlsx", "dossier.pdf"):
        assert client.get(f"/pavilion/delegations/{pk}/{path}").status_code == 403
    assert client.get(f"/api/pavilion/delegations/{pk}/figures").status_code == 403


def test_the_co_exhibitors_are_counted_not_named(village, client_for, company_rep):
    text = (
        client_for(company_rep)
        .get(f"/pavilion/participants/{village.companies['soyhuce'].pk}/")
        .content.decode()
    )
    assert "Starnav" not in text and "Touraine Capteurs" not in text
    assert "2" in text


def test_a_sponsors_officer_sees_its_companies_not_the_others(village, client_for, tours_officer):
    client = client_for(tours_officer)
    assert (
        client.get(f"/pavilion/participants/{village.companies['capteurs'].pk}/").status_code == 200
    )
    assert (
        client.get(f"/pavilion/participants/{village.companies['soyhuce'].pk}/").status_code == 403
    )
    assert client.get(f"/pavilion/delegations/{village.delegation.pk}/").status_code == 403


def test_the_lead_sees_everyone_and_changes_shares(village, client_for, caen_officer):
    client = client_for(caen_officer)
    page = client.get(f"/pavilion/delegations/{village.delegation.pk}/").content.decode()
    for name in ("Soyhuce", "Starnav", "Touraine Capteurs", "Loire Numérique", "Garonne Données"):
        assert name in page
    response = client.post(
        f"/pavilion/items/{village.stands[1].pk}/shares/",
        {
            "participant": village.companies["garonne"].pk,
            "area_m2": "5,5",
        },
    )
    assert response.status_code == 302
    assert village.stands[1].shares.get(participant=village.companies["garonne"]).area_m2 == 5.5


def test_a_funders_viewer_reads_but_cannot_change(village, client_for, viewer, ministry, staff):
    delegation_services.check_add_supporter(
        village.delegation, actor=staff, organisation=ministry, role="funder"
    )
    client = client_for(viewer)
    pk = village.delegation.pk
    assert client.get(f"/pavilion/delegations/{pk}/budget/").status_code == 200
    assert client.get(f"/pavilion/delegations/{pk}/rates/").status_code == 403
    response = client.post(
        f"/pavilion/items/{village.stands[0].pk}/shares/",
        {"participant": village.cities["caen"].pk},
    )
    assert response.status_code == 403
    assert not village.stands[0].shares.filter(participant=village.cities["caen"]).exists()


def test_the_api_refuses_a_share_above_the_stand_with_its_code(village, client_for, caen_officer):
    response = client_for(caen_officer).put(
        f"/api/pavilion/items/{village.stands[1].pk}/shares",
        {"participant_id": village.companies["soyhuce"].pk, "area_m2": "1"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "shares_above_item"


def test_the_api_cannot_share_with_a_participant_of_another_delegation(
    village, client_for, caen_officer, caen, staff
):
    from cityties.events.tests.factories import make_event

    other = delegation_services.check_create_delegation(
        actor=staff, title="Autre", event=make_event(caen), lead=caen
    )
    stranger = delegation_services.check_add_government(other, actor=staff, organisation=caen)
    response = client_for(caen_officer).put(
        f"/api/pavilion/items/{village.stands[0].pk}/shares",
        {"participant_id": stranger.pk},
        content_type="application/json",
    )
    assert response.status_code == 404
