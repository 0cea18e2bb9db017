from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from cityties.delegations import services as delegation_services
from cityties.delegations.models import Delegate, Delegation
from cityties.events.tests.factories import make_event
from cityties.network.tests.factories import PersonFactory

from .. import services as svc
from ..models import Plan


@dataclass
class Trip:
    delegation: Delegation
    plan: Plan
    mayor: Delegate
    officer: Delegate
    founder: Delegate
    rep: Delegate


@pytest.fixture
def trip(caen, company, staff, company_rep) -> Trip:
    """Caen's delegation to Pittsburgh: the mayor (elected), a staff officer, a founder and
    Soyhuce's representative (who has an account)."""
    event = make_event(caen, visibility="network")
    delegation = delegation_services.check_create_delegation(
        actor=staff, title="Délégation à Pittsburgh", event=event, lead=caen
    )
    city = delegation_services.ensure_government(delegation, actor=staff, organisation=caen)
    firm = delegation_services.check_add_company(
        delegation, actor=staff, company=company, sponsor=caen
    )

    def delegate(participant: Any, role: str, **person: Any) -> Delegate:
        return delegation_services.check_add_delegate(
            participant, actor=staff, person=PersonFactory(**person), role=role
        )

    mayor = delegate(
        city,
        "elected",
        organisation=caen,
        first_name="Hervé",
        last_name="Lemarchand",
        civility="mr",
        email="herve@caen.example",
        languages="fr",
    )
    officer = delegate(
        city,
        "staff",
        organisation=caen,
        first_name="Claire",
        last_name="Vautier",
        civility="ms",
        email="claire@caen.example",
        languages="fr,en",
    )
    founder = delegate(
        firm,
        "company",
        organisation=company,
        first_name="Sarah",
        last_name="Cohen",
        civility="ms",
        email="sarah@soyhuce.example",
        languages="en,fr",
    )
    rep = delegate(
        firm,
        "company",
        organisation=company,
        first_name="Antoine",
        last_name="Girard",
        civility="mr",
        email="rep@example.org",
        languages="fr,en",
        user=company_rep,
    )
    return Trip(delegation, svc.plan_of(delegation), mayor, officer, founder, rep)
