"""Two people sharing out one stand at once: only a real database server shows the race,
so these run on PostgreSQL (CI)."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.test import Client

from cityties.pavilion.models import CostItem

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (run by CI)"
)


@pytest.mark.django_db(transaction=True)
def test_parallel_requests_never_share_out_more_than_the_stand(village, staff):
    stand = village.stands[1]  # 18 m²
    stand.shares.all().delete()
    CostItem.objects.filter(pk=stand.pk).update(allocated_area=Decimal("0"))
    keys = ["soyhuce", "starnav", "capteurs", "loire", "garonne"]
    barrier = threading.Barrier(len(keys))
    statuses: list[int] = []

    def post(key: str) -> None:
        client = Client()
        client.force_login(staff)
        try:
            barrier.wait()
            response = client.post(
                f"/pavilion/items/{stand.pk}/shares/",
                {
                    "participant": village.companies[key].pk,
                    "area_m2": "5",
                },
            )
            statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(key,)) for key in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Five asked for 5 m² each of 18: three fit, two are refused (the form again, with
    # the reason).
    assert sorted(statuses) == [302, 302, 302, 400, 400]
    stand.refresh_from_db()
    assert stand.shares.count() == 3
    assert stand.allocated_area == Decimal("15") <= stand.area_m2
