"""A delegation to the 2016 NLC City Summit led by Caen, set up through the services."""

from __future__ import annotations

import pytest

from cityties.delegations import services as svc
from cityties.events.tests.factories import make_event
from cityties.network.tests.factories import OrganisationFactory, PersonFactory


@pytest.fixture
def nlc(db):
    return OrganisationFactory(
        name="National League of Cities", kind="association", country="US", is_member=False
    )


@pytest.fixture
def summit(nlc):
    return make_event(nlc, visibility="public")


@pytest.fixture
def delegation(summit, caen, staff):
    return svc.check_create_delegation(
        actor=staff, title="Délégation française à Pittsburgh", event=summit, lead=caen
    )


@pytest.fixture
def tours_company(tours):
    return OrganisationFactory(name="Touraine Tech", kind="company", is_member=False, sponsor=tours)


@pytest.fixture
def caen_person(caen):
    return PersonFactory(
        organisation=caen,
        first_name="Claire",
        last_name="Vautier",
        email="claire.vautier@example.org",
        languages="fr,en",
    )


@pytest.fixture
def tours_person(tours):
    return PersonFactory(organisation=tours, first_name="Anne", last_name="Delorme")


@pytest.fixture
def company_person(company, company_rep):
    return PersonFactory(
        organisation=company, first_name="Antoine", last_name="Girard", user=company_rep
    )
