"""Choosing among thousands of organisations is a search, not a 4,769-option list."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cityties.network.models import Partnership, Person
from cityties.network.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_cities(db):
    return [
        OrganisationFactory(name=f"City {n}", kind="foreign_city", country="US", is_member=False)
        for n in range(60)
    ]


def test_the_partner_chooser_is_a_text_box_with_suggestions(client_for, staff, many_cities):
    content = client_for(staff).get(reverse("network:partnership_create")).content.decode()
    assert 'type="checkbox" name="partners"' not in content
    assert "City 59" not in content  # the choices are not written into the page
    assert 'name="partners"' in content and 'list="id_partners-options"' in content
    assert "/network/organisations/choices/?field=partners" in content


def test_partners_typed_by_name_make_the_partnership(client_for, staff, caen):
    nashville = OrganisationFactory(name="Nashville", kind="foreign_city", country="US")
    response = client_for(staff).post(
        reverse("network:partnership_create"),
        {"partners": ["Ville de Caen (FR)", "nashville"], "kind": "twinning", "status": "active"},
    )
    assert response.status_code == 302
    assert set(Partnership.objects.get().members.all()) == {caen, nashville}


def test_an_ambiguous_name_lists_the_candidates(client_for, staff, caen):
    OrganisationFactory(name="Paris", kind="foreign_city", country="US")
    OrganisationFactory(name="Paris", kind="commune", country="FR")
    response = client_for(staff).post(
        reverse("network:partnership_create"),
        {"partners": ["Ville de Caen (FR)", "Paris"], "kind": "twinning", "status": "active"},
    )
    assert response.status_code == 200
    error = " ".join(response.context["form"].errors["partners"])
    assert "Paris (FR)" in error and "Paris (US)" in error
    assert not Partnership.objects.exists()


def test_suggestions_match_without_accents_and_need_an_account(client_for, staff):
    OrganisationFactory(name="Ville d'Épinal")
    url = reverse("network:organisation_choices")
    content = client_for(staff).get(url, {"field": "partners", "partners": "epin"}).content
    assert "Ville d&#x27;Épinal (FR)" in content.decode()
    assert client_for(None).get(url, {"q": "epin"}).status_code == 302


def test_staff_pick_a_persons_organisation_by_name(client_for, staff, caen, many_cities):
    client = client_for(staff)
    content = client.get(reverse("network:person_create")).content.decode()
    assert '<select name="organisation"' not in content
    response = client.post(
        reverse("network:person_create"),
        {"first_name": "Ann", "last_name": "Lee", "organisation": "City 7 (US)"},
    )
    assert response.status_code == 302
    assert Person.objects.get().organisation == many_cities[7]


def test_an_officers_short_list_stays_a_select(client_for, caen_officer, many_cities):
    content = client_for(caen_officer).get(reverse("network:person_create")).content.decode()
    assert '<select name="organisation"' in content
