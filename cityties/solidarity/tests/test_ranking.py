"""Ranking offers for a need: the engine's relevance (domains and texts, French against
English) with the languages, dates and staff-days of expertise; pure, no database."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from cityties.solidarity.ranking import Party, coverage, rank_offers

NEED = Party(
    id=1,
    domain="emergency",
    texts=("Flood emergency planning", "Help to write the city's flood emergency plan."),
    languages=frozenset({"en"}),
    staff_days=20,
    starts_on=date(2016, 9, 1),
    ends_on=date(2016, 10, 30),
)
TOULOUSE = Party(
    id=10,
    domain="emergency",
    texts=("Gestion de crise", "Plan communal de sauvegarde, gestion des inondations."),
    languages=frozenset({"fr", "en"}),
    staff_days=20,
    starts_on=date(2016, 6, 1),
    ends_on=date(2016, 12, 31),
)
LYON = Party(
    id=11,
    domain="water",
    texts=("Eau potable", "Traitement de l'eau potable"),
    languages=frozenset({"fr", "en"}),
    staff_days=10,
)
FRENCH_ONLY = Party(
    id=12,
    domain="emergency",
    texts=("Gestion de crise", "Plan communal de sauvegarde, inondations."),
    languages=frozenset({"fr"}),
    staff_days=30,
)


def test_the_emergency_managers_come_first_for_a_flood_plan():
    ranked = rank_offers(NEED, [LYON, TOULOUSE, FRENCH_ONLY])
    assert [r.offer for r in ranked] == [10, 11, 12]
    best = ranked[0]
    assert best.languages == ("en",) and best.coverage == 1.0 and best.days == 1.0
    assert any(r.kind == "sector" and r.sector == "public_safety" for r in best.reasons)


def test_a_french_text_meets_an_english_need():
    best = rank_offers(NEED, [TOULOUSE])[0]
    assert best.relevance > 0.3


def test_no_language_in_common_sinks_an_offer():
    ranked = {r.offer: r for r in rank_offers(NEED, [TOULOUSE, FRENCH_ONLY])}
    assert ranked[12].languages == () and ranked[12].score < ranked[10].score / 2


def test_coverage_is_the_share_of_the_need_period():
    half = Party(**_fields(TOULOUSE, ends_on=date(2016, 9, 30)))
    assert coverage(NEED, half) == 30 / 60
    gone = _fields(TOULOUSE, starts_on=date(2017, 1, 1), ends_on=date(2017, 2, 1))
    assert coverage(NEED, Party(**gone)) == 0.0


def test_no_offer_no_ranking():
    assert rank_offers(NEED, []) == []


def _fields(party: Party, **changes):
    values = {name: getattr(party, name) for name in Party.__slots__}
    return {**values, **changes}


days = st.integers(min_value=0, max_value=400)
offer_parties = st.builds(
    Party,
    id=st.integers(min_value=1, max_value=10_000),
    domain=st.sampled_from(["emergency", "water", "health", "other"]),
    texts=st.tuples(st.sampled_from(["gestion de crise", "water", "santé", "", "écoles"])),
    languages=st.frozensets(st.sampled_from(["fr", "en", "es"]), max_size=3),
    staff_days=st.integers(min_value=1, max_value=10_000),
    starts_on=st.none() | days.map(lambda d: date(2016, 1, 1) + timedelta(days=d)),
    ends_on=st.none() | days.map(lambda d: date(2016, 6, 1) + timedelta(days=d)),
)


@given(st.lists(offer_parties, max_size=8, unique_by=lambda p: p.id))
def test_every_offer_is_ranked_once_with_a_score_in_bounds(offers):
    ranked = rank_offers(NEED, offers)
    assert sorted(r.offer for r in ranked) == sorted(o.id for o in offers)
    assert all(0 <= r.score <= 1 and 0 <= r.coverage <= 1 and 0 <= r.days <= 1 for r in ranked)
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)


@given(offer_parties)
def test_coverage_is_a_share(offer):
    assert 0.0 <= coverage(NEED, offer) <= 1.0
