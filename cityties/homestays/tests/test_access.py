"""Families' data is seen by the delegation's staff alone; a delegate sees their own
family on the itinerary once the assignment is confirmed, never before."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .. import services as svc
from .factories import guest_for, vetted_family

pytestmark = pytest.mark.django_db


@pytest.fixture
def placed(trip, staff):
    family = vetted_family(trip.plan, actor=staff)
    guest = guest_for(trip.plan, trip.rep, actor=staff)
    svc.check_move_guest(guest, actor=staff, family=family)
    return family, guest


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("staff", 200),
        ("caen_officer", 200),
        ("tours_officer", 403),
        ("company_rep", 403),
        ("viewer", 403),
    ],
)
def test_a_family_page_is_for_the_delegation_staff_only(
    placed, request, client_for, persona, status
):
    family, _guest = placed
    client = client_for(request.getfixturevalue(persona))
    response = client.get(reverse("homestays:family", args=[family.pk]))
    assert response.status_code == status
    if status == 200:
        assert "12 Walnut Street" in response.content.decode()


def test_anonymous_readers_are_sent_to_log_in(placed, client):
    family, _guest = placed
    response = client.get(reverse("homestays:family", args=[family.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_itinerary_shows_no_family_before_the_confirmation(
    trip, placed, client_for, company_rep
):
    page = client_for(company_rep).get(reverse("delegations:itinerary", args=[trip.rep.pk]))
    assert page.status_code == 200
    assert "12 Walnut Street" not in page.content.decode()
    assert "The Miller family" not in page.content.decode()


def test_the_itinerary_shows_the_family_once_confirmed(
    trip, staff, placed, client_for, company_rep
):
    svc.check_confirm_plan(trip.plan, actor=staff, notify=False)
    page = client_for(company_rep).get(reverse("delegations:itinerary", args=[trip.rep.pk]))
    text = page.content.decode()
    assert "12 Walnut Street" in text and "The Miller family" in text


def test_the_delegation_page_shows_homestays_to_the_staff_only(
    trip, placed, client_for, caen_officer, company_rep
):
    url = reverse("delegations:detail", args=[trip.delegation.pk])
    assert (
        reverse("homestays:plan", args=[trip.delegation.pk])
        in client_for(caen_officer).get(url).content.decode()
    )
    rep_page = client_for(company_rep).get(url).content.decode()
    assert reverse("homestays:plan", args=[trip.delegation.pk]) not in rep_page
