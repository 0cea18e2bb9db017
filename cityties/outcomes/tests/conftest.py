"""The village of the pavilion's tests (five companies of Caen, Tours and Toulouse on two
stands, an export-agency rule) with the ministry funding it, and its outcomes."""

from __future__ import annotations

from datetime import date

import pytest

from cityties.delegations import services as delegation_services
from cityties.events.tests.factories import make_event
from cityties.pavilion.tests.factories import make_village

from .factories import Outcomes, make_outcomes


@pytest.fixture
def delegation(caen, staff):
    event = make_event(caen, visibility="network")
    return delegation_services.check_create_delegation(
        actor=staff, title="Village français à Pittsburgh", event=event, lead=caen
    )


@pytest.fixture
def village(delegation, staff, caen, tours, company, ministry):
    found = make_village(delegation, actor=staff, caen=caen, tours=tours, company=company)
    delegation_services.check_add_supporter(
        delegation, actor=staff, organisation=ministry, role="funder"
    )
    return found


@pytest.fixture
def outcomes(village, staff) -> Outcomes:
    return make_outcomes(village, actor=staff)


@pytest.fixture
def today() -> date:
    return date(2017, 2, 1)
