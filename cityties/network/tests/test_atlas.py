"""The atlas: filters, data endpoint, public page and constant query counts."""

from __future__ import annotations

from typing import Any, cast

import pytest
from django.core.cache import cache
from django.urls import reverse

from cityties.network import services
from cityties.network.models import Organisation, Partnership, Theme
from cityties.network.tests.factories import OrganisationFactory, make_partnership

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def org(name: str, country: str = "US", **kwargs: Any) -> Organisation:
    defaults = {"kind": "foreign_city", "latitude": 36.0, "longitude": -86.0}
    return cast(
        Organisation, OrganisationFactory(name=name, country=country, **(defaults | kwargs))
    )


def tie(title: str, *members: Organisation, archived: bool = False, **values: Any) -> Partnership:
    partnership = make_partnership(None, *members, title=title, **values)
    if archived:
        services.check_archive_partnership(partnership, actor=None)
    return partnership


@pytest.fixture
def network(caen, tours):
    economy = Theme.objects.create(code="economy", label_fr="Économie", label_en="Economy")
    nashville = org("Nashville")
    atlanta = org("Atlanta")
    tel_aviv = org("Tel Aviv", "IL", latitude=32.08, longitude=34.78)
    return {
        "caen_nashville": tie(
            "Caen - Nashville", caen, nashville, is_public=True, themes=[economy]
        ),
        "tours_trio": tie(
            "Tours - Atlanta - Tel Aviv",
            tours,
            atlanta,
            tel_aviv,
            kind="cooperation",
            status="dormant",
        ),
        "tours_private": tie("Tours - Nashville (private)", tours, nashville, is_shared=False),
        "archived": tie("Archived", caen, atlanta, is_public=True, archived=True),
        "public_unshared": tie(
            "Public but unshared", caen, tel_aviv, is_public=True, is_shared=False
        ),
    }


def titles(payload: dict[str, Any]) -> set[str]:
    return {p[1] for p in payload["partnerships"]}


def test_atlas_page_needs_login(client):
    response = client.get(reverse("network:atlas"))
    assert response.status_code == 302
    assert client.get(reverse("network:atlas_data")).status_code == 302


def test_atlas_page_shows_map_filters_table_and_export_links(client_for, caen_officer, network):
    response = client_for(caen_officer).get(reverse("network:atlas"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="atlas-map"' in html
    assert "Caen - Nashville" in html
    assert reverse("network:atlas_export", args=["xlsx"]) in html
    for name in ("country", "theme", "kind", "status", "member"):
        assert f'for="id_{name}"' in html
    assert "style=" not in html  # the CSP forbids inline styles


def test_officer_sees_shared_and_own_private_partnerships(client_for, tours_officer, network):
    payload = client_for(tours_officer).get(reverse("network:atlas_data")).json()
    assert titles(payload) == {
        "Caen - Nashville",
        "Tours - Atlanta - Tel Aviv",
        "Tours - Nashville (private)",
    }


def test_another_officer_never_sees_a_private_partnership(client_for, caen_officer, network):
    client = client_for(caen_officer)
    payload = client.get(reverse("network:atlas_data")).json()
    assert "Tours - Nashville (private)" not in titles(payload)
    assert (
        "Tours - Nashville (private)" not in client.get(reverse("network:atlas")).content.decode()
    )


def test_data_endpoint_lists_partners_with_coordinates(client_for, staff, network):
    payload = client_for(staff).get(reverse("network:atlas_data"), {"kind": "cooperation"}).json()
    assert payload["count"] == 1
    _pk, title, kind, status, _year, members = payload["partnerships"][0]
    assert (title, kind, status) == ("Tours - Atlanta - Tel Aviv", "cooperation", "dormant")
    assert len(members) == 3
    assert {o[1] for o in payload["organisations"]} == {"Ville de Tours", "Atlanta", "Tel Aviv"}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"country": "IL"}, {"Tours - Atlanta - Tel Aviv", "Public but unshared"}),
        ({"theme": "economy"}, {"Caen - Nashville"}),
        ({"status": "dormant"}, {"Tours - Atlanta - Tel Aviv"}),
        ({"member": "caen"}, {"Caen - Nashville", "Public but unshared"}),
        (
            {"country": "US", "kind": "twinning"},
            {"Caen - Nashville", "Tours - Nashville (private)"},
        ),
        ({"country": "ZZZ-forged"}, None),
    ],
)
def test_filters(client_for, staff, network, filters, expected):
    payload = client_for(staff).get(reverse("network:atlas_data"), filters).json()
    everything = {p.title for p in Partnership.objects.filter(archived_at=None)}
    assert titles(payload) == (everything if expected is None else expected)


