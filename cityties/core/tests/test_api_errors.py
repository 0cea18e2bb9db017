import pytest

from cityties.network.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_an_api_refusal_is_json_with_a_stable_code(client_for, tours_officer, caen):
    person = PersonFactory(organisation=caen)
    response = client_for(tours_officer).get(f"/api/network/people/{person.pk}")
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_a_missing_object_is_json_404(client_for, staff):
    response = client_for(staff).get("/api/network/partnerships/999999")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_not_logged_in_is_the_same_json_error(client_for):
    response = client_for(None).get("/api/me")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_invalid_parameters_are_a_422_naming_the_field(client_for, staff):
    response = client_for(staff).get("/api/network/partnerships", {"kind": "nonsense"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    assert "kind" in body["errors"][0]["loc"]


def test_an_unreadable_body_is_a_400_json_error(client_for, staff):
    response = client_for(staff).post(
        "/api/network/organisations", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "malformed"


def test_a_missing_csrf_token_is_a_403_json_error(staff):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post("/api/network/organisations", "{}", content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
