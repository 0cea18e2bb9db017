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
