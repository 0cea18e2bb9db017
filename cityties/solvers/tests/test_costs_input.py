"""The command line on good and bad input: exit 2 and a message naming the culprit."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cityties.solvers.costs import InvalidInput, parse_input
from cityties.solvers.tests.test_costs_examples import SAMPLE

ROOT = Path(__file__).resolve().parents[3]


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cityties.solvers.costs", *args],
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


def test_the_command_line_prints_the_result(tmp_path: Path) -> None:
    done = cli(write(tmp_path, SAMPLE))
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["total"] == "1802.60"
    assert out["funders"] == {"bf": "751.30", "caen": "300.00"}


def test_the_command_line_writes_the_out_file(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    done = cli(write(tmp_path, SAMPLE), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["items"][0]["shares"] == {
        "soyhuce": "751.30",
        "starnav": "751.30",
    }


def test_json_numbers_are_read_exactly(tmp_path: Path) -> None:
    text = json.dumps(SAMPLE).replace('"0.9013"', "0.9013").replace('"4.5"', "4.5")
    done = cli("-", stdin=text)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["items"][0]["amount"] == "1802.60"


Mutation = Callable[[dict[str, Any]], object]


def stand(data: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = data["items"][0]
    return item


def rule(data: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = data["subsidies"][0]
    return found


BAD: list[tuple[str, Mutation, str, str]] = [
    (
        "unknown participant in a share",
        lambda d: stand(d)["shares"].append({"participant": "ghost", "area_m2": "1"}),
        "stand-1",
        "ghost",
    ),
    (
        "unknown participant covering",
        lambda d: stand(d)["covered"].append({"by": "nobody", "amount": "1"}),
        "stand-1",
        "nobody",
    ),
    (
        "duplicate participant",
        lambda d: d["participants"].append({"id": "caen"}),
        "caen",
        "duplicate",
    ),
    (
        "duplicate item",
        lambda d: d["items"].append(copy.deepcopy(stand(d))),
        "stand-1",
        "duplicate",
    ),
    ("duplicate rule", lambda d: d["subsidies"].append(copy.deepcopy(rule(d))), "bf", "duplicate"),
    (
        "two shares of one participant",
        lambda d: stand(d)["shares"].append({"participant": "soyhuce", "area_m2": "0"}),
        "stand-1",
        "two shares",
    ),
    ("negative amount", lambda d: stand(d).update(amount="-2000"), "stand-1", "negative"),
    ("negative item area", lambda d: stand(d).update(area_m2="-9"), "stand-1", "negative"),
    (
        "negative share area",
        lambda d: stand(d)["shares"][0].update(area_m2="-4.5"),
        "stand-1",
        "negative",
    ),
    (
        "negative days",
        lambda d: stand(d).update(
            split="days",
            shares=[{"participant": "soyhuce", "days": -1}, {"participant": "starnav", "days": 2}],
        ),
        "stand-1",
        "negative",
    ),
    (
        "negative weight",
        lambda d: stand(d).update(
            split="weights",
            shares=[
                {"participant": "soyhuce", "weight": "-1"},
                {"participant": "starnav", "weight": "2"},
            ],
        ),
        "stand-1",
        "negative",
    ),
    ("negative cover", lambda d: stand(d)["covered"][0].update(amount="-1"), "stand-1", "negative"),
    (
        "negative aid received",
        lambda d: d["participants"][0].update(aid_received="-5"),
        "soyhuce",
        "negative",
    ),
    ("negative exchange rate", lambda d: d.update(rates={"USD": "-0.9"}), "rates", "negative"),
    ("zero exchange rate", lambda d: d.update(rates={"USD": "0"}), "rates", "above zero"),
    ("subsidy rate above 1", lambda d: rule(d).update(rate="1.5"), "bf", "between 0 and 1"),
    ("subsidy rate below 0", lambda d: rule(d).update(rate="-0.1"), "bf", "between 0 and 1"),
    ("negative cap", lambda d: rule(d).update(cap_per_participant="-1"), "bf", "negative"),
    ("negative ceiling", lambda d: rule(d).update(max_area_m2="-1"), "bf", "negative"),
    (
        "currency without a rate",
        lambda d: d.update(rates={}),
        "stand-1",
        "no exchange rate for USD",
    ),
    (
        "shares above the stand's area",
        lambda d: stand(d)["shares"][1].update(area_m2="5"),
        "stand-1",
        "more than the item's 9",
    ),
    (
        "covered above the amount",
        lambda d: stand(d)["covered"][0].update(amount="1802.61"),
        "stand-1",
        "above the item's amount",
    ),
    (
        "area split with a share without area",
        lambda d: stand(d)["shares"][1].pop("area_m2"),
        "stand-1",
        "no 'area_m2'",
    ),
    (
        "days split with a share without days",
        lambda d: stand(d).update(
            split="days", shares=[{"participant": "soyhuce", "days": 1}, {"participant": "starnav"}]
        ),
        "stand-1",
        "no 'days'",
    ),
    (
        "weights split with a share without weight",
        lambda d: stand(d).update(
            split="weights",
            shares=[{"participant": "soyhuce"}, {"participant": "starnav", "weight": 1}],
        ),
        "stand-1",
        "no 'weight'",
    ),
    (
        "share days above the item's",
        lambda d: stand(d).update(
            days=3,
            split="days",
            shares=[{"participant": "soyhuce", "days": 4}, {"participant": "starnav", "days": 1}],
        ),
        "stand-1",
        "more than the item's 3",
    ),
    (
        "shares' days above the item's",
        lambda d: stand(d).update(
            days=4,
            split="days",
            shares=[{"participant": "soyhuce", "days": 3}, {"participant": "starnav", "days": 2}],
        ),
        "stand-1",
        "days add up to 5, more than the item's 4",
    ),
    ("remaining cost but no share", lambda d: stand(d).update(shares=[]), "stand-1", "no share"),
    ("money with a comma", lambda d: stand(d).update(amount="2000,00"), "stand-1", "not a number"),
    ("money as words", lambda d: rule(d).update(cap_total="a lot"), "bf", "not a number"),
    (
        "money as a boolean",
        lambda d: stand(d)["covered"][0].update(amount=True),
        "stand-1",
        "must be a number",
    ),
    ("not a number", lambda d: stand(d).update(amount="NaN"), "stand-1", "not a number"),
    (
        "unknown split",
        lambda d: stand(d).update(split="surface"),
        "stand-1",
        "'split' must be one of",
    ),
    (
        "unknown eligibility key",
        lambda d: rule(d)["eligible"].update(max_prior=2),
        "bf",
        "unknown key in 'eligible': max_prior",
    ),
    ("unknown window key", lambda d: rule(d)["window"].update(years=3), "bf", "unknown key"),
    (
        "absurd amount",
        lambda d: stand(d).update(amount="1e15".replace("e15", "0" * 15)),
        "stand-1",
        "below",
    ),
    ("absurd area", lambda d: stand(d).update(area_m2="10000000"), "stand-1", "below"),
    ("cents below the cent", lambda d: rule(d).update(cap_total="100.001"), "bf", "decimals"),
    (
        "a share of nobody",
        lambda d: stand(d)["shares"][0].pop("participant"),
        "stand-1",
        "participant",
    ),
    ("an item without id", lambda d: stand(d).pop("id"), "items[0]", "'id'"),
    ("an item without kind", lambda d: stand(d).pop("kind"), "stand-1", "'kind'"),
    (
        "a list for a participant",
        lambda d: d["participants"].append([]),
        "participants[3]",
        "object",
    ),
    ("a rule without rate", lambda d: rule(d).pop("rate"), "bf", "'rate' is missing"),
    (
        "a fact of the wrong type",
        lambda d: d["participants"][1].update(sme="yes"),
        "starnav",
        "true or false",
    ),
    (
        "a negative count",
        lambda d: d["participants"][1].update(prior_participations=-1),
        "starnav",
        "negative",
    ),
]


@pytest.mark.parametrize(("mutate", "who", "words"), [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_bad_input_exits_2_naming_the_culprit(
    tmp_path: Path, mutate: Mutation, who: str, words: str
) -> None:
    data = copy.deepcopy(SAMPLE)
    mutate(data)
    done = cli(write(tmp_path, data))
    assert done.returncode == 2, done.stdout
    assert done.stdout == ""
    assert done.stderr.startswith(f"error: {who}: "), done.stderr
    assert words in done.stderr


def test_an_unreadable_file_exits_2(tmp_path: Path) -> None:
    done = cli(str(tmp_path / "missing.json"))
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {tmp_path / 'missing.json'}: cannot read")


def test_a_file_that_is_not_json_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "input.json"
    path.write_text("{'currency': 'EUR'", encoding="utf-8")
    done = cli(str(path))
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {path}: not a JSON document")


def test_a_json_list_is_not_an_input(tmp_path: Path) -> None:
    done = cli(write(tmp_path, [SAMPLE]))
    assert done.returncode == 2
    assert done.stderr.startswith("error: input: the input must be an object")


def test_the_error_carries_the_id_and_the_message() -> None:
    data = copy.deepcopy(SAMPLE)
    stand(data)["shares"][0]["participant"] = "ghost"
    with pytest.raises(InvalidInput) as info:
        parse_input(data)
    assert (info.value.id, info.value.message) == (
        "stand-1",
        "share of unknown participant 'ghost'",
    )


def test_descriptive_keys_are_ignored() -> None:
    data = copy.deepcopy(SAMPLE)
    stand(data)["label"] = "Stand A12"
    rule(data)["reference"] = "Business France, Team France Export 2016"
    data["participants"][0]["name"] = "Soyhuce"
    assert parse_input(data).items[0].id == "stand-1"
