"""The demo pavilions: Nashville's three stands at USD 2,000, Pittsburgh's village of
three stands shared by six companies of four members, with its two funders' rules."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cityties.accounts.models import User
from cityties.delegations.models import Delegation, Participant
from cityties.pavilion import services as svc
from cityties.pavilion.models import CostItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_data):
    return {
        "nashville": Delegation.objects.get(title__contains="Nashville"),
        "pittsburgh": Delegation.objects.get(title__contains="Pittsburgh"),
    }


def test_nashville_had_three_usd_stands_one_startup_each(demo):
    stands = CostItem.objects.filter(delegation=demo["nashville"], kind="stand")
    assert [(s.planned_amount, s.currency, s.shares.count()) for s in stands] == [
        (Decimal("2000.00"), "USD", 1)
    ] * 3


def test_pittsburgh_shares_three_stands_between_six_companies_of_four_members(demo):
    pittsburgh = demo["pittsburgh"]
    stands = CostItem.objects.filter(delegation=pittsburgh, kind="stand")
    companies = Participant.objects.filter(cost_shares__item__in=stands, kind="company").distinct()
    assert stands.count() == 3 and companies.count() == 6
    assert {c.sponsor.name for c in companies} == {
        "Ville de Caen",
        "Toulouse Métropole",
        "Ville de Tours",
        "Conseil régional d'Auvergne-Rhône-Alpes",
    }


def test_the_demo_funding_plan_balances_with_both_funders(demo):
    figures = svc.compute(svc.load(demo["pittsburgh"]))
    assert figures.error is None and figures.balanced
    funders = {f.organisation.name: f for f in figures.funders}
    assert funders["Business France"].subsidies == Decimal("5000.00")  # its cap for the event
    assert funders["Conseil régional d'Auvergne-Rhône-Alpes"].subsidies > 0


def test_a_demo_company_reads_its_costs_and_no_one_elses(demo, client_for):
    rep = client_for(User.objects.get(email="soyhuce@cityties.example.org"))
    pittsburgh = demo["pittsburgh"]
    own = Participant.objects.get(delegation=pittsburgh, organisation__name="Soyhuce")
    other = Participant.objects.get(delegation=pittsburgh, organisation__name="Starnav")
    assert rep.get(f"/pavilion/participants/{own.pk}/").status_code == 200
    assert rep.get(f"/pavilion/participants/{other.pk}/").status_code == 403
    lead = client_for(User.objects.get(email="caen@cityties.example.org"))
    for path in ("", "budget/", "budget.xlsx", "rates/"):
        assert lead.get(f"/pavilion/delegations/{pittsburgh.pk}/{path}").status_code == 200
