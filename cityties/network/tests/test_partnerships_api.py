"""The partnership API: filters, create/update/archive, activities, errors and CSRF."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client

from cityties.network.models import Activity, Partnership, Theme

from .factories import add_activity, foreign_city, make_partnership

API = "/api/network"


@pytest.fixture
def twinning(caen_officer, caen, nashville):
    return make_partnership(
        caen_officer, caen, nashville, title="Caen and Nashville", signed_on=date(1991, 6, 1)
    )


def post(client: Client, url: str, data: dict) -> object:
    return client.post(url, json.dumps(data), content_type="application/json")


def patch(client: Client, url: str, data: dict) -> object:
    return client.patch(url, json.dumps(data), content_type="application/json")


def test_list_returns_partners_and_count(client_for, viewer, twinning, nashville):
    body = client_for(viewer).get(f"{API}/partnerships").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["title"] == "Caen and Nashville"
    assert {p["name"] for p in item["partners"]} == {"Ville de Caen", "Nashville"}
    assert item["signed_on"] == "1991-06-01"


def test_list_filters_by_kind_and_country(client_for, staff, caen, tours, nashville):
    make_partnership(staff, caen, nashville, title="US tie", kind="twinning")
    make_partnership(staff, caen, tours, title="French pact", kind="friendship")
    client = client_for(staff)
    by_kind = client.get(f"{API}/partnerships", {"kind": "friendship"}).json()
    by_country = client.get(f"{API}/partnerships", {"country": "US"}).json()
    assert [i["title"] for i in by_kind["items"]] == ["French pact"]
    assert [i["title"] for i in by_country["items"]] == ["US tie"]


def test_list_pages_with_limit_and_offset(client_for, staff, caen, nashville):
    for n in range(5):
        make_partnership(staff, caen, foreign_city(f"City {n}"), title=f"Tie {n}")
    body = client_for(staff).get(f"{API}/partnerships", {"limit": 2, "offset": 2}).json()
    assert body["count"] == 5
    assert [i["title"] for i in body["items"]] == ["Tie 2", "Tie 3"]


def test_officer_creates_a_partnership(client_for, caen_officer, caen):
    alexandria = foreign_city("Alexandria")
    Theme.objects.create(code="education", label_fr="éducation", label_en="education")
    response = post(
        client_for(caen_officer),
        f"{API}/partnerships",
        {
            "partner_ids": [caen.pk, alexandria.pk],
            "kind": "cooperation",
            "theme_codes": ["education"],
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["themes"][0]["code"] == "education"
    assert Partnership.objects.get().created_by == caen_officer


def test_creation_error_carries_its_code(client_for, caen_officer, caen):
    response = post(
        client_for(caen_officer),
        f"{API}/partnerships",
        {"partner_ids": [caen.pk], "kind": "twinning"},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "too_few_members"


def test_unknown_partner_is_refused(client_for, staff, caen):
    response = post(
        client_for(staff),
        f"{API}/partnerships",
        {"partner_ids": [caen.pk, 999999], "kind": "twinning"},
    )
    assert response.json()["code"] == "unknown_organisation"


def test_patch_changes_only_the_fields_sent(client_for, caen_officer, twinning):
    response = patch(
        client_for(caen_officer), f"{API}/partnerships/{twinning.pk}", {"status": "dormant"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "dormant"
    assert body["signed_on"] == "1991-06-01"
    assert len(body["partners"]) == 2


def test_archive_hides_the_partnership_from_the_list(client_for, caen_officer, twinning):
    client = client_for(caen_officer)
    response = client.post(f"{API}/partnerships/{twinning.pk}/archive")
    assert response.status_code == 200
    assert response.json()["archived_at"] is not None
    assert client.get(f"{API}/partnerships").json()["count"] == 0


def test_activity_lifecycle_updates_the_indicators(client_for, caen_officer, twinning):
    client = client_for(caen_officer)
    created = post(
        client,
        f"{API}/partnerships/{twinning.pk}/activities",
        {
            "kind": "economic_mission",
            "title": "NLC City Summit",
            "start_date": "2015-11-04",
            "companies": 3,
            "contracts": 1,
            "budget": "6000.00",
            "budget_currency": "USD",
        },
    )
    assert created.status_code == 201
    activity_id = created.json()["id"]
    indicators = client.get(f"{API}/partnerships/{twinning.pk}/indicators").json()
    assert indicators == [
        {
            "year": 2015,
            "activities": 1,
            "people_involved": 0,
            "students": 0,
            "companies": 3,
            "contracts": 1,
            "budgets": {"USD": "6000.00"},
        }
    ]
    assert (
        patch(client, f"{API}/activities/{activity_id}", {"contracts": 2}).json()["contracts"] == 2
    )
    assert client.delete(f"{API}/activities/{activity_id}").status_code == 204
    assert not Activity.objects.exists()


def test_activity_error_carries_its_code(client_for, caen_officer, twinning):
    response = post(
        client_for(caen_officer),
        f"{API}/partnerships/{twinning.pk}/activities",
        {"kind": "visit", "title": "Visit", "start_date": "2016-05-02", "end_date": "2016-05-01"},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "end_before_start"


def test_activities_are_listed(client_for, viewer, caen_officer, twinning):
    add_activity(caen_officer, twinning, title="Bar conference", kind="conference")
    body = client_for(viewer).get(f"{API}/partnerships/{twinning.pk}/activities").json()
    assert [a["title"] for a in body] == ["Bar conference"]


def test_anonymous_callers_are_refused(twinning):
    assert Client().get(f"{API}/partnerships").status_code == 401


def test_unsafe_calls_need_the_csrf_token(caen_officer, twinning):
    client = Client(enforce_csrf_checks=True)
    client.force_login(caen_officer, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(f"{API}/partnerships/{twinning.pk}/archive")
    assert response.status_code == 403
    twinning.refresh_from_db()
    assert twinning.archived_at is None


def test_openapi_documents_the_partnership_schemas(client_for, viewer):
    schema = client_for(viewer).get("/api/openapi.json").json()
    assert "/api/network/partnerships/{partnership_id}/activities" in schema["paths"]
    assert {"PartnershipOut", "ActivityOut", "ErrorOut"} <= set(schema["components"]["schemas"])


def test_a_service_refusal_is_400_with_code_and_message(client_for, staff, caen):
    response = post(
        client_for(staff),
        "/api/network/partnerships",
        {"partner_ids": [caen.pk], "kind": "twinning"},
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": "too_few_members",
        "message": "Un partenariat nécessite au moins deux collectivités différentes.",
    }


def test_a_duplicate_partnership_is_409_with_the_existing_id(client_for, caen_officer, twinning):
    partner_ids = [m.pk for m in twinning.members.all()]
    response = post(
        client_for(caen_officer),
        "/api/network/partnerships",
        {"partner_ids": partner_ids, "kind": "twinning"},
    )
    assert response.status_code == 409
    assert response.json()["code"] == "duplicate"
    assert response.json()["existing_id"] == twinning.pk
