"""Pledges and payments: the state follows the decision and the payments; never more paid
than pledged; Oudin-Santini pledges stay within 1 % of their budget."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from cityties.network.tests.factories import OrganisationFactory
from cityties.solidarity import services as svc
from cityties.solidarity.models import Pledge, PledgeState

from .factories import budgets, make_crisis, make_fund, pdf

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def fund(staff, ministry):
    return make_fund(staff, make_crisis(staff, affected=[]), manager=ministry)


def _pledge(fund, member, actor, amount="1000.00", basis="humanitarian", **extra):
    return svc.check_create_pledge(
        fund,
        actor=actor,
        member=member,
        amount=D(amount),
        legal_basis=basis,
        pledged_on=date(2016, 9, 1),
        **extra,
    )


def _decide(pledge, actor):
    return svc.check_record_decision(
        pledge, actor=actor, decided_on=date(2016, 9, 20), reference="DEL-1"
    )


def _pay(pledge, actor, amount):
    return svc.check_add_payment(
        pledge, actor=actor, paid_on=date(2016, 10, 1), amount=D(amount), channel="direct"
    )


def test_the_state_goes_pledged_decided_partly_paid_paid(fund, caen, caen_officer):
    pledge = _pledge(fund, caen, caen_officer)
    assert pledge.state == PledgeState.PLEDGED
    pledge = _decide(pledge, caen_officer)
    assert pledge.state == PledgeState.DECIDED
    _pay(pledge, caen_officer, "400.00")
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.PARTLY_PAID and pledge.outstanding == D("600.00")
    _pay(pledge, caen_officer, "600.00")
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.PAID and pledge.paid_total == D("1000.00")


def test_a_payment_needs_the_council_decision(fund, caen, caen_officer):
    pledge = _pledge(fund, caen, caen_officer)
    with pytest.raises(svc.SolidarityError) as error:
        _pay(pledge, caen_officer, "10.00")
    assert error.value.code == "decision_required"


def test_a_payment_above_what_is_left_is_refused(fund, caen, caen_officer):
    pledge = _decide(_pledge(fund, caen, caen_officer), caen_officer)
    _pay(pledge, caen_officer, "999.99")
    with pytest.raises(svc.SolidarityError) as error:
        _pay(pledge, caen_officer, "0.02")
    assert error.value.code == "payment_above_pledge"
    pledge.refresh_from_db()
    assert pledge.paid_total == D("999.99") and pledge.payments.count() == 1


def test_the_database_refuses_more_paid_than_pledged(fund, caen, caen_officer):
    pledge = _pledge(fund, caen, caen_officer)
    with pytest.raises(IntegrityError), transaction.atomic():
        Pledge.objects.filter(pk=pledge.pk).update(paid_total=D("1000.01"))


def test_removing_a_payment_gives_the_amount_back(fund, caen, caen_officer):
    pledge = _decide(_pledge(fund, caen, caen_officer), caen_officer)
    payment = _pay(pledge, caen_officer, "1000.00")
    svc.do_remove_payment(payment, actor=caen_officer)
    pledge.refresh_from_db()
    assert pledge.paid_total == 0 and pledge.state == PledgeState.DECIDED


def test_a_pledge_cannot_drop_below_what_was_paid(fund, caen, caen_officer):
    pledge = _decide(_pledge(fund, caen, caen_officer), caen_officer)
    _pay(pledge, caen_officer, "500.00")
    with pytest.raises(svc.SolidarityError) as error:
        svc.check_update_pledge(pledge, actor=caen_officer, amount=D("499.99"))
    assert error.value.code == "amount_below_paid"
    lowered = svc.check_update_pledge(pledge, actor=caen_officer, amount=D("500.00"))
    assert lowered.state == PledgeState.PAID


def test_a_paid_pledge_cannot_be_cancelled(fund, caen, caen_officer):
    pledge = _decide(_pledge(fund, caen, caen_officer), caen_officer)
    _pay(pledge, caen_officer, "1.00")
    with pytest.raises(svc.SolidarityError) as error:
        svc.check_cancel_pledge(pledge, actor=caen_officer)
    assert error.value.code == "pledge_has_payments"


def test_a_cancelled_pledge_takes_no_payment(fund, caen, caen_officer):
    pledge = _decide(_pledge(fund, caen, caen_officer), caen_officer)
    cancelled = svc.check_cancel_pledge(pledge, actor=caen_officer, reason="Budget gelé")
    assert cancelled.state == PledgeState.CANCELLED
    with pytest.raises(svc.SolidarityError) as error:
        _pay(pledge, caen_officer, "1.00")
    assert error.value.code == "pledge_cancelled"


def test_a_closed_fund_takes_no_pledge(fund, caen, staff, caen_officer):
    svc.check_update_fund(fund, actor=staff, fields={"status": "closed"})
    with pytest.raises(svc.SolidarityError) as error:
        _pledge(fund, caen, caen_officer)
    assert error.value.code == "fund_closed"


def test_a_company_cannot_pledge(fund, company, staff):
    with pytest.raises(svc.SolidarityError) as error:
        _pledge(fund, company, staff)
    assert error.value.code == "not_a_member"


@pytest.mark.parametrize("amount", ["0", "-5", "1000000000.00", "1.001"])
def test_bad_amounts_are_refused(fund, caen, caen_officer, amount):
    with pytest.raises(svc.SolidarityError):
        _pledge(fund, caen, caen_officer, amount=amount)


def test_an_oudin_pledge_needs_the_budget_entered(fund, caen, caen_officer):
    with pytest.raises(svc.SolidarityError) as error:
        _pledge(fund, caen, caen_officer, basis="oudin_water", budget_year=2016)
    assert error.value.code == "oudin_budget_missing"


def test_an_oudin_pledge_stays_within_one_percent(fund, caen, caen_officer):
    budgets(caen, caen_officer)  # water 12 480 000: 124 800 at most
    _pledge(fund, caen, caen_officer, amount="100000.00", basis="oudin_water", budget_year=2016)
    with pytest.raises(svc.SolidarityError) as error:
        _pledge(fund, caen, caen_officer, amount="24800.01", basis="oudin_water", budget_year=2016)
    assert error.value.code == "above_oudin_ceiling"
    _pledge(fund, caen, caen_officer, amount="24800.00", basis="oudin_water", budget_year=2016)
    assert svc.oudin_headroom(caen, 2016).line("water").remaining == 0


def test_each_oudin_budget_is_counted_apart(fund, caen, caen_officer):
    budgets(caen, caen_officer)
    _pledge(fund, caen, caen_officer, amount="124800.00", basis="oudin_water", budget_year=2016)
    room = svc.oudin_headroom(caen, 2016)
    assert room.line("water").remaining == 0
    assert room.line("sanitation").remaining == D("82500.00")


def test_a_cancelled_oudin_pledge_frees_its_headroom(fund, caen, caen_officer):
    budgets(caen, caen_officer)
    pledge = _pledge(
        fund, caen, caen_officer, amount="124800.00", basis="oudin_water", budget_year=2016
    )
    svc.check_cancel_pledge(pledge, actor=caen_officer)
    assert svc.oudin_headroom(caen, 2016).line("water").remaining == D("124800.00")


def test_another_year_has_its_own_headroom(fund, caen, caen_officer):
    budgets(caen, caen_officer, year=2016)
    _pledge(fund, caen, caen_officer, amount="124800.00", basis="oudin_water", budget_year=2016)
    budgets(caen, caen_officer, year=2017)
    assert svc.oudin_headroom(caen, 2017).line("water").remaining == D("124800.00")


def test_an_oudin_pledge_needs_a_fund_paying_for_it(staff, ministry, caen, caen_officer):
    relief = make_fund(
        staff, make_crisis(staff, affected=[]), manager=ministry, purposes=["relief"]
    )
    budgets(caen, caen_officer)
    with pytest.raises(svc.SolidarityError) as error:
        _pledge(relief, caen, caen_officer, basis="oudin_waste", budget_year=2016)
    assert error.value.code == "basis_not_allowed_by_fund"


def test_raising_an_oudin_pledge_checks_the_headroom_again(fund, caen, caen_officer):
    budgets(caen, caen_officer)
    pledge = _pledge(
        fund, caen, caen_officer, amount="100000.00", basis="oudin_water", budget_year=2016
    )
    svc.check_update_pledge(pledge, actor=caen_officer, amount=D("124800.00"))
    with pytest.raises(svc.SolidarityError) as error:
        svc.check_update_pledge(pledge, actor=caen_officer, amount=D("124800.01"))
    assert error.value.code == "above_oudin_ceiling"


def test_the_decision_document_is_stored_and_replaced(fund, caen, caen_officer):
    pledge = _pledge(fund, caen, caen_officer)
    first = svc.check_record_decision(
        pledge, actor=caen_officer, decided_on=date(2016, 9, 20), reference="A", upload=pdf()
    )
    old_name = first.decision_file.name
    second = svc.check_record_decision(
        first, actor=caen_officer, decided_on=date(2016, 9, 21), reference="B", upload=pdf("b.pdf")
    )
    assert second.decision_file.name != old_name
    assert second.decision_file.storage.exists(second.decision_file.name)
    assert second.decision_content_type == "application/pdf"


def test_payments_are_audited_with_their_actor(fund, caen, caen_officer):
    from auditlog.models import LogEntry

    pledge = _decide(_pledge(fund, caen, caen_officer), caen_officer)
    payment = _pay(pledge, caen_officer, "10.00")
    entry = LogEntry.objects.get_for_object(payment).get()
    assert entry.actor == caen_officer and "10.00" in str(entry.changes)


def test_a_member_not_of_the_network_cannot_pledge(fund, staff):
    outsider = OrganisationFactory(name="Ville extérieure", is_member=False)
    with pytest.raises(svc.SolidarityError) as error:
        _pledge(fund, outsider, staff)
    assert error.value.code == "not_a_member"
