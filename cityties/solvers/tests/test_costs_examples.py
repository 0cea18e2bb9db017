"""The allocation engine on hand-computed cases: the issue's examples and each rule."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest

from cityties.solvers.costs import (
    Result,
    allocate,
    note_text_en,
    parse_input,
    result_to_json,
    violations,
)

SAMPLE: dict[str, Any] = {
    "currency": "EUR",
    "rates": {"USD": "0.9013"},
    "participants": [
        {
            "id": "soyhuce",
            "kind": "company",
            "region": "normandie",
            "sme": True,
            "prior_participations": 1,
            "previous_edition": False,
            "aid_received": "0.00",
        },
        {"id": "starnav", "kind": "company", "region": "normandie", "sme": True},
        {"id": "caen", "kind": "government"},
    ],
    "items": [
        {
            "id": "stand-1",
            "kind": "stand",
            "amount": "2000.00",
            "currency": "USD",
            "area_m2": "9",
            "split": "area",
            "shares": [
                {"participant": "soyhuce", "area_m2": "4.5"},
                {"participant": "starnav", "area_m2": "4.5"},
            ],
            "covered": [{"by": "caen", "amount": "300.00"}],
        }
    ],
    "subsidies": [
        {
            "id": "bf",
            "funder": "business-france",
            "rate": "0.50",
            "kinds": ["stand", "registration"],
            "eligible": {
                "kinds": ["company"],
                "sme": True,
                "max_prior_participations": 2,
                "not_previous_edition": True,
                "regions": ["normandie"],
                "min_from_region": 2,
            },
            "max_area_m2": "20",
            "max_price_per_m2": "200.00",
            "cap_per_participant": "4000.00",
            "cap_total": "1300000.00",
            "window": {"limit": "200000.00", "all_or_nothing": True},
        }
    ],
}


def run(data: dict[str, Any]) -> Result:
    inp = parse_input(data)
    result = allocate(inp)
    assert violations(inp, result) == []
    return result


def company(pid: str, **facts: Any) -> dict[str, Any]:
    return {"id": pid, "kind": "company", "sme": True, "region": "normandie", **facts}


def half_rule(**extra: Any) -> dict[str, Any]:
    return {"id": "bf", "rate": "0.5", "kinds": ["stand", "registration"], **extra}


def one_company_pavilion(aid: str = "0", **rule: Any) -> dict[str, Any]:
    """60 m² at 450 EUR/m² plus 1,000 EUR registration for one company."""
    return {
        "currency": "EUR",
        "participants": [company("acme", aid_received=aid)],
        "items": [
            {
                "id": "stand",
                "kind": "stand",
                "amount": "27000",
                "area_m2": "60",
                "shares": [{"participant": "acme"}],
            },
            {
                "id": "registration",
                "kind": "registration",
                "amount": "1000",
                "shares": [{"participant": "acme"}],
            },
        ],
        "subsidies": [half_rule(max_area_m2="50", max_price_per_m2="400", **rule)],
    }


def amount(result: Result, pid: str, rule: str = "bf") -> Decimal:
    return result.participant(pid).subsidies[rule]


# --------------------------------------------------------------------------- the issue


def test_usd_stand_split_equally_gives_the_extra_cents_to_the_first_ids() -> None:
    data = {
        "currency": "EUR",
        "rates": {"USD": "0.9013"},
        "participants": [company("soyhuce"), company("akidou"), company("bemyapp")],
        "items": [
            {
                "id": "stand",
                "kind": "stand",
                "amount": "2000",
                "currency": "USD",
                "split": "equal",
                "shares": [{"participant": p} for p in ("soyhuce", "akidou", "bemyapp")],
            }
        ],
    }
    res = run(data)
    assert res.item("stand").amount == Decimal("1802.60")
    assert dict(res.item("stand").shares) == {
        "akidou": Decimal("600.87"),
        "bemyapp": Decimal("600.87"),
        "soyhuce": Decimal("600.86"),
    }


def test_area_and_price_ceilings_keep_the_aid_at_200_eur_per_m2() -> None:
    res = run(one_company_pavilion())
    assert amount(res, "acme") == Decimal("10500.00")
    note = res.participant("acme").notes["bf"]
    assert [b.code for b in note.bounds] == ["area_ceiling", "price_ceiling"]
    assert (note.cost, note.base, note.uncapped) == (
        Decimal("28000.00"),
        Decimal("21000.00"),
        Decimal("10500.00"),
    )


def test_a_window_with_45000_already_received_leaves_5000() -> None:
    res = run(one_company_pavilion(aid="45000", window={"limit": "50000"}))
    assert amount(res, "acme") == Decimal("5000.00")
    note = res.participant("acme").notes["bf"]
    assert note.code == "window"
    assert (note.bounds[-1].before, note.bounds[-1].after) == (Decimal("10500.00"), Decimal(5000))


def test_an_all_or_nothing_window_gives_nothing_to_who_would_pass_it() -> None:
    res = run(one_company_pavilion(aid="45000", window={"limit": "50000", "all_or_nothing": True}))
    assert amount(res, "acme") == 0
    assert res.participant("acme").notes["bf"].code == "window_all_or_nothing"


def test_an_all_or_nothing_window_reached_exactly_grants_the_whole_amount() -> None:
    res = run(one_company_pavilion(aid="39500", window={"limit": "50000", "all_or_nothing": True}))
    assert amount(res, "acme") == Decimal("10500.00")


def test_the_issue_sample_gives_the_issue_output() -> None:
    out = result_to_json(run(SAMPLE))
    assert out["items"] == [
        {
            "id": "stand-1",
            "amount": "1802.60",
            "covered": {"caen": "300.00"},
            "shares": {"soyhuce": "751.30", "starnav": "751.30"},
        }
    ]
    figures = {p["id"]: (p["gross"], p["subsidies"], p["net"]) for p in out["participants"]}
    assert figures == {
        "caen": ("0.00", {"bf": "0.00"}, "0.00"),
        "soyhuce": ("751.30", {"bf": "375.65"}, "375.65"),
        "starnav": ("751.30", {"bf": "375.65"}, "375.65"),
    }
    assert out["funders"] == {"bf": "751.30", "caen": "300.00"}
    assert out["total"] == "1802.60"


def test_the_sample_notes_say_why_in_english() -> None:
    notes = {p["id"]: p["notes"]["bf"] for p in result_to_json(run(SAMPLE))["participants"]}
    assert notes["soyhuce"] == "50% of 751.30 EUR = 375.65 EUR"
    assert notes["caen"].startswith("not eligible: kind government is not company")


# --------------------------------------------------------------------------- rules 1-3


def test_conversion_rounds_half_up_to_the_cent() -> None:
    data = {
        "currency": "EUR",
        "rates": {"USD": "0.5"},
        "participants": [company("a")],
        "items": [
            {
                "id": "i",
                "kind": "other",
                "amount": "0.01",
                "currency": "USD",
                "shares": [{"participant": "a"}],
            }
        ],
    }
    assert run(data).item("i").amount == Decimal("0.01")


def split_case(split: str, shares: list[dict[str, Any]], amount: str = "100") -> Result:
    return run(
        {
            "participants": [company(s["participant"]) for s in shares],
            "items": [
                {"id": "i", "kind": "stand", "amount": amount, "split": split, "shares": shares}
            ],
        }
    )


def test_area_split_is_in_proportion_to_the_areas() -> None:
    res = split_case(
        "area", [{"participant": "a", "area_m2": "6"}, {"participant": "b", "area_m2": "3"}]
    )
    assert dict(res.item("i").shares) == {"a": Decimal("66.67"), "b": Decimal("33.33")}


def test_days_split_is_in_proportion_to_the_days() -> None:
    res = split_case("days", [{"participant": "a", "days": 1}, {"participant": "b", "days": 3}])
    assert dict(res.item("i").shares) == {"a": Decimal("25.00"), "b": Decimal("75.00")}


def test_weights_split_is_in_proportion_to_the_weights() -> None:
    res = split_case(
        "weights",
        [{"participant": p, "weight": w} for p, w in (("a", "1"), ("b", "1"), ("c", "2"))],
        amount="0.10",
    )
    # Quotas 0.025, 0.025, 0.05: the cent left goes to the first id of the tie.
    assert dict(res.item("i").shares) == {
        "a": Decimal("0.03"),
        "b": Decimal("0.02"),
        "c": Decimal("0.05"),
    }


def test_largest_remainder_beats_the_id_order() -> None:
    res = split_case(
        "weights",
        [{"participant": "a", "weight": 1}, {"participant": "b", "weight": 2}],
        amount="0.10",
    )
    # Quotas 0.0333 and 0.0667: b's remainder is larger.
    assert dict(res.item("i").shares) == {"a": Decimal("0.03"), "b": Decimal("0.07")}


def test_a_single_share_bears_the_item_whatever_the_split() -> None:
    res = split_case("area", [{"participant": "a"}])
    assert res.item("i").shares == {"a": Decimal("100.00")}


def test_covered_parts_are_taken_off_before_the_split() -> None:
    data = copy.deepcopy(SAMPLE)
    data["subsidies"] = []
    data["participants"].append({"id": "region", "kind": "government"})
    data["items"][0]["covered"].append({"by": "region", "amount": "2.60"})
    res = run(data)
    assert res.item("stand-1").shares == {"soyhuce": Decimal(750), "starnav": Decimal(750)}
    assert res.funders == {"caen": Decimal(300), "region": Decimal("2.60")}
    assert res.participant("caen").gross == 0


def test_a_fully_covered_item_needs_no_share() -> None:
    data = {
        "participants": [{"id": "caen", "kind": "government"}],
        "items": [
            {
                "id": "reception",
                "kind": "reception",
                "amount": "500",
                "covered": [{"by": "caen", "amount": "500"}],
            }
        ],
    }
    res = run(data)
    assert res.funders == {"caen": Decimal(500)}
    assert res.total == Decimal(500)


# --------------------------------------------------------------------------- rule 4


def test_an_unknown_share_area_is_the_items_in_proportion_of_the_split() -> None:
    data = {
        "participants": [company("a"), company("b")],
        "items": [
            {
                "id": "stand",
                "kind": "stand",
                "amount": "6000",
                "area_m2": "30",
                "split": "equal",
                "shares": [{"participant": "a"}, {"participant": "b"}],
            }
        ],
        "subsidies": [half_rule(max_area_m2="10")],
    }
    res = run(data)
    # Each holds 15 m² for 3,000 EUR; 10 m² count: 2,000 EUR of base, 1,000 EUR of aid.
    assert amount(res, "a") == amount(res, "b") == Decimal("1000.00")


def test_the_ceilings_apply_to_each_share_on_its_own() -> None:
    data = {
        "participants": [company("a")],
        "items": [
            {
                "id": f"s{i}",
                "kind": "stand",
                "amount": "1000",
                "area_m2": "10",
                "shares": [{"participant": "a"}],
            }
            for i in range(2)
        ],
        "subsidies": [half_rule(max_area_m2="10", max_price_per_m2="50")],
    }
    assert amount(run(data), "a") == Decimal("500.00")


def test_a_rule_covers_only_its_kinds() -> None:
    data = one_company_pavilion()
    data["subsidies"] = [{"id": "bf", "rate": "0.5", "kinds": ["registration"]}]
    assert amount(run(data), "acme") == Decimal("500.00")


def test_a_rule_without_kinds_covers_every_kind() -> None:
    data = one_company_pavilion()
    data["subsidies"] = [{"id": "bf", "rate": "0.1"}]
    assert amount(run(data), "acme") == Decimal("2800.00")


def test_the_cap_per_participant_cuts_the_amount() -> None:
    res = run(one_company_pavilion(cap_per_participant="4000"))
    assert amount(res, "acme") == Decimal("4000.00")
    assert res.participant("acme").notes["bf"].code == "cap_per_participant"


def test_a_later_rule_is_cut_to_what_earlier_subsidies_leave() -> None:
    data = one_company_pavilion()
    data["subsidies"] = [
        {"id": "bf", "rate": "0.8"},
        {"id": "region", "rate": "0.5"},
    ]
    res = run(data)
    assert amount(res, "acme", "bf") == Decimal("22400.00")
    assert amount(res, "acme", "region") == Decimal("5600.00")
    assert res.participant("acme").net == 0
    assert res.participant("acme").notes["region"].code == "gross"


def test_a_window_counts_earlier_rules_that_have_a_window() -> None:
    data = one_company_pavilion(aid="1000")
    data["subsidies"] = [
        {"id": "bf", "rate": "0.1", "window": {"limit": "5000"}},
        {"id": "city", "rate": "0.1"},
        {"id": "region", "rate": "0.1", "window": {"limit": "5000"}},
    ]
    res = run(data)
    # bf: 2,800; region: 5,000 - 1,000 - 2,800 = 1,200 (city has no window).
    assert [amount(res, "acme", r) for r in ("bf", "city", "region")] == [
        Decimal(2800),
        Decimal(2800),
        Decimal(1200),
    ]


def test_rules_apply_in_the_order_given() -> None:
    data = one_company_pavilion()
    data["subsidies"] = [{"id": "region", "rate": "0.5"}, {"id": "bf", "rate": "0.8"}]
    res = run(data)
    assert amount(res, "acme", "region") == Decimal(14000)
    assert amount(res, "acme", "bf") == Decimal(14000)


# --------------------------------------------------------------------------- rule 5


@pytest.mark.parametrize(
    ("condition", "facts", "code"),
    [
        ({"kinds": ["company"]}, {"kind": "association"}, "kind"),
        ({"kinds": ["company"]}, {"kind": None}, "kind"),
        ({"sme": True}, {"sme": False}, "sme"),
        ({"sme": True}, {"sme": None}, "sme"),
        ({"max_prior_participations": 2}, {"prior_participations": 3}, "prior_participations"),
        ({"not_previous_edition": True}, {"previous_edition": True}, "previous_edition"),
        ({"regions": ["normandie"]}, {"region": "occitanie"}, "region"),
        ({"regions": ["normandie"]}, {"region": None}, "region"),
    ],
)
def test_each_eligibility_condition_can_exclude(
    condition: dict[str, Any], facts: dict[str, Any], code: str
) -> None:
    data = one_company_pavilion(eligible=condition)
    data["participants"][0].update(facts)
    res = run(data)
    assert amount(res, "acme") == 0
    note = res.participant("acme").notes["bf"]
    assert note.code == "not_eligible"
    assert [f.condition for f in note.failed] == [code]


@pytest.mark.parametrize(
    "condition",
    [
        {"kinds": ["company"]},
        {"sme": True},
        {"sme": False},
        {"max_prior_participations": 2},
        {"max_prior_participations": 0},
        {"not_previous_edition": True},
        {"regions": ["occitanie", "normandie"]},
    ],
)
def test_a_participant_meeting_the_condition_is_eligible(condition: dict[str, Any]) -> None:
    assert amount(run(one_company_pavilion(eligible=condition)), "acme") == Decimal(10500)


def min_from_region_case(minimum: int) -> Result:
    return run(
        {
            "participants": [
                company("a"),
                company("b"),
                company("c", region="occitanie"),
                {"id": "d", "kind": "government", "region": "normandie"},
            ],
            "items": [
                {
                    "id": "stand",
                    "kind": "stand",
                    "amount": "300",
                    "shares": [{"participant": p} for p in "abc"],
                }
            ],
            "subsidies": [
                half_rule(
                    eligible={
                        "kinds": ["company"],
                        "regions": ["normandie"],
                        "min_from_region": minimum,
                    }
                )
            ],
        }
    )


def test_min_from_region_met_lets_the_rule_apply() -> None:
    res = min_from_region_case(2)
    assert [amount(res, p) for p in "abc"] == [Decimal(50), Decimal(50), Decimal(0)]


def test_min_from_region_not_met_gives_nothing_to_anyone() -> None:
    res = min_from_region_case(3)
    assert [amount(res, p) for p in "abc"] == [0, 0, 0]
    failure = res.participant("a").notes["bf"].failed[-1]
    assert (failure.condition, failure.limit, failure.count) == ("min_from_region", 3, 2)
    assert "only 2 participants meet the other conditions, fewer than 3" in note_text_en(
        res.participant("a").notes["bf"]
    )


# --------------------------------------------------------------------------- rule 6


def test_cap_total_scales_down_by_largest_remainder() -> None:
    data = {
        "participants": [company(p) for p in "cab"],
        "items": [
            {"id": f"s{p}", "kind": "stand", "amount": "200", "shares": [{"participant": p}]}
            for p in "abc"
        ],
        "subsidies": [half_rule(cap_total="200")],
    }
    res = run(data)
    # 100 each, 300 in all: scaled by 2/3 to 66.67, 66.67, 66.66 (ties to the first ids).
    assert [amount(res, p) for p in "abc"] == [Decimal("66.67"), Decimal("66.67"), Decimal("66.66")]
    assert res.funders["bf"] == Decimal(200)
    bound = res.participant("c").notes["bf"].bounds[-1]
    assert (bound.code, bound.total, bound.scale) == (
        "cap_total",
        Decimal(300),
        Decimal("0.666667"),
    )


def test_cap_total_not_reached_changes_nothing() -> None:
    res = run(one_company_pavilion(cap_total="10500"))
    assert amount(res, "acme") == Decimal(10500)
    assert res.participant("acme").notes["bf"].code == "price_ceiling"


def test_cap_total_applies_before_the_next_rule() -> None:
    data = one_company_pavilion()
    data["subsidies"] = [
        {"id": "bf", "rate": "1", "cap_total": "20000"},
        {"id": "region", "rate": "1"},
    ]
    res = run(data)
    assert amount(res, "acme", "bf") == Decimal(20000)
    assert amount(res, "acme", "region") == Decimal(8000)


# --------------------------------------------------------------------------- notes


def test_notes_in_english_name_each_bound() -> None:
    res = run(
        one_company_pavilion(
            aid="196000", cap_per_participant="5000", window={"limit": "200000"}, cap_total="3000"
        )
    )
    text = note_text_en(res.participant("acme").notes["bf"])
    assert text == (
        "50% of 21000.00 EUR (28000.00 EUR limited by the area ceiling of 50 m² and the price "
        "ceiling of 400.00 EUR/m²) = 10500.00 EUR; cut to the cap per participant of 5000.00 "
        "EUR; cut to 4000.00 EUR, what the limit of 200000.00 EUR leaves after 196000.00 EUR "
        "of aid in the window; scaled down by 0.750000 to 3000.00 EUR so that the rule's "
        "total of 4000.00 EUR comes to its cap of 3000.00 EUR"
    )
    assert res.participant("acme").notes["bf"].code == "cap_total"
