"""Double submits: parallel requests for the same record make one row, the others are
told it exists. Only a real database server shows the race: run on PostgreSQL in CI."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from cityties.network.models import Organisation, Partnership

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="races need PostgreSQL (run by CI)"
)


def in_parallel(n: int, request: Callable[[], int]) -> list[int]:
    """Run `request` in n threads released at once; their status codes, sorted."""
    barrier = threading.Barrier(n)
    statuses: list[int] = []

    def run() -> None:
        try:
            barrier.wait()
            statuses.append(request())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(statuses)


@pytest.mark.django_db(transaction=True)
def test_five_parallel_creates_of_one_organisation_make_one_row(client_for, staff):
    body = json.dumps({"name": "Ville de Montréal", "kind": "foreign_city", "country": "CA"})

    def create() -> int:
        response = client_for(staff).post(
            "/api/network/organisations", body, content_type="application/json"
        )
        return response.status_code

    assert in_parallel(5, create) == [201, 409, 409, 409, 409]
    assert Organisation.objects.filter(country="CA").count() == 1


@pytest.mark.django_db(transaction=True)
def test_three_parallel_creates_of_one_partnership_make_one_row(
    client_for, caen_officer, caen, nashville
):
    body = json.dumps({"partner_ids": [caen.pk, nashville.pk], "kind": "twinning"})

    def create() -> int:
        response = client_for(caen_officer).post(
            "/api/network/partnerships", body, content_type="application/json"
        )
        return response.status_code

    assert in_parallel(3, create) == [201, 409, 409]
    assert Partnership.objects.count() == 1
