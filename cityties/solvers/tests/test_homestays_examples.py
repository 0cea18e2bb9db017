"""The homestay engine on small hand-made cases: one rule each, the objective's order, the
reasons' codes and words."""

from __future__ import annotations

from typing import Any

import pytest

from cityties.solvers.homestays import (
    assign,
    breaches,
    parse_input,
    reason_text_en,
    result_to_json,
    synthetic,
    violations,
)


def host(id: str = "h1", **values: Any) -> dict[str, Any]:
    return {
        "id": id,
        "beds": 1,
        "from": "2016-11-14",
        "to": "2016-11-21",
        "languages": ["en", "fr"],
        **values,
    }


def guest(id: str = "g1", **values: Any) -> dict[str, Any]:
    return {
        "id": id,
        "arrive": "2016-11-15",
        "leave": "2016-11-19",
        "gender": "f",
        "languages": ["fr"],
        **values,
    }


def run(hosts: list[dict[str, Any]], guests: list[dict[str, Any]], **extra: Any) -> Any:
    inp = parse_input({"hosts": hosts, "guests": guests, **extra})
    result = assign(inp)
    assert violations(inp, result) == []
    return result


CLOSED = [
    ("nights", host(**{"from": "2016-11-16"}), guest()),
    ("nights", host(to="2016-11-18"), guest()),
    ("language", host(languages=["en"]), guest()),
    ("gender", host(genders=["m"]), guest()),
    ("gender", host(genders=["f", "m"]), guest(gender=None)),
    ("pets", host(pets=True), guest(pet_allergy=True)),
    ("smoking", host(smoking=True), guest(non_smoking=True)),
    ("commute", host(minutes_to_venue=50), guest(max_minutes=45)),
]


@pytest.mark.parametrize(("code", "h", "g"), CLOSED, ids=[c[0] for c in CLOSED])
def test_each_static_rule_keeps_a_guest_out(code: str, h: dict, g: dict) -> None:
    result = run([h], [g])
    assert result.assignments == ()
    [unplaced] = result.unplaced
    assert [r.code for r in unplaced.reasons] == [code]
    assert result.upper_bound == 0


OPEN = [
    host(pets=True),
    host(smoking=True),
    host(minutes_to_venue=50),
    host(genders=["f"]),
    host(**{"from": "2016-11-15", "to": "2016-11-19"}),
]


@pytest.mark.parametrize("h", OPEN)
def test_a_rule_only_binds_when_it_applies(h: dict) -> None:
    assert len(run([h], [guest()]).assignments) == 1


def test_a_host_never_holds_more_guests_than_beds_on_a_night() -> None:
    result = run([host(beds=2)], [guest("a"), guest("b"), guest("c", priority=2)])
    assert result.placed == 2
    assert "c" in result.host_of()
    [unplaced] = result.unplaced
    assert unplaced.reasons[0].code == "full"
    assert len(unplaced.reasons[0].nights) == 4


def test_guests_on_different_nights_share_a_bed() -> None:
    early = guest("a", arrive="2016-11-14", leave="2016-11-16")
    late = guest("b", arrive="2016-11-16", leave="2016-11-20")
    assert run([host(beds=1)], [early, late]).placed == 2


def test_same_gender_only_applies_night_by_night() -> None:
    women = guest("a", arrive="2016-11-14", leave="2016-11-16")
    man = guest("b", arrive="2016-11-16", leave="2016-11-20", gender="m")
    overlapping = guest("c", arrive="2016-11-15", leave="2016-11-17", gender="m")
    h = host(beds=3, same_gender_only=True)
    assert run([h], [women, man]).placed == 2
    result = run([h], [women, overlapping])
    assert result.placed == 1
    assert result.unplaced[0].reasons[0].code == "same_gender"


def test_priority_comes_before_pairs() -> None:
    mayor = guest("mayor", priority=5)
    a, b = guest("a", **{"with": ["b"]}), guest("b")
    result = run([host(beds=2), host("h2")], [mayor, a, b])
    assert result.priority == 7
    assert result.placed == 3


def test_colleagues_stay_together_when_they_can() -> None:
    a, b = guest("a", **{"with": ["b"]}), guest("b", **{"with": ["a"]})
    result = run([host(beds=1), host("h2", beds=2), host("h3", beds=1)], [a, b])
    assert result.host_of() == {"a": "h2", "b": "h2"}
    assert result.pairs == 1  # a pair asked by both counts once


def test_a_lock_is_kept_even_against_the_objective() -> None:
    result = run(
        [host(beds=1), host("h2", beds=2)],
        [guest("a", **{"with": ["b"]}), guest("b")],
        locked=[{"guest": "a", "host": "h1"}],
    )
    assert result.host_of()["a"] == "h1"
    assert result.pairs == 0
    assert result.method == "exact"


def test_the_reasons_name_the_rule_and_the_hosts_in_words() -> None:
    hosts = [host("smith", pets=True), host("jones", languages=["en"]), host("brown", beds=0)]
    result = run(hosts, [guest(pet_allergy=True)])
    out = result_to_json(result)["unplaced"][0]
    assert [c["code"] for c in out["codes"]] == ["language", "pets", "full"]
    assert out["reasons"] == [
        "1 of the 3 hosts shares no language with g1 (fr): jones.",
        "1 of the 3 hosts keeps pets, and g1 has a pet allergy: smith.",
        "1 of the 3 hosts meets every rule but has no free bed on the nights of 2016-11-15, "
        "2016-11-16, 2016-11-17, 2016-11-18: brown.",
    ]


def test_a_guest_with_no_host_at_all_is_told_so() -> None:
    result = run([], [guest()])
    assert reason_text_en(result.unplaced[0].reasons[0]) == "There is no host family in the input."


def test_breaches_name_a_guest_moved_by_hand_against_a_rule() -> None:
    inp = parse_input(
        {"hosts": [host(beds=1, pets=True)], "guests": [guest("a", pet_allergy=True), guest("b")]}
    )
    found = breaches(inp, {"a": "h1", "b": "h1"})
    assert [(b.code, b.guests) for b in found] == [("pets", ("a",)), ("beds", ("a", "b"))]


def test_generated_instances_are_deterministic_and_valid() -> None:
    a = synthetic.build_instance(40, 36, seed=3, scarce=True)
    assert a == synthetic.build_instance(40, 36, seed=3, scarce=True)
    inp = parse_input(a)
    assert len(inp.guests) == 40 and len(inp.hosts) == 36
    assert inp.pairs


def test_a_small_generated_instance_is_solved_exactly() -> None:
    inp = parse_input(synthetic.build_instance(40, 36, seed=1, scarce=True))
    result = assign(inp, time_limit=20)
    assert violations(inp, result) == []
    assert result.method == "exact"
    assert result.upper_bound == result.priority
