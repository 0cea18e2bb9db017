"""The assignment: a background run with its progress, the figures and reasons it
records, moves by hand checked against every rule (the breach named), locks kept."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from .. import services as svc
from ..models import Placement, Run, RunStatus
from .factories import guest_for, vetted_family

pytestmark = pytest.mark.django_db


def _run(plan, actor):
    run = svc.check_start_run(plan, actor=actor)
    return svc.do_run(run.pk, seconds=5)


def _placed(plan):
    return {
        p.guest.delegate.person.last_name: p.family.household
        for p in Placement.objects.filter(guest__plan=plan).select_related(
            "family", "guest__delegate__person"
        )
    }


def test_a_run_places_the_highest_priority_first(trip, staff):
    vetted_family(trip.plan, actor=staff, beds=1)
    guest_for(trip.plan, trip.officer, actor=staff)
    guest_for(trip.plan, trip.mayor, actor=staff)
    run = _run(trip.plan, staff)
    assert run.status == RunStatus.DONE
    assert _placed(trip.plan) == {"Lemarchand": "The Miller family"}
    assert run.stats["priority"] == run.stats["upper_bound"] == 3
    assert run.stats["method"] == "exact"


def test_colleagues_are_placed_together(trip, staff):
    vetted_family(trip.plan, actor=staff, household="The Millers", beds=1)
    vetted_family(trip.plan, actor=staff, household="The Parkers", beds=2, email="p@example.com")
    founder = guest_for(trip.plan, trip.founder, actor=staff)
    guest_for(trip.plan, trip.rep, actor=staff, colleague=founder)
    _run(trip.plan, staff)
    assert _placed(trip.plan) == {"Cohen": "The Parkers", "Girard": "The Parkers"}


def test_a_guest_left_out_is_told_why_in_french(trip, staff, client_for):
    vetted_family(trip.plan, actor=staff, pets=True)
    guest_for(trip.plan, trip.officer, actor=staff, pet_allergy=True)
    run = _run(trip.plan, staff)
    assert run.stats["placed"] == 0
    [reason] = next(iter(run.unplaced.values()))
    assert reason["code"] == "pets"
    client = client_for(staff)
    with translation.override("fr"):
        page = client.get(
            reverse("homestays:plan", args=[trip.delegation.pk]), HTTP_ACCEPT_LANGUAGE="fr"
        )
    assert (
        "Animaux à la maison, et Claire Vautier y est allergique — The Miller family (1 sur 1)."
        in page.content.decode()
    )


def test_the_run_goes_to_the_background_and_reports_its_progress(
    trip, staff, client_for, django_capture_on_commit_callbacks
):
    vetted_family(trip.plan, actor=staff)
    guest_for(trip.plan, trip.officer, actor=staff)
    client = client_for(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("homestays:run_start", args=[trip.delegation.pk]))
    assert response.status_code == 302
    run = Run.objects.get(plan=trip.plan)
    assert (run.status, run.progress) == (RunStatus.DONE, 100)
    progress = client.get(reverse("homestays:run_progress", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert progress["HX-Refresh"] == "true"


def test_a_second_run_waits_for_the_first(trip, staff):
    vetted_family(trip.plan, actor=staff)
    guest_for(trip.plan, trip.officer, actor=staff)
    svc.check_start_run(trip.plan, actor=staff)
    with pytest.raises(svc.HomestayError) as caught:
        svc.check_start_run(trip.plan, actor=staff)
    assert caught.value.code == "run_in_progress"


def test_a_move_breaking_a_rule_is_refused_and_the_breach_named(trip, staff):
    family = vetted_family(trip.plan, actor=staff, smoking=True)
    guest = guest_for(trip.plan, trip.officer, actor=staff, non_smoking=True)
    with translation.override("en"), pytest.raises(svc.HomestayError) as caught:
        svc.check_move_guest(guest, actor=staff, family=family)
    assert caught.value.code == "breach_smoking"
    assert str(caught.value) == (
        "The Miller family is a smoking household and Claire Vautier wants a non-smoking home."
    )
    assert not Placement.objects.exists()


def test_a_move_overfilling_a_family_names_the_night_and_who_is_there(trip, staff):
    family = vetted_family(trip.plan, actor=staff, beds=1)
    first = guest_for(trip.plan, trip.founder, actor=staff)
    second = guest_for(trip.plan, trip.officer, actor=staff)
    svc.check_move_guest(first, actor=staff, family=family)
    with translation.override("en"), pytest.raises(svc.HomestayError) as caught:
        svc.check_move_guest(second, actor=staff, family=family)
    assert caught.value.code == "breach_beds"
    assert "on the night of 15 November 2016 (Sarah Cohen there)" in str(caught.value)


def test_a_guest_moved_by_hand_is_locked_and_kept_by_the_next_run(trip, staff):
    millers = vetted_family(
        trip.plan, actor=staff, household="The Millers", beds=1, minutes_to_venue=50
    )
    vetted_family(trip.plan, actor=staff, household="The Parkers", beds=1, email="p@example.com")
    guest = guest_for(trip.plan, trip.officer, actor=staff, max_minutes=60)
    svc.check_move_guest(guest, actor=staff, family=millers)
    _run(trip.plan, staff)
    placement = Placement.objects.get(guest=guest)
    assert (placement.family, placement.locked, placement.by_hand) == (millers, True, True)


def test_an_unlocked_guest_may_be_moved_by_the_next_run(trip, staff):
    mayor_family = vetted_family(trip.plan, actor=staff, household="The Millers", beds=1)
    guest = guest_for(trip.plan, trip.officer, actor=staff)
    svc.check_move_guest(guest, actor=staff, family=mayor_family)
    svc.check_set_lock(guest, actor=staff, locked=False)
    guest_for(trip.plan, trip.mayor, actor=staff)
    _run(trip.plan, staff)
    assert _placed(trip.plan) == {"Lemarchand": "The Millers"}


def test_a_lock_that_no_longer_holds_fails_the_run_with_the_reason(trip, staff):
    family = vetted_family(trip.plan, actor=staff)
    guest = guest_for(trip.plan, trip.officer, actor=staff)
    svc.check_move_guest(guest, actor=staff, family=family)
    svc.check_update_guest(
        guest,
        actor=staff,
        fields={
            **svc.defaults_for(trip.plan, trip.officer),
            "arrive": guest.arrive,
            "leave": guest.leave,
            "pet_allergy": True,
        },
    )
    family.pets = True
    family.save()
    run = _run(trip.plan, staff)
    assert run.status == RunStatus.FAILED
    assert "pets" in run.error
