"""The partnership list and detail pages run a fixed number of queries, whatever the rows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cityties.network import services as svc
from cityties.network.models import Theme
from cityties.network.tests.factories import OrganisationFactory

from .factories import add_activity, foreign_city, make_partnership
from .test_partnerships_services import pdf_upload


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def populate(staff, caen, n: int) -> None:
    themes = [
        Theme.objects.get_or_create(code=f"t{i}", defaults={"label_fr": "t", "label_en": "t"})[0]
        for i in range(3)
    ]
    for i in range(n):
        other = foreign_city(f"City {n}-{i}")
        third = OrganisationFactory(name=f"Town {n}-{i}")
        make_partnership(staff, caen, other, third, title=f"Tie {n}-{i}", themes=themes)


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_queries_do_not_grow_with_rows(client_for, staff, caen_officer, caen):
    client = client_for(caen_officer)
    url = reverse("network:partnership_list")
    populate(staff, caen, 2)
    few = count_queries(client, url)
    populate(staff, caen, 12)
    assert count_queries(client, url) == few


def test_list_page_query_count_is_pinned(
    client_for, staff, caen_officer, caen, django_assert_max_num_queries
):
    populate(staff, caen, 10)
    client = client_for(caen_officer)
    client.get(reverse("network:partnership_list"))  # warm the session and caches
    with django_assert_max_num_queries(12):
        client.get(reverse("network:partnership_list"))


def populate_detail(staff, partnership, n: int) -> None:
    for i in range(n):
        add_activity(
            staff,
            partnership,
            title=f"Activity {i}",
            start_date=date(2010 + i % 7, 5, 1),
            students=i,
            budget=Decimal("100.00"),
        )
        svc.check_upload_document(
            partnership, actor=staff, title=f"Doc {i}", upload=pdf_upload(f"d{i}.pdf")
        )


def test_detail_queries_do_not_grow_with_rows(client_for, staff, caen_officer, caen):
    nashville = foreign_city("Nashville")
    partnership = make_partnership(staff, caen, nashville)
    client = client_for(caen_officer)
    url = reverse("network:partnership_detail", args=[partnership.pk])
    populate_detail(staff, partnership, 2)
    few = count_queries(client, url)
    populate_detail(staff, partnership, 12)
    assert count_queries(client, url) == few


def test_detail_page_query_count_is_pinned(
    client_for, staff, caen_officer, caen, django_assert_max_num_queries
):
    nashville = foreign_city("Nashville")
    partnership = make_partnership(staff, caen, nashville)
    populate_detail(staff, partnership, 10)
    client = client_for(caen_officer)
    url = reverse("network:partnership_detail", args=[partnership.pk])
    client.get(url)
    with django_assert_max_num_queries(14):
        client.get(url)
