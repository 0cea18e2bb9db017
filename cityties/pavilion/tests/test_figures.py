"""The figures a participant reads: shares to the cent, subsidies with their caps, nets,
and every figure following a change of rate."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from cityties.pavilion import services as svc

pytestmark = pytest.mark.django_db
D = Decimal


def _line(village, key, figures=None):
    figures = figures or svc.compute(svc.load(village.delegation))
    return figures.participant(village.companies[key].pk)


def test_an_equal_split_of_a_usd_stand_adds_up_to_the_cent(village):
    figures = svc.compute(svc.load(village.delegation))
    assert figures.error is None
    stand = next(line for line in figures.items if line.item == village.stands[0])
    assert stand.amount == D("1802.60")
    assert sorted(stand.shares.values()) == [D("600.86"), D("600.87"), D("600.87")]
    assert sum(stand.shares.values()) == stand.amount


def test_an_area_split_follows_the_areas(village):
    figures = svc.compute(svc.load(village.delegation))
    assert _line(village, "loire", figures).gross == D("2403.47")
    assert _line(village, "garonne", figures).gross == D("1201.73")


def test_the_cap_per_company_binds_and_says_so(village):
    line = _line(village, "loire")
    (subsidy,) = line.subsidies
    assert subsidy.amount == D("1000.00")
    assert [bound.code for bound in subsidy.note.bounds] == ["cap_per_participant"]
    assert line.net == D("1403.47")


def test_governments_are_not_eligible_to_a_company_rule(village):
    figures = svc.compute(svc.load(village.delegation))
    caen = figures.participant(village.cities["caen"].pk)
    assert caen.subsidy_total == 0
    assert caen.subsidies[0].note.failed[0].condition == "kind"


def test_the_funding_plan_balances(village):
    figures = svc.compute(svc.load(village.delegation))
    assert figures.balanced
    assert figures.total == D("1802.60") + D("3605.20")


def test_changing_the_rate_changes_every_figure(village, staff):
    before = svc.compute(svc.load(village.delegation))
    svc.check_set_rate(
        village.delegation,
        actor=staff,
        currency="USD",
        rate=D("0.9500"),
        source="BCE",
        on_date=date(2016, 11, 1),
    )
    after = svc.compute(svc.load(village.delegation))
    assert after.total == D("1900.00") + D("3800.00")
    for key in ("soyhuce", "starnav", "capteurs", "garonne"):
        assert _line(village, key, after).net > _line(village, key, before).net
    assert after.balanced


def test_a_covered_part_is_taken_off_before_the_split(village, staff):
    svc.check_set_cover(
        village.stands[0], actor=staff, participant=village.cities["caen"], amount=D("300.00")
    )
    figures = svc.compute(svc.load(village.delegation))
    stand = next(line for line in figures.items if line.item == village.stands[0])
    assert sum(stand.shares.values()) == D("1502.60")
    caen = next(
        f for f in figures.funders if f.organisation.pk == village.cities["caen"].organisation_id
    )
    assert caen.covers == D("300.00")
    assert figures.balanced


def test_actual_amounts_replace_planned_ones_in_the_actual_figures(village, staff):
    svc.check_update_item(village.stands[1], actor=staff, fields={"actual_amount": D("3800.00")})
    budget = svc.budget(svc.load(village.delegation))
    assert budget.total.planned == D("1802.60") + D("3605.20")
    assert budget.total.actual == D("1802.60") + D("3424.94")
    assert budget.balanced


def test_figures_name_the_row_the_engine_refuses(village, staff):
    # A cover above a stand once converted: only the engine can tell.
    from cityties.pavilion.models import Cover

    Cover.objects.create(
        item=village.stands[0], participant=village.cities["caen"], amount=D("1900.00")
    )
    figures = svc.compute(svc.load(village.delegation))
    assert figures.error is not None and "Stand A" in figures.error
