from __future__ import annotations

import pytest

from cityties.solvers.relevance import (
    Index,
    Profile,
    concepts,
    demo_profiles,
    rank,
    rank_all,
    render_reason,
    render_reasons,
    resolve_sector,
)


def profiles() -> list[Profile]:
    return [
        Profile(
            "lyon",
            ("ville intelligente",),
            ("application de relation citoyenne",),
            (),
            "Nous développons la participation des habitants à la vie locale.",
        ),
        Profile(
            "boston",
            ("smart city",),
            (),
            ("resident engagement",),
            "We need tools to engage residents in city decisions.",
        ),
        Profile(
            "napa",
            ("gastronomy",),
            ("wine export",),
            ("restaurant partners",),
            "Food and wine tourism for visitors.",
        ),
        Profile(
            "austin",
            ("renewable energy",),
            ("solar panels",),
            ("grid financing",),
            "A renewable energy company.",
        ),
    ]


def test_french_and_english_sector_labels_resolve_to_one_id() -> None:
    assert resolve_sector("Ville intelligente") == resolve_sector("smart city") == "smart_city"
    assert resolve_sector("Santé") == resolve_sector("health") == "health"


def test_french_pitch_and_english_need_share_concepts() -> None:
    assert set(concepts("application de relation citoyenne")) & set(concepts("resident engagement"))


def test_french_offer_ranks_the_matching_english_need_first() -> None:
    best = rank(profiles(), "lyon", limit=3)[0]
    assert best.party == "boston"
    kinds = {r.kind for r in best.reasons}
    assert {"sector", "offer"} <= kinds


def test_reasons_render_in_english_and_french() -> None:
    best = rank(profiles(), "lyon", limit=1)[0]
    en = render_reasons(best.reasons, "en")
    fr = render_reasons(best.reasons, "fr")
    assert "both: smart city" in en
    assert "your offer 'application de relation citoyenne' ~ their need 'resident engagement'" in en
    assert "ville intelligente" in fr and "votre offre" in fr


def test_rank_never_returns_the_party_itself_and_respects_limit() -> None:
    for pid, matches in rank_all(profiles(), ["lyon", "napa"], limit=2).items():
        assert len(matches) <= 2
        assert all(m.party != pid for m in matches)
        assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_unrelated_parties_rank_below_related_ones() -> None:
    ranked = [m.party for m in rank(profiles(), "boston", limit=3)]
    assert ranked[0] == "lyon"


def test_unknown_language_is_refused() -> None:
    reason = rank(profiles(), "lyon", limit=1)[0].reasons[0]
    try:
        render_reason(reason, "de")
    except ValueError:
        return
    raise AssertionError("expected ValueError")


def test_profiles_without_text_rank_nothing_and_do_not_fail() -> None:
    people = [Profile("a"), Profile("b"), Profile("c", ("santé",), ("télémédecine",))]
    assert rank_all(people, ["a", "b", "c"], limit=5) == {"a": [], "b": [], "c": []}
    assert rank_all([Profile("alone")], ["alone"]) == {"alone": []}


def test_batch_ranking_matches_one_party_at_a_time() -> None:
    people = demo_profiles(12, 60, seed=3)
    batch = rank_all(people, [p.id for p in people[:12]], limit=5)
    index = Index(people)
    for p in people[:12]:
        single = rank(people, p.id, limit=5)
        # Same matches up to float rounding between a 1-row and a many-row product.
        assert [m.score for m in single] == pytest.approx([m.score for m in batch[p.id]], abs=1e-3)
        by_party = {m.party: m for m in batch[p.id]}
        for m in single:
            if m.party in by_party:  # a near-tie at the cut may swap the last match
                assert by_party[m.party].reasons == m.reasons
            assert index.reasons(index.pos[p.id], index.pos[m.party]) == m.reasons
