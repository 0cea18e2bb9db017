"""The demo receptions: Nashville 2015 and Pittsburgh 2016, with quotas per exhibitor."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from cityties.delegations.models import Delegation

from .. import services as svc
from ..models import CheckIn, Invitation, Reception

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_data):
    return {
        key: Reception.objects.get(session__delegation__title__contains=city)
        for key, city in (("nashville", "Nashville"), ("pittsburgh", "Pittsburgh"))
    }


def test_nashville_gave_its_three_startups_cards(demo):
    names = [line.name for line in svc.overview(demo["nashville"]).lines]
    assert names == ["Ville de Caen", "Sans Contact Normandie", "Soyhuce", "Starnav"]


def test_pittsburgh_has_a_quota_for_each_exhibitor_and_city_within_the_capacity(demo):
    reception = demo["pittsburgh"]
    overview = svc.overview(reception)
    assert len(overview.lines) == 9
    assert overview.total.size == reception.allocated <= reception.capacity
    assert 0 < overview.total.arrived <= overview.total.named


def test_the_head_count_matches_the_check_ins(demo):
    for reception in demo.values():
        rows = CheckIn.objects.filter(reception=reception)
        people = sum(row.people for row in rows)
        assert Reception.objects.get(pk=reception.pk).present == people > 0


def test_a_second_run_changes_nothing(demo):
    before = (Invitation.objects.count(), CheckIn.objects.count())
    call_command("demo", "--quiet")
    assert (Invitation.objects.count(), CheckIn.objects.count()) == before
    assert Delegation.objects.count() == 2
