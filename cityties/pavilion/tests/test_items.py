"""Stands and their shares: the database keeps the shares within the stand."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from cityties.delegations import services as delegation_services
from cityties.pavilion import services as svc
from cityties.pavilion.models import CostItem, Share

pytestmark = pytest.mark.django_db
D = Decimal


def _code(call) -> str:
    with pytest.raises(svc.PavilionError) as caught:
        call()
    return caught.value.code


def test_shares_above_the_stands_area_are_refused(village, staff):
    stand = village.stands[1]  # 18 m²: 12 + 6 taken
    code = _code(
        lambda: svc.check_set_share(
            stand, actor=staff, participant=village.companies["soyhuce"], area_m2=D("0.5")
        )
    )
    assert code == "shares_above_item"
    assert not stand.shares.filter(participant=village.companies["soyhuce"]).exists()


def test_changing_a_share_counts_its_new_area_only(village, staff):
    stand = village.stands[1]
    svc.check_set_share(stand, actor=staff, participant=village.companies["loire"], area_m2=D("10"))
    svc.check_set_share(
        stand, actor=staff, participant=village.companies["soyhuce"], area_m2=D("2")
    )
    stand.refresh_from_db()
    assert stand.allocated_area == D("18")


def test_the_database_itself_refuses_a_sum_above_the_stand(village):
    with pytest.raises(IntegrityError), transaction.atomic():
        CostItem.objects.filter(pk=village.stands[1].pk).update(allocated_area=D("18.01"))


def test_percentages_above_100_are_refused(delegation, village, staff):
    item = svc.check_create_item(
        delegation,
        actor=staff,
        fields={
            "kind": "reception",
            "label": "Réception",
            "planned_amount": D("6000"),
            "split": "weights",
        },
    )
    svc.check_set_share(item, actor=staff, participant=village.cities["caen"], percent=D("60"))
    code = _code(
        lambda: svc.check_set_share(
            item, actor=staff, participant=village.cities["tours"], percent=D("40.01")
        )
    )
    assert code == "shares_above_item"


def test_cutting_a_stand_below_its_shares_is_refused(village, staff):
    code = _code(
        lambda: svc.check_update_item(village.stands[1], actor=staff, fields={"area_m2": D("17")})
    )
    assert code == "shares_above_item"


def test_a_participant_who_leaves_frees_its_area(village, staff):
    delegation_services.check_remove_participant(village.companies["garonne"], actor=staff)
    stand = CostItem.objects.get(pk=village.stands[1].pk)
    assert stand.allocated_area == D("12")


def test_a_split_by_area_needs_each_shares_area(village, staff):
    code = _code(
        lambda: svc.check_set_share(
            village.stands[1], actor=staff, participant=village.companies["soyhuce"]
        )
    )
    assert code == "share_needs_measure"


def test_a_participant_of_another_delegation_cannot_share(village, staff, caen):
    from cityties.events.tests.factories import make_event

    other = delegation_services.check_create_delegation(
        actor=staff, title="Autre", event=make_event(caen), lead=caen
    )
    stranger = delegation_services.check_add_government(other, actor=staff, organisation=caen)
    code = _code(lambda: svc.check_set_share(village.stands[0], actor=staff, participant=stranger))
    assert code == "foreign_participant"


def test_a_currency_without_a_rate_is_refused(delegation, staff):
    code = _code(
        lambda: svc.check_create_item(
            delegation,
            actor=staff,
            fields={
                "kind": "stand",
                "label": "Stand",
                "planned_amount": D("10"),
                "currency": "CAD",
            },
        )
    )
    assert code == "rate_missing"


def test_a_rate_in_use_cannot_be_removed(village, staff):
    rate = village.delegation.exchange_rates.get(currency="USD")
    assert _code(lambda: svc.check_remove_rate(rate, actor=staff)) == "rate_in_use"


def test_covered_parts_cannot_pass_a_euro_item(delegation, village, staff):
    item = svc.check_create_item(
        delegation,
        actor=staff,
        fields={"kind": "fitting", "label": "Aménagement", "planned_amount": D("1000")},
    )
    code = _code(
        lambda: svc.check_set_cover(
            item, actor=staff, participant=village.cities["caen"], amount=D("1000.01")
        )
    )
    assert code == "cover_above_item"
    assert not Share.objects.filter(item=item).exists()


def test_days_shared_out_cannot_pass_the_stands_days(delegation, village, staff):
    stand = svc.check_create_item(
        delegation,
        actor=staff,
        fields={
            "kind": "stand",
            "label": "Stand partagé",
            "planned_amount": D("3000"),
            "days": 4,
            "split": "days",
        },
    )
    svc.check_set_share(stand, actor=staff, participant=village.companies["soyhuce"], days=3)
    code = _code(
        lambda: svc.check_set_share(
            stand, actor=staff, participant=village.companies["starnav"], days=2
        )
    )
    assert code == "shares_above_item"
