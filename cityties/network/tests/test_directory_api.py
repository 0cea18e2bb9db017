"""Directory API: same permissions as the pages, personal fields only for those allowed."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cityties.network.models import Organisation, Person
from cityties.network.tests.factories import (
    CountryGroupFactory,
    OrganisationFactory,
    PersonFactory,
)

API = "/api/network"


def send(client, method: str, url: str, data: dict | None = None):
    return getattr(client, method)(url, json.dumps(data or {}), content_type="application/json")


# --- organisations --------------------------------------------------------------------


def test_anonymous_gets_401(client_for):
    assert client_for(None).get(f"{API}/organisations").status_code == 401


def test_list_organisations_filters_by_kind(client_for, viewer, caen, company):
    data = client_for(viewer).get(f"{API}/organisations", {"kind": "company"}).json()
    assert data["count"] == 1
    assert data["items"][0]["name"] == "Soyhuce"


def test_list_organisations_filters_by_group(client_for, viewer, caen, tours, federation):
    group = CountryGroupFactory(country="US", federation=federation)
    group.members.add(tours)
    data = client_for(viewer).get(f"{API}/organisations", {"group": group.pk}).json()
    assert [o["name"] for o in data["items"]] == ["Ville de Tours"]


def test_list_organisations_query_count_does_not_grow(client_for, viewer):
    client = client_for(viewer)
    OrganisationFactory.create_batch(5)
    client.get(f"{API}/organisations")
    with CaptureQueriesContext(connection) as few:
        client.get(f"{API}/organisations")
    OrganisationFactory.create_batch(30)
    with CaptureQueriesContext(connection) as many:
        client.get(f"{API}/organisations")
    assert len(many) == len(few)


def test_organisation_detail_hides_contacts_from_another_city(client_for, tours_officer, joel):
    data = client_for(tours_officer).get(f"{API}/organisations/{joel.organisation_id}").json()
    assert data["people"][0]["last_name"] == "Bruneau"
    assert data["people"][0]["email"] is None
    assert data["people"][0]["phone"] is None


def test_organisation_detail_shows_contacts_to_caen_officer(client_for, caen_officer, joel):
    data = client_for(caen_officer).get(f"{API}/organisations/{joel.organisation_id}").json()
    assert data["people"][0]["email"] == "joel@caen.example"


def test_unknown_organisation_is_404(client_for, viewer):
    assert client_for(viewer).get(f"{API}/organisations/999").status_code == 404


def test_officer_creates_a_foreign_partner(client_for, caen_officer):
    payload = {"name": "Nashville", "kind": "foreign_city", "country": "us"}
    response = send(client_for(caen_officer), "post", f"{API}/organisations", payload)
    assert response.status_code == 201
    assert response.json()["country"] == "US"


def test_officer_cannot_create_a_french_commune(client_for, caen_officer):
    payload = {"name": "Ville de Lyon", "kind": "commune", "country": "FR"}
    response = send(client_for(caen_officer), "post", f"{API}/organisations", payload)
    assert response.status_code == 403
    assert not Organisation.objects.filter(name="Ville de Lyon").exists()


def test_creating_a_duplicate_returns_409_with_the_existing_id(client_for, staff):
    existing = OrganisationFactory(name="Nashville", kind="foreign_city", country="US")
    payload = {"name": "nashville", "kind": "foreign_city", "country": "US"}
    response = send(client_for(staff), "post", f"{API}/organisations", payload)
    assert response.status_code == 409
    assert response.json()["code"] == "duplicate"
    assert response.json()["existing_id"] == existing.pk


def test_unknown_sector_code_is_refused(client_for, staff):
    payload = {"name": "X", "kind": "foreign_city", "country": "US", "sector_codes": ["nope"]}
    response = send(client_for(staff), "post", f"{API}/organisations", payload)
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_sector"


def test_tours_officer_cannot_edit_caen(client_for, tours_officer, caen):
    response = send(
        client_for(tours_officer), "patch", f"{API}/organisations/{caen.pk}", {"city": "Tours"}
    )
    assert response.status_code == 403
    caen.refresh_from_db()
    assert caen.city == "Caen"


@pytest.mark.parametrize("persona", ["staff", "caen_officer"])
def test_staff_and_caen_officer_edit_caen(client_for, request, persona, caen):
    client = client_for(request.getfixturevalue(persona))
    response = send(client, "patch", f"{API}/organisations/{caen.pk}", {"description": "Normandy"})
    assert response.status_code == 200
    assert response.json()["description"] == "Normandy"


def test_company_rep_edits_their_company(client_for, company_rep, company):
    response = send(
        client_for(company_rep), "patch", f"{API}/organisations/{company.pk}", {"city": "Caen"}
    )
    assert response.status_code == 200


def test_company_rep_cannot_edit_caen(client_for, company_rep, caen):
    response = send(client_for(company_rep), "patch", f"{API}/organisations/{caen.pk}", {})
    assert response.status_code == 403


def test_officer_cannot_make_their_city_a_non_member(client_for, caen_officer, caen):
    response = send(
        client_for(caen_officer), "patch", f"{API}/organisations/{caen.pk}", {"is_member": False}
    )
    assert response.status_code == 403


def test_staff_archives_an_organisation(client_for, staff, tours):
    response = send(client_for(staff), "post", f"{API}/organisations/{tours.pk}/archive")
    assert response.status_code == 200
    assert response.json()["archived_at"] is not None


def test_officer_cannot_archive_their_city(client_for, caen_officer, caen):
    response = send(client_for(caen_officer), "post", f"{API}/organisations/{caen.pk}/archive")
    assert response.status_code == 403


# --- people ---------------------------------------------------------------------------


def test_tours_officer_gets_403_on_a_caen_persons_detail(client_for, tours_officer, joel):
    assert client_for(tours_officer).get(f"{API}/people/{joel.pk}").status_code == 403


@pytest.mark.parametrize("persona", ["staff", "caen_officer"])
def test_staff_and_caen_officer_read_a_caen_person(client_for, request, persona, joel):
    data = client_for(request.getfixturevalue(persona)).get(f"{API}/people/{joel.pk}").json()
    assert data["email"] == "joel@caen.example"
    assert data["phone"] == "+33 2 31 30 41 00"


def test_people_list_holds_only_visible_people(client_for, tours_officer, tours, joel):
    PersonFactory(last_name="Tourangelle", organisation=tours)
    data = client_for(tours_officer).get(f"{API}/people").json()
    assert [p["last_name"] for p in data["items"]] == ["Tourangelle"]


def test_people_list_query_count_does_not_grow(client_for, staff, caen):
    client = client_for(staff)
    PersonFactory.create_batch(5, organisation=caen)
    client.get(f"{API}/people")
    with CaptureQueriesContext(connection) as few:
        client.get(f"{API}/people")
    PersonFactory.create_batch(30, organisation=caen)
    with CaptureQueriesContext(connection) as many:
        client.get(f"{API}/people")
    assert len(many) == len(few)


def test_caen_officer_creates_a_person_with_consent(client_for, caen_officer, caen):
    payload = {
        "first_name": "Sonia",
        "last_name": "Lemaire",
        "organisation_id": caen.pk,
        "email": "sonia@caen.example",
        "consent_given": True,
    }
    response = send(client_for(caen_officer), "post", f"{API}/people", payload)
    assert response.status_code == 201
    assert response.json()["consent_date"] is not None


def test_tours_officer_cannot_create_a_person_in_caen(client_for, tours_officer, caen):
    payload = {"first_name": "A", "last_name": "B", "organisation_id": caen.pk}
    response = send(client_for(tours_officer), "post", f"{API}/people", payload)
    assert response.status_code == 403
    assert not Person.objects.filter(organisation=caen).exists()


def test_duplicate_email_returns_409(client_for, staff, caen, joel):
    payload = {"first_name": "J", "last_name": "B", "organisation_id": caen.pk}
    payload["email"] = "JOEL@caen.example"
    response = send(client_for(staff), "post", f"{API}/people", payload)
    assert response.status_code == 409
    assert response.json()["existing_id"] == joel.pk


def test_tours_officer_cannot_update_a_caen_person(client_for, tours_officer, joel):
    response = send(client_for(tours_officer), "patch", f"{API}/people/{joel.pk}", {"phone": "0"})
    assert response.status_code == 403


def test_caen_officer_cannot_move_a_person_to_tours(client_for, caen_officer, joel, tours):
    response = send(
        client_for(caen_officer),
        "patch",
        f"{API}/people/{joel.pk}",
        {"organisation_id": tours.pk},
    )
    assert response.status_code == 403
    joel.refresh_from_db()
    assert joel.organisation_id != tours.pk


def test_caen_officer_updates_a_caen_person(client_for, caen_officer, joel):
    response = send(
        client_for(caen_officer), "patch", f"{API}/people/{joel.pk}", {"function": "Maire"}
    )
    assert response.status_code == 200
    assert response.json()["function"] == "Maire"


# --- groups ---------------------------------------------------------------------------


def test_groups_list_and_detail(client_for, viewer, federation, caen):
    group = CountryGroupFactory(name="Groupe-pays États-Unis", country="US", federation=federation)
    group.members.add(caen)
    client = client_for(viewer)
    assert client.get(f"{API}/groups").json()[0]["member_count"] == 1
    detail = client.get(f"{API}/groups/{group.pk}").json()
    assert [m["name"] for m in detail["members"]] == ["Ville de Caen"]


def test_openapi_documents_the_directory(client_for, viewer):
    schema = client_for(viewer).get("/api/openapi.json").json()
    assert "/api/network/people/{person_id}" in schema["paths"]
    assert "OrganisationDetailOut" in schema["components"]["schemas"]


def test_people_search_matches_the_organisation_name_as_the_page_does(client_for, staff, joel):
    data = client_for(staff).get(f"{API}/people", {"q": "Ville de Caen"}).json()
    assert [item["id"] for item in data["items"]] == [joel.pk]


def test_a_refused_change_is_403_with_code_and_message(client_for, caen_officer, company):
    response = send(
        client_for(caen_officer), "patch", f"{API}/organisations/{company.pk}", {"is_member": True}
    )
    assert response.status_code == 403
    assert response.json().keys() == {"code", "message"}
    assert response.json()["code"] == "not_allowed"
