"""Country group pages: members, roles, partnerships of members in the group's country."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cityties.network import services
from cityties.network.tests.factories import (
    CountryGroupFactory,
    OrganisationFactory,
    PersonFactory,
    make_partnership,
)


@pytest.fixture
def us_group(federation, caen, tours):
    group = CountryGroupFactory(name="Groupe-pays États-Unis", country="US", federation=federation)
    group.members.add(caen, tours)
    return group


def partnership(title, *orgs, shared=True):
    return make_partnership(None, *orgs, title=title, is_shared=shared)


def shown(response) -> list[str]:
    return [p.title for p in response.context["partnerships"]]


def test_group_page_lists_members_and_roles(client_for, viewer, us_group, caen):
    president = PersonFactory(first_name="Joël", last_name="Bruneau", organisation=caen)
    services.check_set_group_president(us_group, president, actor=None)
    html = client_for(viewer).get(reverse("network:group_detail", args=[us_group.pk])).content
    assert "Ville de Tours" in html.decode()
    assert "Joël Bruneau" in html.decode()


def test_group_page_shows_members_partnerships_in_its_country(client_for, viewer, us_group, caen):
    nashville = OrganisationFactory(name="Nashville", country="US", kind="foreign_city")
    hamburg = OrganisationFactory(name="Hamburg", country="DE", kind="foreign_city")
    partnership("Caen-Nashville", caen, nashville)
    partnership("Caen-Hamburg", caen, hamburg)
    partnership("Lyon-Nashville", OrganisationFactory(name="Lyon"), nashville)
    response = client_for(viewer).get(reverse("network:group_detail", args=[us_group.pk]))
    assert shown(response) == ["Caen-Nashville"]


def test_group_page_hides_private_partnerships_of_others(
    client_for, tours_officer, caen_officer, us_group, caen
):
    nashville = OrganisationFactory(name="Nashville", country="US", kind="foreign_city")
    partnership("Caen-Nashville", caen, nashville, shared=False)
    url = reverse("network:group_detail", args=[us_group.pk])
    assert shown(client_for(tours_officer).get(url)) == []
    assert shown(client_for(caen_officer).get(url)) == ["Caen-Nashville"]


def test_group_page_says_none_yet_for_events_and_action_items(client_for, viewer, us_group):
    html = client_for(viewer).get(reverse("network:group_detail", args=[us_group.pk])).content
    assert html.decode().count("Rien pour l") >= 2


def test_group_page_query_count_does_not_grow_with_rows(client_for, viewer, us_group):
    client = client_for(viewer)
    url = reverse("network:group_detail", args=[us_group.pk])

    def add(n):
        for _ in range(n):
            member = OrganisationFactory()
            us_group.members.add(member)
            partnership(f"P{member.pk}", member, OrganisationFactory(country="US"))

    add(5)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(30)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_group_list_shows_member_counts(client_for, viewer, us_group):
    response = client_for(viewer).get(reverse("network:group_list"))
    assert [g.n_members for g in response.context["groups"]] == [2]


def test_staff_sets_the_president_through_the_edit_page(client_for, staff, us_group, caen, tours):
    person = PersonFactory(organisation=caen)
    url = reverse("network:group_edit", args=[us_group.pk])
    data = {"name": us_group.name, "country": us_group.country, "members": [caen.pk, tours.pk]}
    data |= {"president": person.pk, "staff_lead": ""}
    assert client_for(staff).post(url, data).status_code == 302
    us_group.refresh_from_db()
    assert us_group.president == person


def test_a_refused_group_edit_changes_nothing(client_for, staff, us_group, caen, tours):
    person = PersonFactory(organisation=caen)
    url = reverse("network:group_edit", args=[us_group.pk])
    # Removing Caen while making a Caen person president is refused as a whole.
    data = {"name": us_group.name, "country": us_group.country, "members": [tours.pk]}
    data |= {"president": person.pk, "staff_lead": ""}
    response = client_for(staff).post(url, data)
    assert response.status_code == 200
    assert set(us_group.members.all()) == {caen, tours}


def test_officer_cannot_edit_a_group(client_for, caen_officer, us_group):
    url = reverse("network:group_edit", args=[us_group.pk])
    assert client_for(caen_officer).get(url).status_code == 403
