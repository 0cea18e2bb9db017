"""The proposal's JSON: the shape of issue 11, and a reader that never fails on text."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cityties.meetings.reader import Proposal, read_file, read_text

SOURCE = Path(__file__).parent / "fixtures" / "source_groupe_pays_etats_unis.txt"
PERSON = {"civility", "first_name", "last_name", "function", "organisation"}
KEYS = {
    "date", "place", "title", "present", "excused", "absent", "represented", "organisations",
    "speakers", "events", "decisions", "actions", "next_meeting",
}  # fmt: skip


def check_shape(data: dict) -> None:
    assert set(data) == KEYS
    for kind in ("present", "excused", "absent", "speakers"):
        assert all(set(person) == PERSON for person in data[kind])
    assert all(set(person) == PERSON | {"proxy"} for person in data["represented"])
    assert all(set(event) == {"text", "start", "end", "precision"} for event in data["events"])
    assert all(event["precision"] in ("day", "month", "season", "year") for event in data["events"])
    assert all(set(decision) == {"text"} for decision in data["decisions"])
    assert all(set(action) == {"text", "owner", "due"} for action in data["actions"])
    json.dumps(data)


def test_the_json_shape_of_the_issue():
    data = read_file(SOURCE.read_bytes(), SOURCE.name).to_json()
    check_shape(data)
    assert data["present"][0] == {
        "civility": "Mme",
        "first_name": "Marie-Bernard",
        "last_name": "Amirault Deiss",
        "function": "Responsable des Relations internationales et de la Coopération décentralisée",
        "organisation": "TOURS",
    }


def test_represented_people_carry_their_proxy_and_the_next_meeting_its_time():
    data = read_text(
        "Réunion du 12 mai 2022\n\nExcusés : M. Luc Bernard (pouvoir à Mme Claire Martin).\n\n"
        "Prochaine réunion le 9 juin 2022 à 18h30."
    ).to_json()
    assert data["represented"] == [
        {
            "civility": "M.",
            "first_name": "Luc",
            "last_name": "Bernard",
            "function": None,
            "organisation": None,
            "proxy": "Claire Martin",
        }
    ]
    assert data["next_meeting"] == "2022-06-09T18:30"


def test_the_json_reads_back():
    proposal = read_file(SOURCE.read_bytes(), SOURCE.name)
    assert Proposal.from_json(proposal.to_json()).to_json() == proposal.to_json()


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_gives_a_proposal(text: str):
    check_shape(read_text(text).to_json())


NOISE = (
    "Présents : Excusés : Absents : M. Mme Jean DUPONT Marie, et (pouvoir à ) - [ ] [x] -> "
    "Action : Décision : le 12 mai 2022 du 3 au 5 juin fin avril 14h30 | \t\n ** # TODO "
    "Prochaine réunion s'occupe de il est proposé d'écrire à"
)
words = st.sampled_from(NOISE.split(" "))


@settings(max_examples=80, deadline=None)
@given(st.lists(words, max_size=80))
def test_minutes_like_noise_gives_a_proposal(parts: list[str]):
    check_shape(read_text(" ".join(parts)).to_json())
