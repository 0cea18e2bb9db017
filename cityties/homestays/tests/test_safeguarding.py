"""The safeguarding record: both checks, by whom and when, before a family is confirmed;
the database refuses a confirmed family without them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from .. import services as svc
from ..models import Family, FamilyStatus, Placement
from .factories import family_fields, vetted_family

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(trip):
    return svc.check_register_family(trip.plan, via=None, fields=family_fields())


def test_a_family_cannot_be_confirmed_before_both_checks(family, staff):
    svc.check_record_safeguarding(
        family,
        actor=staff,
        visit_on=timezone.localdate(),
        visit_by="Claire",
        check_on=None,
        check_by="",
    )
    with pytest.raises(svc.HomestayError) as caught:
        svc.check_confirm_family(family, actor=staff)
    assert caught.value.code == "safeguarding_incomplete"
    assert Family.objects.get(pk=family.pk).status == FamilyStatus.REGISTERED


def test_a_family_is_confirmed_once_both_checks_are_recorded(family, staff):
    today = timezone.localdate()
    svc.check_record_safeguarding(
        family, actor=staff, visit_on=today, visit_by="Claire", check_on=today, check_by="County"
    )
    assert svc.check_confirm_family(family, actor=staff).status == FamilyStatus.CONFIRMED
    assert family.safeguarding_recorded_by == staff


def test_a_check_says_who_did_it(family, staff):
    with pytest.raises(svc.HomestayError) as caught:
        svc.check_record_safeguarding(
            family,
            actor=staff,
            visit_on=timezone.localdate(),
            visit_by=" ",
            check_on=None,
            check_by="",
        )
    assert caught.value.code == "author_required"


def test_a_check_cannot_be_dated_in_the_future(family, staff):
    with pytest.raises(svc.HomestayError) as caught:
        svc.check_record_safeguarding(
            family,
            actor=staff,
            visit_on=timezone.localdate() + timedelta(days=2),
            visit_by="Claire",
            check_on=None,
            check_by="",
        )
    assert caught.value.code == "future_check"


def test_the_database_refuses_a_confirmed_family_without_checks(family):
    family.status = FamilyStatus.CONFIRMED
    family.confirmed_at = timezone.now()
    with pytest.raises(IntegrityError):
        family.save()


def test_a_family_withdrawing_loses_its_guests(trip, staff):
    family = vetted_family(trip.plan, actor=staff)
    guest = svc.check_add_guest(trip.plan, actor=staff, delegate=trip.officer)
    svc.check_move_guest(guest, actor=staff, family=family)
    svc.check_withdraw_family(family, actor=staff)
    assert not Placement.objects.filter(guest=guest).exists()
    assert Family.objects.get(pk=family.pk).status == FamilyStatus.WITHDRAWN
