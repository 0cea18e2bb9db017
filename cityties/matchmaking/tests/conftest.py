"""Caen leads a delegation to the 2016 NLC City Summit (Pittsburgh) with its officer and
Soyhuce's representative as delegates; the attendee list has two people; Tours takes no
part. Everything is set up through the services."""

from __future__ import annotations

from typing import Any

import pytest

from cityties.events.tests.factories import make_event
from cityties.network.tests.factories import OrganisationFactory

from .factories import make_matchmaking


@pytest.fixture
def nlc(db):
    return OrganisationFactory(
        name="National League of Cities", kind="association", country="US", is_member=False
    )


@pytest.fixture
def summit(nlc):
    return make_event(nlc, visibility="network")


@pytest.fixture
def world(summit, staff, caen, company, caen_officer, company_rep) -> dict[str, Any]:
    return make_matchmaking(
        summit, actor=staff, lead=caen, company=company, lead_user=caen_officer, rep=company_rep
    )
