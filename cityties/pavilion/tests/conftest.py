from __future__ import annotations

import pytest

from cityties.delegations import services as delegation_services
from cityties.events.tests.factories import make_event

from .factories import make_village


@pytest.fixture
def delegation(caen, staff):
    event = make_event(caen, visibility="network")
    return delegation_services.check_create_delegation(
        actor=staff, title="Village français à Pittsburgh", event=event, lead=caen
    )


@pytest.fixture
def village(delegation, staff, caen, tours, company):
    return make_village(delegation, actor=staff, caen=caen, tours=tours, company=company)
