"""The demo scenario's partnerships: what the minutes name, loaded once however often run."""

from __future__ import annotations

from decimal import Decimal

import pytest
from auditlog.models import LogEntry

from cityties.network import demo
from cityties.network import services as svc
from cityties.network.models import Activity, Partnership, Theme


@pytest.fixture
def loaded(db):
    return demo.load()


def by_title_start(start: str) -> Partnership:
    return Partnership.objects.get(title__startswith=start)


def test_demo_loads_the_themes_in_both_languages(loaded):
    memory = Theme.objects.get(code="memory")
    assert (memory.label_fr, memory.label_en) == ("mémoire", "memory")
    assert Theme.objects.filter(code="emergency_management").exists()


def test_demo_tripartite_has_three_partners(loaded):
    tripartite = Partnership.objects.get(memberships__organisation=loaded["tel_aviv"])
    assert {org.pk for org in tripartite.members.all()} == {
        loaded["toulouse"].pk,
        loaded["atlanta"].pk,
        loaded["tel_aviv"].pk,
    }
    assert tripartite.cost_sharing == "visitor_travel_host_hospitality"


def test_demo_caen_2015_mission_figures(loaded):
    caen_nashville = Partnership.objects.get(
        memberships__organisation=loaded["nashville"], kind="twinning"
    )
    assert caen_nashville.signed_on.year == 1991
    year_2015 = next(y for y in svc.yearly_indicators(caen_nashville) if y.year == 2015)
    assert (year_2015.companies, year_2015.contracts) == (3, 1)
    assert year_2015.budgets["USD"] == Decimal("6000.00")


def test_demo_has_private_partnerships_for_the_permission_story(loaded):
    private = Partnership.objects.filter(is_shared=False)
    assert private.exists()
    assert not private.filter(is_public=True).exists()


def test_demo_saint_etienne_pittsburgh_is_dormant(loaded):
    assert (
        Partnership.objects.get(memberships__organisation=loaded["saint_etienne"]).status
        == "dormant"
    )


def test_demo_load_is_idempotent(loaded):
    counts = (Partnership.objects.count(), Activity.objects.count(), LogEntry.objects.count())
    demo.load()
    after = (Partnership.objects.count(), Activity.objects.count(), LogEntry.objects.count())
    assert after == counts
