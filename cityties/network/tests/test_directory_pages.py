"""Organisation pages: list with filters, detail, create, edit, archive."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cityties.network import services
from cityties.network.models import Organisation, Sector
from cityties.network.tests.factories import (
    CountryGroupFactory,
    OrganisationFactory,
    PersonFactory,
)


def list_url(**params) -> str:
    from urllib.parse import urlencode

    return reverse("network:organisation_list") + ("?" + urlencode(params) if params else "")


def names(response) -> list[str]:
    return [org.name for org in response.context["page"]]


# --- list -----------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client_for):
    response = client_for(None).get(list_url())
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_list_hides_archived_organisations(client_for, viewer, caen, tours, staff):
    services.check_archive_organisation(tours, actor=staff)
    assert "Ville de Tours" not in names(client_for(viewer).get(list_url()))


def test_list_filters_by_kind(client_for, viewer, caen, company):
    assert names(client_for(viewer).get(list_url(kind="company"))) == ["Soyhuce"]


def test_list_filters_by_country_and_offers_countries_present(client_for, viewer, caen):
    OrganisationFactory(name="Nashville", kind="foreign_city", country="US", is_member=False)
    response = client_for(viewer).get(list_url(country="US"))
    assert names(response) == ["Nashville"]
    assert ("US", "États-Unis") in response.context["countries"]
    assert "JP" not in dict(response.context["countries"])


def test_list_filters_by_country_group(client_for, viewer, caen, tours, federation):
    group = CountryGroupFactory(country="US", federation=federation)
    group.members.add(caen)
    assert names(client_for(viewer).get(list_url(group=group.pk))) == ["Ville de Caen"]


def test_list_filters_by_sector(client_for, viewer, caen, tours):
    sector = Sector.objects.create(code="health", label_fr="Santé", label_en="Health")
    tours.sectors.add(sector)
    assert names(client_for(viewer).get(list_url(sector=sector.pk))) == ["Ville de Tours"]


def test_list_members_only(client_for, viewer, caen, company):
    assert "Soyhuce" not in names(client_for(viewer).get(list_url(members="1")))


def test_list_searches_names(client_for, viewer, caen, tours):
    assert names(client_for(viewer).get(list_url(q="tour"))) == ["Ville de Tours"]


def test_list_paginates_keeping_filters(client_for, viewer):
    OrganisationFactory.create_batch(55, kind="university")
    response = client_for(viewer).get(list_url(kind="university", page=2))
    assert len(response.context["page"]) == 5
    assert "kind=university&amp;page=1" in response.content.decode()


def test_list_query_count_does_not_grow_with_rows(client_for, viewer, caen):
    client = client_for(viewer)
    sponsor = OrganisationFactory()
    OrganisationFactory.create_batch(5, kind="company", sponsor=sponsor)
    client.get(list_url())  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as few:
        client.get(list_url())
    OrganisationFactory.create_batch(30, kind="company", sponsor=sponsor)
    with CaptureQueriesContext(connection) as many:
        client.get(list_url())
    assert len(many) == len(few)


# --- detail ---------------------------------------------------------------------------


def test_detail_shows_contacts_to_the_organisations_officer(client_for, caen_officer, caen):
    PersonFactory(organisation=caen, email="joel@caen.example", phone="+33 2 31 30 41 00")
    html = client_for(caen_officer).get(reverse("network:organisation_detail", args=[caen.pk]))
    assert "joel@caen.example" in html.content.decode()
    assert "+33 2 31 30 41 00" in html.content.decode()


def test_detail_hides_contacts_from_another_citys_officer(client_for, tours_officer, caen):
    person = PersonFactory(organisation=caen, email="joel@caen.example", phone="+33 2 31 30 41 00")
    response = client_for(tours_officer).get(reverse("network:organisation_detail", args=[caen.pk]))
    html = response.content.decode()
    assert person.full_name in html
    assert "joel@caen.example" not in html
    assert "+33 2 31 30 41 00" not in html


def test_detail_shows_edit_button_only_when_allowed(client_for, caen_officer, tours_officer, caen):
    edit = reverse("network:organisation_edit", args=[caen.pk])
    url = reverse("network:organisation_detail", args=[caen.pk])
    assert edit in client_for(caen_officer).get(url).content.decode()
    assert edit not in client_for(tours_officer).get(url).content.decode()


def test_detail_lists_sponsored_companies_and_groups(client_for, viewer, caen, company, federation):
    group = CountryGroupFactory(name="Groupe-pays États-Unis", country="US", federation=federation)
    group.members.add(caen)
    html = client_for(viewer).get(reverse("network:organisation_detail", args=[caen.pk]))
    assert "Soyhuce" in html.content.decode()
    assert "Groupe-pays États-Unis" in html.content.decode()


def test_detail_of_unknown_organisation_is_404(client_for, viewer):
    assert (
        client_for(viewer).get(reverse("network:organisation_detail", args=[999])).status_code
        == 404
    )


# --- create / edit --------------------------------------------------------------------

FOREIGN = {"name": "Nashville", "kind": "foreign_city", "country": "US", "city": "Nashville"}


def test_officer_creates_a_foreign_partner(client_for, caen_officer):
    response = client_for(caen_officer).post(reverse("network:organisation_create"), FOREIGN)
    org = Organisation.objects.get(name="Nashville")
    assert response.status_code == 302
    assert response["Location"] == reverse("network:organisation_detail", args=[org.pk])


def test_officer_creates_a_company_they_sponsor(client_for, caen_officer, caen):
    data = {"name": "Medtech", "kind": "company", "country": "FR", "sponsor": caen.pk}
    client_for(caen_officer).post(reverse("network:organisation_create"), data)
    assert Organisation.objects.get(name="Medtech").sponsor == caen


def test_officer_cannot_create_a_french_commune(client_for, caen_officer):
    data = {"name": "Ville de Lyon", "kind": "commune", "country": "FR"}
    response = client_for(caen_officer).post(reverse("network:organisation_create"), data)
    assert response.status_code == 200
    assert not Organisation.objects.filter(name="Ville de Lyon").exists()


def test_company_rep_cannot_open_the_create_page(client_for, company_rep):
    assert client_for(company_rep).get(reverse("network:organisation_create")).status_code == 403


def test_creating_a_duplicate_shows_the_existing_record(client_for, staff):
    existing = OrganisationFactory(name="Nashville", kind="foreign_city", country="US")
    data = {**FOREIGN, "name": "NASHVILLE"}
    response = client_for(staff).post(reverse("network:organisation_create"), data)
    assert response.status_code == 200
    assert f"n° {existing.pk}" in response.content.decode()
    assert Organisation.objects.filter(country="US").count() == 1


def edit_data(org: Organisation, **changes) -> dict:
    data = {
        "name": org.name,
        "kind": org.kind,
        "country": org.country,
        "city": org.city,
        "latitude": org.latitude or "",
        "longitude": org.longitude or "",
        "sponsor": org.sponsor_id or "",
        "is_member": "on" if org.is_member else "",
    }
    data.update(changes)
    return data


def test_tours_officer_cannot_edit_caen(client_for, tours_officer, caen):
    url = reverse("network:organisation_edit", args=[caen.pk])
    client = client_for(tours_officer)
    assert client.get(url).status_code == 403
    assert client.post(url, edit_data(caen, city="Tours")).status_code == 403
    caen.refresh_from_db()
    assert caen.city == "Caen"


@pytest.mark.parametrize("persona", ["staff", "caen_officer"])
def test_staff_and_caen_officer_edit_caen(client_for, request, persona, caen):
    user = request.getfixturevalue(persona)
    url = reverse("network:organisation_edit", args=[caen.pk])
    response = client_for(user).post(url, edit_data(caen, description="Normandy"))
    assert response.status_code == 302
    caen.refresh_from_db()
    assert caen.description == "Normandy"


def test_company_rep_edits_their_company(client_for, company_rep, company):
    url = reverse("network:organisation_edit", args=[company.pk])
    data = edit_data(company, description="Citizen-relations app")
    data.pop("kind")
    data.pop("sponsor")
    assert client_for(company_rep).post(url, data).status_code == 302
    company.refresh_from_db()
    assert company.description == "Citizen-relations app"


def test_company_rep_cannot_edit_caen(client_for, company_rep, caen):
    url = reverse("network:organisation_edit", args=[caen.pk])
    assert client_for(company_rep).post(url, edit_data(caen, city="X")).status_code == 403


def test_officer_cannot_make_caen_a_non_member_through_the_form(client_for, caen_officer, caen):
    # The membership box is not offered to officers; the flag is kept as it was.
    url = reverse("network:organisation_edit", args=[caen.pk])
    client_for(caen_officer).post(url, edit_data(caen, is_member=""))
    caen.refresh_from_db()
    assert caen.is_member is True


# --- archive --------------------------------------------------------------------------


def test_staff_archives_and_restores(client_for, staff, tours):
    client = client_for(staff)
    client.post(reverse("network:organisation_archive", args=[tours.pk]))
    tours.refresh_from_db()
    assert tours.archived_at is not None
    client.post(reverse("network:organisation_unarchive", args=[tours.pk]))
    tours.refresh_from_db()
    assert tours.archived_at is None


def test_officer_cannot_archive_their_own_city(client_for, caen_officer, caen):
    url = reverse("network:organisation_archive", args=[caen.pk])
    assert client_for(caen_officer).post(url).status_code == 403


def test_officer_archives_a_company_they_sponsor(client_for, caen_officer, company):
    client_for(caen_officer).post(reverse("network:organisation_archive", args=[company.pk]))
    company.refresh_from_db()
    assert company.archived_at is not None


def test_archive_refuses_get(client_for, staff, tours):
    url = reverse("network:organisation_archive", args=[tours.pk])
    assert client_for(staff).get(url).status_code == 405