def test_public_atlas_needs_no_login_and_shows_only_public_shared_partnerships(client, network):
    response = client.get(reverse("network:atlas_public"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Caen - Nashville" in html
    for hidden in ("Tours - Atlanta", "private", "Archived", "Public but unshared"):
        assert hidden not in html
    payload = client.get(reverse("network:atlas_public_data")).json()
    assert titles(payload) == {"Caen - Nashville"}


def test_public_atlas_holds_no_personal_data(client, caen, network):
    from cityties.network.tests.factories import PersonFactory

    PersonFactory(
        organisation=caen, first_name="Joël", last_name="Bruneau", email="joel@caen.example"
    )
    for name in ("atlas_public", "atlas_public_data"):
        body = client.get(reverse(f"network:{name}")).content.decode()
        assert "Bruneau" not in body
        assert "@" not in body.split("<body", 1)[-1] or "joel@caen.example" not in body


def test_public_page_does_not_link_to_private_detail_pages(client, network):
    html = client.get(reverse("network:atlas_public")).content.decode()
    assert "/network/partnerships/" not in html


def build(count: int, offset: int) -> None:
    paris = org(f"Paris {offset}", "FR")
    themes = [
        Theme.objects.create(code=f"t{offset}-{i}", label_fr="T", label_en="T") for i in range(2)
    ]
    for i in range(count):
        partner = org(f"Partner {offset}-{i}")
        tie(f"Tie {offset}-{i}", paris, partner, themes=themes)


@pytest.mark.parametrize(
    "page", ["network:atlas_data", "network:atlas", "network:atlas_public_data"]
)
def test_query_count_does_not_grow_with_rows(
    client_for, staff, page, django_assert_max_num_queries, django_assert_num_queries
):
    client = client_for(staff)
    build(3, 0)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse(page)).status_code == 200
    build(40, 1)
    with django_assert_max_num_queries(len(small)):
        assert client.get(reverse(page)).status_code == 200


def test_data_endpoint_stays_within_a_few_queries(client_for, staff, django_assert_max_num_queries):
    build(30, 0)
    client = client_for(staff)
    client.get(reverse("network:atlas_data"))  # warm the session and user caches
    with django_assert_max_num_queries(12):
        client.get(reverse("network:atlas_data"))


def test_map_data_follows_changes_despite_the_cache(client_for, staff, caen, network):
    client = client_for(staff)
    before = client.get(reverse("network:atlas_data")).json()
    tie("New tie", caen, org("Boston"))
    assert "New tie" in titles(client.get(reverse("network:atlas_data")).json())
    services.check_update_partnership(
        network["caen_nashville"],
        actor=None,
        **services.partnership_values(network["caen_nashville"]) | {"title": "Renamed"},
    )
    after = titles(client.get(reverse("network:atlas_data")).json())
    assert "Renamed" in after and len(after) == len(titles(before)) + 1


def test_cached_map_data_is_never_shared_between_scopes(client_for, staff, caen_officer, network):
    assert "Tours - Nashville (private)" in titles(
        client_for(staff).get(reverse("network:atlas_data")).json()
    )
    assert "Tours - Nashville (private)" not in titles(
        client_for(caen_officer).get(reverse("network:atlas_data")).json()
    )
    from django.test import Client

    assert "Tours - Nashville (private)" not in titles(
        Client().get(reverse("network:atlas_public_data")).json()
    )


def test_officers_who_see_the_same_partnerships_share_the_cached_map(
    client_for, company_rep, network
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cityties.accounts.models import Role
    from cityties.accounts.tests.factories import MembershipFactory, UserFactory

    # An officer of a member commune with no private partnership sees what the company
    # representative sees: the shared ones.
    officer = UserFactory(email="lille@example.org")
    MembershipFactory(
        user=officer, organisation=org("Ville de Lille", "FR"), role=Role.MEMBER_OFFICER
    )
    first, second = client_for(company_rep), client_for(officer)
    first.get(reverse("network:atlas"))  # warm the sessions
    second.get(reverse("network:atlas"))
    with CaptureQueriesContext(connection) as building:
        built = first.get(reverse("network:atlas_data")).json()
    with CaptureQueriesContext(connection) as reading:
        read = second.get(reverse("network:atlas_data")).json()
    assert read == built
    assert len(reading) < len(building)


def test_cached_map_is_not_shared_with_an_officer_who_sees_a_private_partnership(
    client_for, company_rep, tours_officer, network
):
    client_for(company_rep).get(reverse("network:atlas_data"))
    assert "Tours - Nashville (private)" in titles(
        client_for(tours_officer).get(reverse("network:atlas_data")).json()
    )


def test_export_follows_changes_despite_the_cache(client_for, staff, network):
    client = client_for(staff)
    url = reverse("network:atlas_export", args=["csv"])
    assert "Renamed" not in client.get(url).content.decode()
    services.check_update_partnership(
        network["caen_nashville"],
        actor=None,
        **services.partnership_values(network["caen_nashville"]) | {"title": "Renamed"},
    )
    assert "Renamed" in client.get(url).content.decode()


def test_cached_export_is_never_shared_between_scopes(client_for, staff, caen_officer, network):
    url = reverse("network:atlas_export", args=["csv"])
    assert "Tours - Nashville (private)" in client_for(staff).get(url).content.decode()
    assert "Tours - Nashville (private)" not in client_for(caen_officer).get(url).content.decode()


def country_options(client) -> list[str]:
    page = client.get(reverse("network:partnership_list")).content.decode()
    select = page[
        page.index('id="f-country"') : page.index("</select>", page.index('id="f-country"'))
    ]
    return [option.split('"')[0] for option in select.split('<option value="')[2:]]


def test_list_country_filter_follows_new_partners_despite_the_cache(
    client_for, staff, caen, network
):
    client = client_for(staff)
    assert "JP" not in country_options(client)
    tie("Caen - Kyoto", caen, org("Kyoto", "JP", latitude=35.0, longitude=135.7))
    assert "JP" in country_options(client)


def test_list_country_filter_never_shows_the_countries_of_unseen_partnerships(
    client_for, staff, caen_officer, tours, network
):
    tie(
        "Tours - Kyoto (private)",
        tours,
        org("Kyoto", "JP", latitude=35.0, longitude=135.7),
        is_shared=False,
    )
    assert "JP" in country_options(client_for(staff))
    assert "JP" not in country_options(client_for(caen_officer))
