"""Several people at once: leads handing out quotas, doors checking the same guests in.
Only a real database server shows the race, so these run on PostgreSQL (CI)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections
from django.test import Client

from cityties.delegations import services as delegation_services
from cityties.network.tests.factories import OrganisationFactory

from .. import services as svc
from ..models import CheckIn, Reception
from .factories import add_guests

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (run by CI)"
)


def _in_parallel(calls: list[Callable[[], None]]) -> None:
    barrier = threading.Barrier(len(calls))
    errors: list[BaseException] = []

    def run(call: Callable[[], None]) -> None:
        try:
            barrier.wait()
            call()
        except BaseException as exc:  # a thread's failure is the test's failure
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors


@pytest.mark.django_db(transaction=True)
def test_parallel_quota_requests_never_pass_the_capacity(reception, delegation, caen, staff):
    participants = [
        delegation_services.check_add_company(
            delegation,
            actor=staff,
            company=OrganisationFactory(name=f"Startup {n}", kind="company", sponsor=caen),
            sponsor=caen,
        )
        for n in range(5)
    ]
    statuses: list[int] = []

    def give(participant_pk: int) -> Callable[[], None]:
        def call() -> None:
            client = Client()
            client.force_login(staff)
            response = client.post(
                f"/reception/{reception.pk}/quotas/", {"participant": participant_pk, "size": 15}
            )
            statuses.append(response.status_code)

        return call

    _in_parallel([give(p.pk) for p in participants])
    assert statuses == [302] * 5
    reception.refresh_from_db()
    # Five asked for 15 of 50 places each: three fit, two are refused.
    assert reception.quotas.count() == 3
    assert reception.allocated == 45 <= reception.capacity


@pytest.mark.django_db(transaction=True)
def test_four_doors_scanning_the_same_guests_count_each_once(reception, quota, staff):
    svc.check_set_quota(reception, actor=staff, participant=quota.participant, size=20)
    guests = add_guests(quota, 20)
    outcomes: list[str] = []

    def door(name: str) -> Callable[[], None]:
        def call() -> None:
            client = Client()
            client.force_login(staff)
            for guest in guests:
                response = client.post(
                    f"/reception/{reception.pk}/door/{guest.pk}/in/",
                    {"door": name, "plus_ones": "1"},
                )
                # The test client's captured contexts mix across threads: read the page.
                page = response.content.decode()
                outcomes.append(page.split('data-code="', 1)[1].split('"', 1)[0])

        return call

    _in_parallel([door(f"Door {n}") for n in range(4)])
    assert CheckIn.objects.count() == 20
    assert Reception.objects.get(pk=reception.pk).present == 40
    assert sorted(set(outcomes)) == ["already_in", "in"]
    assert outcomes.count("in") == 20 and outcomes.count("already_in") == 60
