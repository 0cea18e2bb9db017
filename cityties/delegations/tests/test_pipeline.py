import pytest

from cityties.delegations import services as svc
from cityties.delegations.models import StatusMove

pytestmark = pytest.mark.django_db


def test_the_lead_moves_the_delegation_one_step_and_the_move_is_recorded(delegation, caen_officer):
    svc.check_move_delegation(delegation, actor=caen_officer, to_status="proposal", note="NLC ok")
    move = StatusMove.objects.get(delegation=delegation)
    assert (move.from_status, move.to_status, move.moved_by) == ("idea", "proposal", caen_officer)
    assert move.moved_at is not None
    delegation.refresh_from_db()
    assert delegation.status == "proposal"


def test_a_move_that_skips_steps_is_refused(delegation, caen_officer):
    with pytest.raises(svc.DelegationError) as exc:
        svc.check_move_delegation(delegation, actor=caen_officer, to_status="on_site")
    assert exc.value.code == "move_not_allowed"
    assert not StatusMove.objects.exists()


def test_a_closed_delegation_moves_no_more(delegation, staff):
    svc.check_move_delegation(delegation, actor=staff, to_status="closed")
    with pytest.raises(svc.DelegationError) as exc:
        svc.check_move_delegation(delegation, actor=staff, to_status="idea")
    assert exc.value.code == "move_not_allowed"


def test_the_whole_pipeline_in_order(delegation, staff):
    for status in ("proposal", "confirmed", "on_site", "debrief", "closed"):
        svc.check_move_delegation(delegation, actor=staff, to_status=status)
    assert StatusMove.objects.filter(delegation=delegation).count() == 5


def test_an_officer_cannot_create_a_delegation_led_by_another_city(summit, caen, tours_officer):
    with pytest.raises(svc.DelegationError) as exc:
        svc.check_create_delegation(actor=tours_officer, title="X", event=summit, lead=caen)
    assert exc.value.code == "own_organisation_required"


def test_one_delegation_per_lead_and_event(delegation, summit, caen, staff):
    with pytest.raises(svc.DelegationError) as exc:
        svc.check_create_delegation(actor=staff, title="Bis", event=summit, lead=caen)
    assert exc.value.code == "duplicate"


def test_supporters_have_a_role_once(delegation, staff, ministry):
    svc.check_add_supporter(delegation, actor=staff, organisation=ministry, role="funder")
    with pytest.raises(svc.DelegationError) as exc:
        svc.check_add_supporter(delegation, actor=staff, organisation=ministry, role="funder")
    assert exc.value.code == "duplicate"
    svc.check_add_supporter(delegation, actor=staff, organisation=ministry, role="partner")
    assert delegation.supporters.count() == 2


def test_the_move_page_refuses_a_tours_officer(client_for, delegation, tours_officer):
    response = client_for(tours_officer).post(
        f"/delegations/{delegation.pk}/move/", {"to_status": "proposal"}
    )
    assert response.status_code == 403
    delegation.refresh_from_db()
    assert delegation.status == "idea"


def test_the_lead_moves_it_from_the_page(client_for, delegation, caen_officer):
    client_for(caen_officer).post(f"/delegations/{delegation.pk}/move/", {"to_status": "proposal"})
    delegation.refresh_from_db()
    assert delegation.status == "proposal"
