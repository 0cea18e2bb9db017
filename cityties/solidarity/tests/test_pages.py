"""The pages in use: a fund with its figures, a pledge with its payments, the budgets with
their headroom, a project with its reports, a need with its ranked offers."""

from __future__ import annotations

from decimal import Decimal

import pytest

pytestmark = pytest.mark.django_db
D = Decimal


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/solidarity/",
        "/solidarity/crises/{crisis}/",
        "/solidarity/funds/{fund}/",
        "/solidarity/pledges/{caen_pledge}/",
        "/solidarity/projects/{project}/",
        "/solidarity/expertise/",
        "/solidarity/expertise/needs/{need}/",
        "/solidarity/crises/new/",
        "/solidarity/crises/{crisis}/edit/",
        "/solidarity/crises/{crisis}/funds/new/",
        "/solidarity/funds/{fund}/edit/",
        "/solidarity/funds/{fund}/pledge/",
        "/solidarity/pledges/{caen_pledge}/edit/",
        "/solidarity/pledges/{caen_pledge}/decision/",
        "/solidarity/funds/{fund}/projects/new/",
        "/solidarity/projects/{project}/edit/",
        "/solidarity/projects/{project}/reports/new/",
        "/solidarity/expertise/offers/new/",
        "/solidarity/expertise/offers/{offer}/edit/",
        "/solidarity/expertise/needs/new/",
        "/solidarity/expertise/needs/{need}/edit/",
    ],
)
def test_staff_open_every_page(world, client_for, staff, path):
    ids = {name: getattr(world, name).pk for name in world.__dataclass_fields__}
    _text(client_for(staff).get(path.format(**ids)))


def test_the_fund_page_shows_the_totals(world, client_for, tours_officer):
    text = _text(client_for(tours_officer).get(f"/solidarity/funds/{world.fund.pk}/"))
    assert "2 collectivités" in text and "55\u202f000,00\xa0€" in text
    # Tours reads its own pledge, not Caen's private one.
    assert f"pledge-{world.tours_pledge.pk}" in text
    assert f"pledge-{world.caen_pledge.pk}" not in text


def test_the_budgets_page_shows_the_headroom(world, client_for, caen_officer, caen):
    text = _text(client_for(caen_officer).get(f"/solidarity/members/{caen.pk}/budgets/"))
    # Sanitation: 1 % of 8 250 000 less Caen's 40 000 pledge.
    assert "42\u202f500,00\xa0€" in text and "124\u202f800,00\xa0€" in text


def test_the_need_page_ranks_the_offer_with_its_reasons(world, client_for, staff):
    text = _text(client_for(staff).get(f"/solidarity/expertise/needs/{world.need.pk}/"))
    assert "Gestion de crise" in text and "langues communes : anglais" in text


def test_the_fund_page_queries_do_not_grow_with_the_pledges(world, client_for, staff):
    from datetime import date

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cityties.network.tests.factories import OrganisationFactory
    from cityties.solidarity import services as svc

    client = client_for(staff)
    path = f"/solidarity/funds/{world.fund.pk}/"
    client.get(path)
    with CaptureQueriesContext(connection) as before:
        client.get(path)
    for i in range(12):
        svc.check_create_pledge(
            world.fund,
            actor=staff,
            member=OrganisationFactory(name=f"Commune {i}"),
            amount=D("100.00"),
            legal_basis="humanitarian",
            pledged_on=date(2016, 9, 3),
        )
    with CaptureQueriesContext(connection) as after:
        assert client.get(path).status_code == 200
    assert len(after) == len(before)


def test_an_officer_finds_its_water_budgets_from_every_page(world, client_for, caen_officer, caen):
    text = _text(client_for(caen_officer).get(f"/solidarity/projects/{world.project.pk}/"))
    assert f'href="/solidarity/members/{caen.pk}/budgets/"' in text
