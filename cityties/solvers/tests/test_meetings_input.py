from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cityties.solvers.meetings import (
    Meeting,
    SolverInputError,
    greedy,
    parse_instance,
    schedule_weight,
    violations,
)
from cityties.solvers.tests.reference import random_instance
from cityties.solvers.tests.strategies import slot_json


def base() -> dict[str, Any]:
    return {
        "slots": [slot_json(0), slot_json(1)],
        "places": [{"id": "t1", "capacity": 1}],
        "parties": [{"id": "p1", "unavailable": ["s1"], "max_meetings": 12}, {"id": "p2"}],
        "requests": [{"id": "r1", "parties": ["p1", "p2"], "priority": 2, "places": ["t1"]}],
    }


def test_valid_input_parses() -> None:
    inst = parse_instance(base())
    assert [r.id for r in inst.requests] == ["r1"]


@pytest.mark.parametrize(
    ("mutate", "named"),
    [
        (lambda d: d["requests"][0]["parties"].append("ghost"), "ghost"),
        (lambda d: d["requests"][0].update(places=["nowhere"]), "nowhere"),
        (lambda d: d["parties"][0].update(unavailable=["s9"]), "s9"),
        (lambda d: d["parties"].append({"id": "p1"}), "p1"),
        (lambda d: d["slots"].append(slot_json(0)), "s0"),
        (lambda d: d["places"][0].update(capacity="one"), "t1"),
        (lambda d: d["requests"][0].update(priority=True), "r1"),
        (lambda d: d["parties"][1].update(max_meetings=-1), "p2"),
        (lambda d: d["slots"][0].update(start="tomorrow"), "s0"),
        (lambda d: d.update(requests={"r1": {}}), "requests"),
    ],
)
def test_malformed_input_names_the_offending_item(mutate: Any, named: str) -> None:
    data = base()
    mutate(data)
    with pytest.raises(SolverInputError, match=named):
        parse_instance(data)


def test_lock_in_an_unavailable_slot_is_rejected() -> None:
    data = {**base(), "locked": [{"request": "r1", "slot": "s1", "place": "t1"}]}
    with pytest.raises(SolverInputError, match=r"r1.*unavailable"):
        parse_instance(data)


def test_locks_that_overfill_a_place_are_explained() -> None:
    data = base()
    data["parties"] += [{"id": "p3"}, {"id": "p4"}]
    data["requests"].append({"id": "r2", "parties": ["p3", "p4"]})
    data["locked"] = [
        {"request": "r1", "slot": "s0", "place": "t1"},
        {"request": "r2", "slot": "s0", "place": "t1"},
    ]
    with pytest.raises(SolverInputError, match="over-full"):
        parse_instance(data)


def test_locks_beyond_max_meetings_are_explained() -> None:
    data = base()
    data["parties"][0] = {"id": "p1", "max_meetings": 0}
    data["locked"] = [{"request": "r1", "slot": "s0", "place": "t1"}]
    with pytest.raises(SolverInputError, match="max_meetings"):
        parse_instance(data)


def run_cli(tmp_path: Path, data: Any) -> subprocess.CompletedProcess[str]:
    src = tmp_path / "in.json"
    src.write_text(json.dumps(data))
    root = Path(__file__).resolve().parents[3]
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "cityties.solvers.meetings",
            str(src),
            "--out",
            str(tmp_path / "out.json"),
        ],
        capture_output=True,
        text=True,
        cwd=root,
        check=False,
    )


def test_cli_writes_the_schedule(tmp_path: Path) -> None:
    proc = run_cli(tmp_path, base())
    assert proc.returncode == 0, proc.stderr
    out = json.loads((tmp_path / "out.json").read_text())
    assert out["meetings"] == [{"request": "r1", "slot": "s0", "place": "t1"}]
    assert out["unscheduled"] == []
    assert out["stats"]["weight"] == 2 and out["stats"]["upper_bound"] == 2


def test_cli_exits_nonzero_on_bad_input(tmp_path: Path) -> None:
    data = base()
    data["requests"][0]["parties"] = ["p1", "nobody"]
    proc = run_cli(tmp_path, data)
    assert proc.returncode == 2
    assert "nobody" in proc.stderr


def test_cli_schedule_of_a_generated_instance_passes_the_checker(tmp_path: Path) -> None:
    data = random_instance(seed=7, requests=40, locks=True)
    proc = run_cli(tmp_path, data)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""  # nothing but the output file (no solver banner)
    out = json.loads((tmp_path / "out.json").read_text())
    inst = parse_instance(data)
    meetings = [Meeting(m["request"], m["slot"], m["place"]) for m in out["meetings"]]
    assert violations(inst, meetings) == []
    placed = {m.request for m in meetings}
    assert sorted(placed | set(out["unscheduled"])) == sorted(r["id"] for r in data["requests"])
    assert not placed & set(out["unscheduled"])
    stats = out["stats"]
    assert stats["weight"] == schedule_weight(inst, meetings)
    assert stats["weight"] <= stats["upper_bound"]
    assert stats["weight"] >= greedy(inst).weight
    assert stats["scheduled"] == len(meetings)
