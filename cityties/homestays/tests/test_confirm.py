"""Confirming: each family and guest gets one mail in their language with the other's
details and dates; then nothing changes; personal data is erased after the retention."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from cityties.core.tick import run_due

from .. import services as svc
from ..models import Family, Guest, Notice
from .factories import guest_for, vetted_family

pytestmark = pytest.mark.django_db


@pytest.fixture
def placed(trip, staff):
    millers = vetted_family(trip.plan, actor=staff, household="The Miller family", language="en")
    duponts = vetted_family(
        trip.plan,
        actor=staff,
        household="La famille Dupont",
        language="fr",
        email="dupont@example.fr",
        address="3 rue des Lilas, Pittsburgh",
    )
    officer = guest_for(trip.plan, trip.officer, actor=staff)
    rep = guest_for(trip.plan, trip.rep, actor=staff)
    svc.check_move_guest(officer, actor=staff, family=millers)
    svc.check_move_guest(rep, actor=staff, family=duponts)
    return millers, duponts, officer, rep


def test_each_family_and_guest_gets_one_mail_in_their_language(
    trip, staff, placed, smtp_inbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        svc.check_confirm_plan(trip.plan, actor=staff)
    [miller] = smtp_inbox.bodies_to("ann.miller@example.com")
    assert (
        "Claire Vautier" in miller
        and "Arrives on 15 November 2016, leaves on 19 November 2016." in miller
    )
    [dupont] = smtp_inbox.bodies_to("dupont@example.fr")
    assert "Antoine Girard" in dupont and "Arrive le 15 novembre 2016" in dupont
    [claire] = smtp_inbox.bodies_to("claire@caen.example")
    assert "The Miller family" in claire and "12 Walnut Street" in claire
    assert "Votre hébergement pour « Délégation à Pittsburgh » est confirmé." in claire
    [antoine] = smtp_inbox.bodies_to("rep@example.org")
    assert "3 rue des Lilas" in antoine
    assert len(smtp_inbox.messages) == 4


def test_a_confirmation_is_made_once(trip, staff, placed):
    svc.check_confirm_plan(trip.plan, actor=staff, notify=False)
    with pytest.raises(svc.HomestayError) as caught:
        svc.check_confirm_plan(trip.plan, actor=staff, notify=False)
    assert caught.value.code == "plan_confirmed"
    assert Notice.objects.filter(plan=trip.plan).count() == 4


def test_nothing_moves_once_confirmed(trip, staff, placed):
    millers, _duponts, _officer, rep = placed
    svc.check_confirm_plan(trip.plan, actor=staff, notify=False)
    with pytest.raises(svc.HomestayError) as caught:
        svc.check_move_guest(rep, actor=staff, family=millers)
    assert caught.value.code == "plan_confirmed"


def test_a_plan_with_a_guest_at_a_withdrawn_family_cannot_be_confirmed(trip, staff):
    with pytest.raises(svc.HomestayError) as caught:
        svc.check_confirm_plan(trip.plan, actor=staff, notify=False)
    assert caught.value.code == "nothing_placed"


def _at_noon(day):
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def test_personal_data_is_erased_after_the_retention_period(trip, staff, placed, settings):
    settings.HOMESTAY_RETENTION_DAYS = 30
    svc.check_confirm_plan(trip.plan, actor=staff, notify=False)
    trip.plan.refresh_from_db()
    due = svc.purge_due_on(trip.plan)
    assert due == timezone.localdate(trip.plan.confirmed_at) + timedelta(days=30)
    run_due(now=_at_noon(due), only=["homestays.purge"], force=True)
    assert Family.objects.filter(household="The Miller family").exists()
    run_due(now=_at_noon(due + timedelta(days=1)), only=["homestays.purge"], force=True)
    family = Family.objects.get(pk=placed[0].pk)
    assert (family.household, family.address, family.phone) == ("[erased]", "[erased]", "")
    assert family.erased_at is not None and family.beds == 2
    assert Guest.objects.get(pk=placed[2].pk).languages == ""


def test_a_plan_never_confirmed_is_erased_after_the_event(trip, staff, placed, settings):
    settings.HOMESTAY_RETENTION_DAYS = 30
    ends = timezone.localdate(trip.delegation.event.ends_at)
    assert svc.purge_due_on(trip.plan) == ends + timedelta(days=30)
    run_due(now=_at_noon(ends + timedelta(days=31)), only=["homestays.purge"], force=True)
    assert Family.objects.get(pk=placed[1].pk).household == "[erased]"
