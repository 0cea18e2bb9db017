"""A delegation led by Caen to a summit three weeks away, with Soyhuce (sponsored by
Caen) and Tours among its participants, and its reception."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cityties.delegations import services as delegation_services
from cityties.events.tests.factories import make_event

from .. import services as svc
from .factories import make_reception


@pytest.fixture
def delegation(caen, staff):
    start = timezone.now() + timedelta(days=19)
    event = make_event(caen, starts_at=start, ends_at=start + timedelta(days=3))
    return delegation_services.check_create_delegation(
        actor=staff, title="Délégation française à Pittsburgh", event=event, lead=caen
    )


@pytest.fixture
def soyhuce(delegation, company, caen, staff):
    return delegation_services.check_add_company(
        delegation, actor=staff, company=company, sponsor=caen
    )


@pytest.fixture
def tours_city(delegation, tours, staff):
    return delegation_services.ensure_government(delegation, actor=staff, organisation=tours)


@pytest.fixture
def reception(delegation, staff):
    return make_reception(delegation, actor=staff, capacity=50, plus_ones_allowed=2)


@pytest.fixture
def quota(reception, soyhuce, staff):
    return svc.check_set_quota(reception, actor=staff, participant=soyhuce, size=5)


@pytest.fixture
def guest(quota, company_rep):
    return svc.check_add_guest(
        quota,
        actor=company_rep,
        fields={
            "name": "José Martínez",
            "organisation": "City of Pittsburgh",
            "function": "Director of innovation",
            "email": "jose@pittsburgh.example",
            "language": "en",
        },
    )


@pytest.fixture
def mail_cards(django_capture_on_commit_callbacks):
    """Send the cards as a committed request would: the mails go out after the commit."""

    def send(invitations, *, actor, **options):
        with django_capture_on_commit_callbacks(execute=True):
            return svc.check_send_cards(invitations, actor=actor, **options)

    return send
