"""Minutes of varied shapes, each with what a person reading them expects
(fixtures/*.expected.json): the reader finds the same, as written and as Word documents."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from cityties.meetings.reader import Person, Proposal, read_file
from cityties.meetings.reader.tests import render
from cityties.meetings.reader.text import fold

FIXTURES = Path(__file__).parent / "fixtures"
NAMES = sorted(p.name for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md"))


@cache
def read(name: str, form: str = "source") -> Proposal:
    path = FIXTURES / name
    if form == "docx":
        return read_file(render.to_docx(path.read_text()), f"{path.stem}.docx")
    return read_file(path.read_bytes(), name)


def expected(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).with_suffix(".expected.json").read_text())


def key(person: Person) -> str:
    """ "First|Last" as the expectations write people, compared without accents or case."""
    return fold(f"{person.first_name or ''}|{person.last_name or ''}").replace(" ", "")


def wanted(names: list[str]) -> list[str]:
    return [fold(name).replace(" ", "") for name in names]


def sorted_keys(people: list[Person]) -> list[str]:
    return sorted(key(person) for person in people)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("kind", ["present", "excused", "absent"])
def test_each_person_is_in_the_right_list(name: str, kind: str):
    found = getattr(read(name), kind)
    assert sorted_keys(found) == sorted(wanted(expected(name)[kind]))


@pytest.mark.parametrize("name", NAMES)
def test_represented_people_come_with_their_proxy(name: str):
    found = {key(person): fold(proxy) for person, proxy in read(name).represented}
    proxies = expected(name)["represented"]
    assert found == {wanted([person])[0]: fold(proxy) for person, proxy in proxies.items()}


@pytest.mark.parametrize("name", NAMES)
def test_the_meeting_date_is_right(name: str):
    date = read(name).date
    assert (date.isoformat() if date else None) == expected(name)["date"]


@pytest.mark.parametrize("name", NAMES)
def test_dated_events_are_found(name: str):
    events = read(name).events
    missing = [
        (start, precision)
        for start, precision in expected(name)["events"]
        if not any(
            e.start.isoformat().startswith(start) and e.precision == precision for e in events
        )
    ]
    assert missing == []


@pytest.mark.parametrize("name", NAMES)
def test_action_owners_are_found(name: str):
    owners = [fold(action.owner) for action in read(name).actions if action.owner]
    missing = [
        owner
        for owner in expected(name)["owners"]
        if not any(fold(owner) in found or found in fold(owner) for found in owners)
    ]
    assert missing == []


@pytest.mark.parametrize("name", NAMES)
def test_the_next_meeting_is_found(name: str):
    found = read(name).next_meeting
    assert (found.strftime("%Y-%m-%dT%H:%M") if found else None) == expected(name)["next_meeting"]


@pytest.mark.parametrize("name", NAMES)
def test_a_word_document_reads_like_its_text(name: str):
    source, document = read(name), read(name, "docx")
    assert document.date == source.date
    for kind in ("present", "excused", "absent"):
        assert sorted_keys(getattr(document, kind)) == sorted_keys(getattr(source, kind))
    assert [a.owner for a in document.actions] == [a.owner for a in source.actions]
