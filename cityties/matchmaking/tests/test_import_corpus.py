"""Every file of the corpus of real-world shapes (the attendee_corpus package) through the command
line, as the issue is checked: every person row read, no row in error, and what is
imported equal to the people the file was written from (names split, e-mails in lower
case, the organisation, the country as its ISO code when the file gives one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cityties.matchmaking.models import Attendee

from .attendee_corpus import BUILDERS, Expected
from .factories import import_on_command_line

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("build", BUILDERS, ids=lambda build: build.__name__)
def test_a_corpus_file_is_imported_whole_and_right(build, summit, staff, tmp_path: Path):
    sample = build()
    path = tmp_path / sample.name
    path.write_bytes(sample.data)
    report = import_on_command_line(path, summit, staff)
    assert report["errors"] == []
    assert report["written"]
    assert report["rows"] >= sample.person_rows
    imported = [
        Expected(a.first_name, a.last_name, a.email, a.organisation, a.country)
        for a in Attendee.objects.filter(event=summit)
    ]
    expected = [
        e if e.country else Expected(e.first, e.last, e.email, e.organisation, "")
        for e in sample.people
    ]
    given_country = {(e.first, e.last, e.email, e.organisation) for e in expected if e.country}

    def key(e: Expected) -> tuple[str, ...]:
        # Where the file gives no country, the one the import found is not compared.
        country = e.country if (e.first, e.last, e.email, e.organisation) in given_country else ""
        return (e.first, e.last, e.email, e.organisation, country)

    assert sorted(map(key, imported)) == sorted(map(key, expected))
