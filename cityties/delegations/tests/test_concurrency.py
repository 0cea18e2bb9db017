"""Races that only a real database server can show: run on PostgreSQL in CI."""

import threading
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, connections

from cityties.delegations import services as svc
from cityties.delegations.models import Delegation, MilestoneReminder, StatusMove

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (run by CI)"
)


def _race(count, work):
    barrier = threading.Barrier(count)
    outcomes: list[str] = []

    def run() -> None:
        try:
            barrier.wait()
            outcomes.append(work())
        except svc.DelegationError as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_moves_to_the_same_status_record_one(delegation, caen_officer):
    def move() -> str:
        fresh = Delegation.objects.get(pk=delegation.pk)
        svc.check_move_delegation(fresh, actor=caen_officer, to_status="proposal")
        return "moved"

    assert _race(4, move) == ["move_not_allowed"] * 3 + ["moved"]
    assert StatusMove.objects.filter(delegation=delegation).count() == 1


@pytest.mark.django_db(transaction=True)
def test_simultaneous_clocks_send_a_reminder_once(delegation, caen, caen_person, staff):
    svc.check_add_milestone(
        delegation,
        actor=staff,
        title="Projet bien avancé",
        due_on=date(2016, 4, 30),
        owner_organisation=caen,
        owner_person=caen_person,
    )
    now = datetime(2016, 4, 28, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))
    sent: list[str] = []
    assert _race(
        4, lambda: str(svc.send_due_milestone_reminders(now, enqueue=lambda *a: sent.append("x")))
    ) == ["0", "0", "0", "1"]
    assert MilestoneReminder.objects.count() == 1
    assert sent == ["x"]
