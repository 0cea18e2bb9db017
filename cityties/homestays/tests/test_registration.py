"""Families register through the signed link: no account; a forged, expired or closed link
is refused; the link is mailed to a partner in their language."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from cityties.network.tests.factories import foreign_city

from .. import services as svc
from ..models import Family
from .factories import family_fields, vetted_family

pytestmark = pytest.mark.django_db


def _post_data(**values):
    fields = family_fields(**values)
    data = {key: value for key, value in fields.items() if not isinstance(value, bool)}
    data.update({key: "on" for key, value in fields.items() if value is True})
    data["minutes_to_venue"] = fields["minutes_to_venue"]
    data["consent"] = "on"
    return data


def test_a_family_registers_through_the_signed_link_without_an_account(trip, client):
    partner = foreign_city("Pittsburgh")
    url = reverse("homestays:register", args=[svc.registration_token(trip.plan, partner)])
    assert client.get(url).status_code == 200
    response = client.post(url, _post_data(household="The Kowalski family", beds=3))
    assert response.status_code == 200
    family = Family.objects.get(household="The Kowalski family")
    assert (family.plan, family.via, family.beds, family.status) == (
        trip.plan,
        partner,
        3,
        "registered",
    )


def test_registering_needs_the_consent(trip, client):
    url = reverse("homestays:register", args=[svc.registration_token(trip.plan, None)])
    data = _post_data()
    del data["consent"]
    client.post(url, data)
    assert not Family.objects.exists()


def test_a_forged_link_is_refused(trip, client):
    token = svc.registration_token(trip.plan, None)
    response = client.get(reverse("homestays:register", args=[token[:-3] + "xyz"]))
    assert response.status_code == 400
    assert b'data-code="guest_link_invalid"' in response.content


def test_a_link_made_for_another_purpose_is_refused(trip, client):
    from cityties.accounts.guestlinks import make_token

    token = make_token("delegations.apply", trip.plan.pk)
    assert client.get(reverse("homestays:register", args=[token])).status_code == 400


def test_an_expired_link_is_refused(trip, client, monkeypatch):
    token = svc.registration_token(trip.plan, None)
    later = time.time() + (svc.plans.LINK_DAYS + 1) * 86400
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get(reverse("homestays:register", args=[token]))
    assert response.status_code == 410


def test_the_link_takes_no_family_once_the_assignment_is_confirmed(trip, staff, client):
    family = vetted_family(trip.plan, actor=staff)
    guest = svc.check_add_guest(trip.plan, actor=staff, delegate=trip.officer)
    svc.check_move_guest(guest, actor=staff, family=family)
    svc.check_confirm_plan(trip.plan, actor=staff, notify=False)
    response = client.get(
        reverse("homestays:register", args=[svc.registration_token(trip.plan, None)])
    )
    assert response.status_code == 400
    assert b"guest_link_closed" in response.content


def test_dates_in_the_wrong_order_are_refused(trip):
    fields = family_fields()
    fields["available_to"] = fields["available_from"]
    with pytest.raises(svc.HomestayError) as caught:
        svc.check_register_family(trip.plan, via=None, fields=fields)
    assert caught.value.code == "dates_in_wrong_order"


def test_the_link_is_mailed_to_a_partner_in_their_language(
    trip, caen_officer, smtp_inbox, django_capture_on_commit_callbacks
):
    partner = foreign_city("Pittsburgh")
    with django_capture_on_commit_callbacks(execute=True):
        svc.check_send_link(
            trip.plan,
            actor=caen_officer,
            email="sister.cities@pittsburgh.example",
            language="en",
            via=partner,
            link_for=lambda token: f"https://cityties.example/homestays/register/{token}/",
        )
    [body] = smtp_inbox.bodies_to("sister.cities@pittsburgh.example")
    assert "would love to stay with local families" in body
    assert "through Pittsburgh" in body
    token = body.split("/homestays/register/")[1].split("/")[0]
    assert svc.read_registration_token(token) == (trip.plan, partner)
