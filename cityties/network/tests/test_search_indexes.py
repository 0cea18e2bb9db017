"""On PostgreSQL the lists' "contains" searches can use the trigram indexes of migration
0007: each index expression is the one Django's lookups write."""

from __future__ import annotations

import pytest
from django.db import connection

from cityties.network.models import Organisation, Partnership

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes: PostgreSQL"),
]


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # A handful of test rows: a scan of the table, or of an index in its order, is
        # always cheaper; with both off only a bitmap scan of a matching index is left.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize(
    "lookup, index",
    [
        ({"name_key__contains": "caen"}, "organisation_name_key_trgm"),
        ({"city__icontains": "Caen"}, "organisation_city_trgm"),
        ({"short_name__icontains": "CUF"}, "organisation_short_name_trgm"),
    ],
)
def test_organisation_search_uses_its_trigram_index(lookup, index):
    assert index in plan(Organisation.objects.filter(**lookup))


@pytest.mark.parametrize(
    "lookup, index",
    [
        ({"title__icontains": "Caen"}, "partnership_title_trgm"),
        ({"description__icontains": "Caen"}, "partnership_description_trgm"),
    ],
)
def test_partnership_search_uses_its_trigram_index(lookup, index):
    assert index in plan(Partnership.objects.filter(**lookup))
