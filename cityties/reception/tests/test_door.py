"""The door: a scanned card or a name, the check-in with plus-ones, the refusals and why,
undo, the head count."""

from __future__ import annotations

import pytest

from .. import services as svc
from ..models import CheckIn, Invitation, Reception
from .factories import add_guests, make_reception

pytestmark = pytest.mark.django_db


def _present(reception: Reception) -> int:
    return Reception.objects.get(pk=reception.pk).present


def test_a_scanned_card_finds_its_guest(guest, reception):
    assert svc.find_by_code(reception, svc.qr_payload(guest)) == guest


def test_an_unknown_card_is_refused_as_unknown(reception):
    with pytest.raises(svc.DoorRefusal) as error:
        svc.find_by_code(reception, "CITYTIES-R:not-a-real-code-at-all")
    assert error.value.code == "unknown"


def test_a_card_of_another_reception_is_refused_saying_so(guest, delegation, staff):
    other = make_reception(delegation, actor=staff)
    with pytest.raises(svc.DoorRefusal) as error:
        svc.find_by_code(other, svc.qr_payload(guest))
    assert error.value.code == "other_reception"


def test_check_in_counts_the_guest_and_the_plus_ones(guest, reception, staff):
    svc.check_answer(guest, actor=None, attending=True, plus_ones=2)
    guest.refresh_from_db()
    check_in = svc.check_check_in(guest, actor=staff, reception=reception, door="North")
    assert check_in.plus_ones == 2 and check_in.door == "North"
    assert _present(reception) == 3


def test_the_door_may_count_fewer_plus_ones_than_announced(guest, reception, staff):
    svc.check_answer(guest, actor=None, attending=True, plus_ones=2)
    svc.check_check_in(
        Invitation.objects.get(pk=guest.pk), actor=staff, reception=reception, plus_ones=1
    )
    assert _present(reception) == 2


def test_more_plus_ones_than_allowed_are_refused(guest, reception, staff):
    with pytest.raises(svc.DoorRefusal) as error:
        svc.check_check_in(guest, actor=staff, reception=reception, plus_ones=3)
    assert error.value.code == "too_many_plus_ones"


def test_a_guest_already_in_is_refused_saying_when(guest, reception, staff):
    svc.check_check_in(guest, actor=staff, reception=reception, door="North")
    again = Invitation.objects.select_related("check_in").get(pk=guest.pk)
    with pytest.raises(svc.DoorRefusal) as error:
        svc.check_check_in(again, actor=staff, reception=reception)
    assert error.value.code == "already_in" and "North" in str(error.value)
    assert _present(reception) == 1


def test_a_stale_page_cannot_check_a_guest_in_twice(guest, reception, staff):
    stale = Invitation.objects.get(pk=guest.pk)  # read before the first check-in
    svc.check_check_in(guest, actor=staff, reception=reception)
    with pytest.raises(svc.DoorRefusal) as error:
        svc.check_check_in(stale, actor=staff, reception=reception)
    assert error.value.code == "already_in"
    assert CheckIn.objects.count() == 1 and _present(reception) == 1


def test_a_guest_who_declined_is_refused_saying_so(guest, reception, staff):
    svc.check_answer(guest, actor=None, attending=False)
    with pytest.raises(svc.DoorRefusal) as error:
        svc.check_check_in(Invitation.objects.get(pk=guest.pk), actor=staff, reception=reception)
    assert error.value.code == "declined"


def test_a_guest_without_an_answer_may_come_in(guest, reception, staff):
    assert guest.rsvp == "pending"
    svc.check_check_in(guest, actor=staff, reception=reception)
    assert _present(reception) == 1


def test_a_full_venue_refuses_the_next_guest(delegation, soyhuce, staff):
    small = make_reception(delegation, actor=staff, capacity=2, plus_ones_allowed=1)
    quota = svc.check_set_quota(small, actor=staff, participant=soyhuce, size=2)
    first, second = add_guests(quota, 2)
    svc.check_check_in(first, actor=staff, reception=small, plus_ones=1)
    with pytest.raises(svc.DoorRefusal) as error:
        svc.check_check_in(second, actor=staff, reception=small, plus_ones=0)
    assert error.value.code == "full"
    assert _present(small) == 2 and not CheckIn.objects.filter(invitation=second).exists()


def test_undo_takes_the_guest_and_plus_ones_out(guest, reception, staff):
    svc.check_check_in(guest, actor=staff, reception=reception, plus_ones=2)
    svc.check_undo_check_in(guest, actor=staff)
    assert _present(reception) == 0 and not CheckIn.objects.exists()
    svc.check_check_in(Invitation.objects.get(pk=guest.pk), actor=staff, reception=reception)
    assert _present(reception) == 1


def test_undo_of_a_guest_not_in_is_refused(guest, staff):
    with pytest.raises(svc.DoorRefusal) as error:
        svc.check_undo_check_in(guest, actor=staff)
    assert error.value.code == "not_in"


def test_the_name_search_ignores_accents_and_case(guest, reception):
    assert svc.search_guests(reception, "jose MARTINEZ") == [guest]
    assert svc.search_guests(reception, "pittsburgh") == [guest]
    assert svc.search_guests(reception, "josé dupont") == []


def test_the_head_count_says_who_is_expected(guest, quota, reception, staff):
    svc.check_answer(guest, actor=None, attending=True, plus_ones=1)
    count = svc.head_count(reception)
    assert (count.present, count.capacity, count.expected) == (0, 50, 2)


def test_undoing_a_check_in_stays_in_the_audit_trail(guest, reception, staff):
    from auditlog.models import LogEntry

    svc.check_check_in(guest, actor=staff, reception=reception)
    svc.check_undo_check_in(guest, actor=staff)
    (entry,) = LogEntry.objects.filter(action=LogEntry.Action.DELETE, object_repr__startswith="#")
    assert entry.actor == staff


def test_a_check_in_request_takes_a_few_queries(
    guest, reception, caen_officer, client_for, django_assert_max_num_queries
):
    client = client_for(caen_officer)
    # Session, user, guest with its reception, roles, officer's organisations; then the
    # transaction: the check-in and the head count.
    with django_assert_max_num_queries(9):
        client.post(f"/reception/{reception.pk}/door/{guest.pk}/in/", HTTP_HX_REQUEST="true")
    assert CheckIn.objects.filter(invitation=guest).exists()


def test_announced_plus_ones_above_a_lowered_allowance_count_as_allowed(guest, reception, staff):
    svc.check_answer(guest, actor=None, attending=True, plus_ones=2)
    svc.check_update_reception(reception, actor=staff, fields={"plus_ones_allowed": 1})
    reception.refresh_from_db()
    svc.check_check_in(Invitation.objects.get(pk=guest.pk), actor=staff, reception=reception)
    assert _present(reception) == 2
