"""Every URL of the foundation by every role gives the expected status."""

import pytest

from cityties.core.navigation import AREAS
from cityties.network.tests.factories import CountryGroupFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "staff", "caen_officer", "company_rep", "viewer"]
OK, LOGIN, DENIED, UNAUTHORISED = 200, 302, 403, 401

ALL_MEMBERS = {"anonymous": LOGIN, "staff": OK, "caen_officer": OK, "company_rep": OK, "viewer": OK}
STAFF_ONLY = {
    "anonymous": LOGIN,
    "staff": OK,
    "caen_officer": DENIED,
    "company_rep": DENIED,
    "viewer": DENIED,
}
API_MEMBERS = {**ALL_MEMBERS, "anonymous": UNAUTHORISED}
PUBLIC = dict.fromkeys(ROLES, OK)


def _matrix(caen, group) -> list[tuple[str, dict[str, int]]]:
    rows = [
        ("/accounts/login/", {**PUBLIC, **{r: LOGIN for r in ROLES if r != "anonymous"}}),
        ("/accounts/password-reset/", PUBLIC),
        ("/healthz", PUBLIC),
        ("/dashboard/", ALL_MEMBERS),
        ("/accounts/users/", STAFF_ONLY),
        ("/accounts/users/invite/", STAFF_ONLY),
        ("/network/organisations/", ALL_MEMBERS),
        (f"/network/organisations/{caen.pk}/", ALL_MEMBERS),
        (f"/network/groups/{group.pk}/", ALL_MEMBERS),
        ("/api/me", API_MEMBERS),
        ("/api/docs", PUBLIC),
        ("/admin/", dict.fromkeys(ROLES, LOGIN)),
    ]
    for area in AREAS:
        if area.url_name is None:
            rows.append((area.url, STAFF_ONLY if area.staff_only else ALL_MEMBERS))
    return rows


@pytest.mark.parametrize("role", ROLES)
def test_every_foundation_url_answers_each_role_as_expected(role, request, client_for, caen):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    group = CountryGroupFactory()
    client = client_for(user)
    failures = []
    for url, expected in _matrix(caen, group):
        status = client.get(url).status_code
        if status != expected[role]:
            failures.append(f"{url}: {status}, expected {expected[role]}")
    assert not failures, "\n".join(failures)


def test_every_navigation_entry_opens_for_its_audience(client_for, staff, caen_officer):
    for user in (staff, caen_officer):
        client = client_for(user)
        for area in AREAS:
            if area.staff_only and user is caen_officer:
                continue
            response = client.get(area.url)
            assert response.status_code == 200, (area.slug, response.status_code)


def test_an_unknown_coming_area_is_not_found(client_for, staff):
    assert client_for(staff).get("/coming/nowhere/").status_code == 404
