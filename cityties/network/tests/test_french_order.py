"""French order and accent- and case-insensitive search, on pages and API alike."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from cityties.core.text import countries_by_name, fold
from cityties.network import services
from cityties.network.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

TOWNS = ["Ziguinchor", "Échirolles", "Dijon", "Fontainebleau", "épinal", "Évry-Courcouronnes"]


@pytest.fixture
def towns(db):
    return [
        services.check_create_organisation(
            actor=None, name=name, kind="foreign_city", country="SN" if name[0] == "Z" else "FR"
        )
        for name in TOWNS
    ]


def test_fold_ignores_case_accents_ligatures_and_punctuation():
    assert fold("Échirolles") == "echirolles"
    assert fold("Cœur-de-Ville  d'Épinal") == "coeur de ville d epinal"


def test_the_organisation_list_sorts_accented_names_in_french_order(client_for, staff, towns):
    content = client_for(staff).get("/network/organisations/", {"kind": "foreign_city"})
    names = re.findall(r'organisations/\d+/">([^<]+)</a>', content.content.decode())
    assert names == [
        "Dijon",
        "Échirolles",
        "épinal",
        "Évry-Courcouronnes",
        "Fontainebleau",
        "Ziguinchor",
    ]


def test_the_api_lists_organisations_in_french_order(client_for, staff, towns):
    data = client_for(staff).get("/api/network/organisations", {"kind": "foreign_city"}).json()
    assert [o["name"] for o in data["items"]][:2] == ["Dijon", "Échirolles"]


@pytest.mark.parametrize("query", ["epinal", "EPINAL", "Épinal"])
def test_a_search_without_accents_finds_the_accented_name(client_for, staff, towns, query):
    page = client_for(staff).get("/network/organisations/", {"q": query}).content.decode()
    assert "épinal" in page
    api = client_for(staff).get("/api/network/organisations", {"q": query}).json()
    assert [o["name"] for o in api["items"]] == ["épinal"]


def test_a_renamed_organisation_gets_its_new_key(staff, towns):
    dijon = towns[2]
    services.check_update_organisation(dijon, actor=staff, name="Étampes")
    dijon.refresh_from_db()
    assert dijon.name_key == "etampes"


def test_people_are_searched_and_sorted_without_regard_to_accents(client_for, staff, caen):
    for last in ("Zola", "Émery", "Dupont"):
        PersonFactory(last_name=last, first_name="Anne", organisation=caen)
    client = client_for(staff)
    page = client.get("/network/people/").content.decode()
    assert page.index("Dupont") < page.index("Émery") < page.index("Zola")
    api = client.get("/api/network/people", {"q": "emery"}).json()
    assert [p["last_name"] for p in api["items"]] == ["Émery"]
    assert "Émery" in client.get("/network/people/", {"q": "EMERY"}).content.decode()


def test_partnerships_are_found_by_a_partner_name_typed_without_accents(client_for, staff, caen):
    from cityties.network.services import partnerships as svc

    epinal = OrganisationFactory(name="Ville d'Épinal")
    svc.check_create_partnership(actor=staff, members=[caen, epinal], kind="twinning")
    page = client_for(staff).get("/network/partnerships/", {"partner": "epinal"}).content.decode()
    assert "1 partenariat" in page or "1 partnership" in page


def test_country_filters_are_sorted_by_name_in_the_readers_language():
    with translation.override("fr"):
        assert [name for _code, name in countries_by_name(["DE", "EG", "ES", "AE"])] == [
            "Allemagne",
            "Égypte",
            "Émirats arabes unis",
            "Espagne",
        ]
    with translation.override("en"):
        assert [code for code, _name in countries_by_name(["DE", "EG", "ES"])] == ["EG", "DE", "ES"]
