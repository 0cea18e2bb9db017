"""The public progress page: no login, French or English, the figures of the records, a
private pledge counted but not named, a fixed number of queries, cached until a change."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cityties.network.tests.factories import OrganisationFactory
from cityties.solidarity import services as svc

pytestmark = pytest.mark.django_db
D = Decimal


def _page(client, world, language: str = "fr") -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(f"/solidarity/public/funds/{world.fund.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_anyone_reads_the_figures_in_french(world, client_for):
    text = _page(client_for(None), world)
    assert "2 collectivités" in text
    assert "55\u202f000,00\xa0€" in text and "20\u202f000,00\xa0€" in text
    assert "Pompes de drainage du Lower Ninth Ward" in text and "40 %" in text


def test_and_in_english(world, client_for):
    text = _page(client_for(None), world, "en")
    assert "2 governments" in text and "€55,000.00" in text
    assert "Lower Ninth Ward drainage pumps" in text
    assert "and 1 other government, which asked not to be named" in text


def test_a_private_pledge_is_counted_but_not_named(world, client_for):
    text = _page(client_for(None), world)
    assert "Ville de Tours" in text and "15\u202f000,00\xa0€" in text
    assert "Ville de Caen" not in text and ">40\u202f000,00" not in text
    assert "et 1 autre collectivité, qui a demandé à ne pas être nommée" in text


def test_the_page_follows_a_payment(world, client_for, staff):
    client = client_for(None)
    assert "20\u202f000,00\xa0€" in _page(client, world)
    svc.check_add_payment(
        world.caen_pledge,
        actor=staff,
        paid_on=date(2016, 11, 2),
        amount=D("20000.00"),
        channel="faceco",
    )
    assert "40\u202f000,00\xa0€" in _page(client, world)


def test_a_fund_without_a_public_page_is_not_found(world, client_for, staff):
    svc.check_update_fund(world.fund, actor=staff, fields={"is_public": False})
    assert client_for(None).get(f"/solidarity/public/funds/{world.fund.pk}/").status_code == 404


def _queries(client, world) -> int:
    with CaptureQueriesContext(connection) as captured:
        _page(client, world)
    return len(captured)


def test_a_cached_visit_costs_one_query(world, client_for):
    client = client_for(None)
    _page(client, world)
    assert _queries(client, world) == 1


def test_the_queries_do_not_grow_with_the_pledges(world, client_for, staff):
    svc.check_update_fund(world.fund, actor=staff, fields={"title_en": "Louisiana floods"})
    small = _queries(client_for(None), world)
    for i in range(15):
        svc.check_create_pledge(
            world.fund,
            actor=staff,
            member=OrganisationFactory(name=f"Commune {i}"),
            amount=D("100.00"),
            legal_basis="humanitarian",
            pledged_on=date(2016, 9, 3),
            is_private=i % 3 == 0,
        )
    assert _queries(client_for(None), world) == small == 4
