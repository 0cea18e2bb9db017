"""Several people paying one pledge, or one member pledging twice under Oudin-Santini, at
the same moment: only a real database server shows the race, so these run on PostgreSQL."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.test import Client

from cityties.solidarity import services as svc
from cityties.solidarity.models import Pledge

from .factories import budgets, make_crisis, make_fund

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (run by CI)"
)
D = Decimal


def _at_once(user, posts: list[tuple[str, dict[str, str]]]) -> list[int]:
    barrier = threading.Barrier(len(posts))
    statuses: list[int] = []

    def post(path: str, data: dict[str, str]) -> None:
        client = Client()
        client.force_login(user)
        try:
            barrier.wait()
            statuses.append(client.post(path, data).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=args) for args in posts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def _pledge(fund, member, actor, amount: str, basis: str) -> Pledge:
    return svc.check_create_pledge(
        fund,
        actor=actor,
        member=member,
        amount=D(amount),
        legal_basis=basis,
        budget_year=2016,
        pledged_on=date(2016, 9, 1),
    )


@pytest.mark.django_db(transaction=True)
def test_parallel_payments_never_pay_more_than_the_pledge(staff, ministry, caen, caen_officer):
    fund = make_fund(staff, make_crisis(staff, affected=[]), manager=ministry)
    pledge = _pledge(fund, caen, staff, "1000.00", "humanitarian")
    svc.check_record_decision(pledge, actor=staff, decided_on=date(2016, 9, 2), reference="D")
    payment = {"paid_on": "2016-09-10", "amount": "300", "channel": "direct"}
    statuses = _at_once(caen_officer, [(f"/solidarity/pledges/{pledge.pk}/payments/", payment)] * 5)
    assert statuses == [302] * 5
    pledge.refresh_from_db()
    # Five paid 300 each of 1 000 at once: three went through, two were refused.
    assert pledge.payments.count() == 3
    assert pledge.paid_total == D("900.00") == sum(p.amount for p in pledge.payments.all())


@pytest.mark.django_db(transaction=True)
def test_parallel_oudin_pledges_stay_within_one_percent(staff, ministry, caen, caen_officer):
    fund = make_fund(staff, make_crisis(staff, affected=[]), manager=ministry)
    budgets(caen, staff)  # water 12 480 000: 124 800 at most
    form = {
        "member": str(caen.pk),
        "amount": "40000",
        "legal_basis": "oudin_water",
        "budget_year": "2016",
        "pledged_on": "2016-09-01",
    }
    statuses = _at_once(caen_officer, [(f"/solidarity/funds/{fund.pk}/pledge/", form)] * 4)
    # Three pledges fit (redirected to the pledge), the fourth is refused on the form.
    assert sorted(statuses) == [200, 302, 302, 302]
    given = svc.given_under_oudin(caen, 2016)["water"]
    assert given == D("120000.00") <= D("124800.00")
