"""Named invitations within a quota: by hand, edited, removed; plus-ones as allowed."""

from __future__ import annotations

import pytest

from .. import services as svc
from ..models import Invitation, Quota
from .factories import add_guests

pytestmark = pytest.mark.django_db


def test_naming_a_guest_takes_a_place_of_the_quota(guest, quota):
    quota.refresh_from_db()
    assert quota.named == 1 and quota.free == 4
    assert guest.name_key == "jose martinez city of pittsburgh"


def test_a_full_quota_refuses_another_guest(quota, company_rep):
    add_guests(quota, 5)
    with pytest.raises(svc.ReceptionError) as error:
        svc.check_add_guest(quota, actor=company_rep, fields={"name": "One too many"})
    assert error.value.code == "quota_full"
    assert Quota.objects.get(pk=quota.pk).named == 5


def test_one_invitation_per_email_address(guest, quota, company_rep):
    with pytest.raises(svc.ReceptionError) as error:
        svc.check_add_guest(
            quota,
            actor=company_rep,
            fields={"name": "José again", "email": "JOSE@pittsburgh.example"},
        )
    assert error.value.code == "already_invited"
    assert Quota.objects.get(pk=quota.pk).named == 1


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"name": "  "}, "name_required"),
        ({"name": "A", "email": "not-an-address"}, "invalid_email"),
        ({"name": "A", "language": "de"}, "invalid_language"),
        ({"name": "A" * 201}, "too_long"),
    ],
)
def test_bad_guest_fields_are_refused(quota, company_rep, fields, code):
    with pytest.raises(svc.ReceptionError) as error:
        svc.check_add_guest(quota, actor=company_rep, fields=fields)
    assert error.value.code == code


def test_removing_a_guest_frees_the_place(guest, quota, company_rep):
    svc.check_remove_guest(guest, actor=company_rep)
    assert Quota.objects.get(pk=quota.pk).named == 0


def test_a_guest_who_came_in_cannot_be_removed(guest, reception, staff, company_rep):
    svc.check_check_in(guest, actor=staff, reception=reception)
    guest.refresh_from_db()
    with pytest.raises(svc.ReceptionError) as error:
        svc.check_remove_guest(Invitation.objects.get(pk=guest.pk), actor=company_rep)
    assert error.value.code == "guest_checked_in"


def test_another_person_on_the_invitation_gets_a_new_card_and_link(guest, company_rep):
    old_code, old_token = guest.code, svc.rsvp_token(guest)
    svc.check_answer(guest, actor=None, attending=True)
    changed = svc.check_update_guest(
        guest, actor=company_rep, fields={"name": "Anna Lee", "email": "anna@pittsburgh.example"}
    )
    assert changed.code != old_code and changed.rsvp == "pending" and changed.sent_at is None
    from cityties.accounts.guestlinks import GuestLinkError

    with pytest.raises(GuestLinkError):
        svc.read_rsvp_token(old_token)


def test_a_change_of_function_keeps_the_card(guest, company_rep):
    changed = svc.check_update_guest(guest, actor=company_rep, fields={"function": "Mayor"})
    assert changed.code == guest.code


def test_no_guest_named_after_the_reception(quota, company_rep):
    from datetime import timedelta

    from django.utils import timezone

    session = quota.reception.session
    session.starts_at = timezone.now() - timedelta(days=2)
    session.ends_at = timezone.now() - timedelta(days=1)
    session.save()
    with pytest.raises(svc.ReceptionError) as error:
        svc.check_add_guest(
            Quota.objects.get(pk=quota.pk), actor=company_rep, fields={"name": "Late"}
        )
    assert error.value.code == "reception_over"
