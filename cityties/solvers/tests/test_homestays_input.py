"""The homestay command line on good and bad input: exit 2 and a message naming the
culprit."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cityties.solvers.homestays import InvalidInput, parse_input

ROOT = Path(__file__).resolve().parents[3]

#: The issue's example, completed with the colleague and the locked guest it names.
SAMPLE: dict[str, Any] = {
    "hosts": [
        {
            "id": "h1",
            "beds": 2,
            "from": "2016-11-14",
            "to": "2016-11-21",
            "languages": ["en", "fr"],
            "pets": True,
            "smoking": False,
            "genders": ["f", "m"],
            "same_gender_only": True,
            "minutes_to_venue": 25,
        },
        {
            "id": "h2",
            "beds": 2,
            "from": "2016-11-14",
            "to": "2016-11-21",
            "languages": ["en"],
            "pets": False,
            "smoking": False,
            "minutes_to_venue": 10,
        },
    ],
    "guests": [
        {
            "id": "g1",
            "arrive": "2016-11-15",
            "leave": "2016-11-20",
            "gender": "f",
            "languages": ["fr", "en"],
            "pet_allergy": True,
            "non_smoking": True,
            "max_minutes": 45,
            "with": ["g2"],
            "priority": 2,
        },
        {
            "id": "g2",
            "arrive": "2016-11-15",
            "leave": "2016-11-19",
            "gender": "f",
            "languages": ["fr", "en"],
            "pet_allergy": True,
            "priority": 1,
        },
        {
            "id": "g3",
            "arrive": "2016-11-14",
            "leave": "2016-11-18",
            "gender": "m",
            "languages": ["en"],
            "priority": 3,
        },
    ],
    "locked": [{"guest": "g3", "host": "h2"}],
}


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cityties.solvers.homestays", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def write(tmp_path: Path, data: Any) -> str:
    path = tmp_path / "input.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_the_command_line_prints_the_issue_shape(tmp_path: Path) -> None:
    done = cli(write(tmp_path, SAMPLE))
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["assignments"] == [{"guest": "g1", "host": "h2"}, {"guest": "g3", "host": "h2"}]
    assert [u["guest"] for u in out["unplaced"]] == ["g2"]
    assert set(out["stats"]) == {"placed", "priority", "pairs", "upper_bound", "seconds", "method"}
    assert out["stats"]["priority"] == 5
    assert out["stats"]["upper_bound"] == 5


def test_the_command_line_writes_the_out_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    done = cli(write(tmp_path, SAMPLE), "--out", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["stats"]["placed"] == 2


def test_the_command_line_reads_stdin() -> None:
    done = cli("-", stdin=json.dumps(SAMPLE))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["stats"]["method"] == "exact"


Mutation = Callable[[dict[str, Any]], object]


def host(data: dict[str, Any], i: int = 0) -> dict[str, Any]:
    found: dict[str, Any] = data["hosts"][i]
    return found


def guest(data: dict[str, Any], i: int = 0) -> dict[str, Any]:
    found: dict[str, Any] = data["guests"][i]
    return found


BAD: list[tuple[str, Mutation, str, str]] = [
    ("unknown colleague", lambda d: guest(d)["with"].append("g9"), "g1", "g9"),
    ("colleague is oneself", lambda d: guest(d).update({"with": ["g1"]}), "g1", "themselves"),
    (
        "lock of an unknown guest",
        lambda d: d["locked"].append({"guest": "g9", "host": "h1"}),
        "g9",
        "no guest",
    ),
    (
        "lock to an unknown host",
        lambda d: d["locked"].append({"guest": "g1", "host": "h9"}),
        "g1",
        "h9",
    ),
    (
        "guest locked twice",
        lambda d: d["locked"].append({"guest": "g3", "host": "h1"}),
        "g3",
        "more than once",
    ),
    (
        "leave before arrive",
        lambda d: guest(d).update({"leave": "2016-11-14"}),
        "g1",
        "after 'arrive'",
    ),
    (
        "stay of no night",
        lambda d: guest(d).update({"leave": "2016-11-15"}),
        "g1",
        "after 'arrive'",
    ),
    ("to before from", lambda d: host(d).update({"to": "2016-11-10"}), "h1", "after 'from'"),
    ("negative beds", lambda d: host(d).update({"beds": -1}), "h1", "negative"),
    ("beds not a number", lambda d: host(d).update({"beds": "two"}), "h1", "whole number"),
    ("fractional beds", lambda d: host(d).update({"beds": 1.5}), "h1", "whole number"),
    ("negative priority", lambda d: guest(d).update({"priority": -2}), "g1", "negative"),
    ("not a date", lambda d: guest(d).update({"arrive": "15/11/2016"}), "g1", "YYYY-MM-DD"),
    ("no such day", lambda d: guest(d).update({"arrive": "2016-02-30"}), "g1", "not a real date"),
    (
        "duplicate guest",
        lambda d: d["guests"].append(copy.deepcopy(guest(d, 1))),
        "g2",
        "two guests",
    ),
    ("duplicate host", lambda d: d["hosts"].append(copy.deepcopy(host(d))), "h1", "two hosts"),
    ("pets flag not a boolean", lambda d: host(d).update({"pets": "yes"}), "h1", "true or false"),
    ("negative minutes", lambda d: host(d).update({"minutes_to_venue": -5}), "h1", "negative"),
    ("languages not a list", lambda d: guest(d).update({"languages": "fr"}), "g1", "list"),
    ("host without an id", lambda d: host(d).pop("id"), "hosts[0]", "'id'"),
    ("guests missing", lambda d: d.pop("guests"), "input", "'guests' is missing"),
    (
        "lock against pets",
        lambda d: d["locked"].append({"guest": "g1", "host": "h1"}),
        "g1",
        "pets",
    ),
    (
        "lock to a host too far",
        lambda d: (
            host(d, 1).update({"minutes_to_venue": 90}),
            d["locked"].append({"guest": "g1", "host": "h2"}),
        ),
        "g1",
        "commute",
    ),
    (
        "locks overfilling a host",
        lambda d: (
            host(d, 1).update({"beds": 1}),
            d["locked"].append({"guest": "g2", "host": "h2"}),
        ),
        "h2",
        "bed",
    ),
    (
        "locks mixing genders",
        lambda d: (
            host(d, 1).update({"same_gender_only": True}),
            d["locked"].append({"guest": "g2", "host": "h2"}),
        ),
        "h2",
        "gender",
    ),
]


@pytest.mark.parametrize(("mutate", "who", "words"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_input_is_refused_naming_the_culprit(mutate: Mutation, who: str, words: str) -> None:
    data = copy.deepcopy(SAMPLE)
    mutate(data)
    with pytest.raises(InvalidInput) as caught:
        parse_input(data)
    assert caught.value.id == who
    assert words in caught.value.message


def test_the_command_line_exits_2_with_the_culprit(tmp_path: Path) -> None:
    data = copy.deepcopy(SAMPLE)
    guest(data)["with"] = ["g2", "nobody"]
    done = cli(write(tmp_path, data))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("error: g1: ")
    assert "nobody" in done.stderr


def test_a_file_that_is_not_json_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    done = cli(str(path))
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {path}: not a JSON document")


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    done = cli(str(tmp_path / "nowhere.json"))
    assert done.returncode == 2
    assert "cannot read the file" in done.stderr


def test_a_document_that_is_not_an_object_exits_2(tmp_path: Path) -> None:
    done = cli(write(tmp_path, [1, 2]))
    assert done.returncode == 2
    assert done.stderr.startswith("error: input: ")


def test_keys_beyond_the_issue_are_ignored() -> None:
    data = copy.deepcopy(SAMPLE)
    host(data)["name"] = "The Smiths"
    guest(data)["notes"] = "vegetarian"
    assert parse_input(data) == parse_input(SAMPLE)
