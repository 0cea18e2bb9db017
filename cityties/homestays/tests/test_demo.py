"""The demo: Nashville 2015's families of Caen's delegation, confirmed; Pittsburgh 2016's
families offered through the Pennsylvania contacts, assigned but not yet confirmed."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from cityties.accounts.models import User
from cityties.delegations.models import Delegation

from ..models import Family, FamilyStatus, Placement, Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_data):
    return {
        "nashville": Plan.objects.get(delegation__title__contains="Nashville"),
        "pittsburgh": Plan.objects.get(delegation__title__contains="Pittsburgh"),
    }


def test_nashville_families_came_through_the_twin_city_and_are_confirmed(demo):
    plan = demo["nashville"]
    families = Family.objects.filter(plan=plan)
    assert families.count() == 3
    assert {f.via.name for f in families} == {
        "Metropolitan Government of Nashville and Davidson County"
    }
    assert all(f.status == FamilyStatus.CONFIRMED for f in families)
    assert plan.is_confirmed
    assert Placement.objects.filter(guest__plan=plan).count() >= 4


def test_pittsburgh_families_came_through_pennsylvania_one_awaiting_its_checks(demo):
    plan = demo["pittsburgh"]
    families = Family.objects.filter(plan=plan)
    assert {f.via.name for f in families} == {"Commonwealth of Pennsylvania"}
    assert families.filter(status=FamilyStatus.REGISTERED).count() == 1
    assert not plan.is_confirmed
    run = plan.runs.get()
    assert run.status == "done" and run.stats["placed"] >= 8


def test_the_demo_loads_twice_without_change(demo):
    before = (Family.objects.count(), Placement.objects.count())
    call_command("demo", "--quiet")
    assert (Family.objects.count(), Placement.objects.count()) == before


def test_the_lead_reads_the_pittsburgh_assignment(demo, client_for):
    lead = client_for(User.objects.get(email="caen@cityties.example.org"))
    delegation = Delegation.objects.get(pk=demo["pittsburgh"].delegation_id)
    page = lead.get(f"/homestays/delegations/{delegation.pk}/")
    assert page.status_code == 200
    assert "The Kowalski family" in page.content.decode()
