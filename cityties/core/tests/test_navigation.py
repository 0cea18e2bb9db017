"""The navigation opens for its audience (every URL x persona is in the url_matrix tests)."""

import re

import pytest

from cityties.core.navigation import AREAS

pytestmark = pytest.mark.django_db


def test_every_navigation_entry_opens_for_its_audience(client_for, staff, caen_officer):
    for user in (staff, caen_officer):
        client = client_for(user)
        for area in AREAS:
            if area.staff_only and user is caen_officer:
                continue
            response = client.get(area.url)
            assert response.status_code == 200, (area.slug, response.status_code)


def test_staff_only_entries_are_hidden_from_members(client_for, caen_officer):
    content = client_for(caen_officer).get("/dashboard/").content.decode()
    for area in AREAS:
        if area.staff_only:
            assert f'href="{area.url}"' not in content


def test_the_menu_lists_only_areas_that_exist(client_for, staff):
    content = client_for(staff).get("/dashboard/").content.decode()
    nav = content[content.index('id="main-nav-list"') :]
    nav = nav[: nav.index("</ul>")]
    links = re.findall(r'href="([^"]+)"', nav)
    assert links == [
        "/dashboard/",
        "/network/organisations/",
        "/network/partnerships/",
        "/calendar/",
        "/meetings/",
        "/delegations/",
        "/matchmaking/",
        "/solidarity/",
        "/outcomes/",
        "/accounts/users/",
    ]
