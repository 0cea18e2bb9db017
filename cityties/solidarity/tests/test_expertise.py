"""Expertise: offers ranked for a need with reasons in French and English; a match is
proposed, accepted, carried out and reported, in that order."""

from __future__ import annotations

from datetime import date

import pytest

from cityties.solidarity import services as svc
from cityties.solidarity.models import MatchStatus

pytestmark = pytest.mark.django_db


def _offer(member, actor, **fields):
    values = {
        "domain": "water",
        "title": "Eau potable",
        "description": "Traitement de l'eau potable",
        "staff_days": 10,
        "languages": "fr",
        **fields,
    }
    return svc.check_create_offer(actor=actor, member=member, fields=values)


def test_the_emergency_offer_ranks_first_for_the_flood_need(world, tours, tours_officer):
    _offer(tours, tours_officer)
    ranked = svc.rank_need(world.need)
    assert ranked[0].offer == world.offer
    assert ranked[0].percent > ranked[1].percent


def test_the_match_keeps_its_reasons_in_both_languages(world):
    assert "gestion des crises" in world.match.reasons_fr.lower() or "sécurité" in (
        world.match.reasons_fr.lower()
    )
    assert "languages in common: English" in world.match.reasons_en
    assert "langues communes : anglais" in world.match.reasons_fr


def test_a_match_goes_accepted_carried_out_reported(world, caen_officer):
    match = svc.check_answer_match(world.match, actor=caen_officer, accept=True)
    assert match.status == MatchStatus.ACCEPTED
    match = svc.check_carry_out_match(
        match, actor=caen_officer, carried_out_on=date(2016, 11, 20), days_given=12
    )
    match = svc.check_report_match(match, actor=caen_officer, report="Plan revu avec la ville.")
    assert match.status == MatchStatus.REPORTED and match.days_given == 12


def test_a_match_cannot_be_carried_out_before_it_is_accepted(world, caen_officer):
    with pytest.raises(svc.SolidarityError) as error:
        svc.check_carry_out_match(world.match, actor=caen_officer, carried_out_on=date(2016, 11, 1))
    assert error.value.code == "match_wrong_state"


def test_a_pair_is_proposed_once(world, staff):
    with pytest.raises(svc.SolidarityError) as error:
        svc.check_propose_match(world.need, world.offer, actor=staff)
    assert error.value.code == "already_proposed"


def test_a_withdrawn_offer_is_no_longer_ranked_or_proposed(world, tours, tours_officer, staff):
    offer = _offer(tours, tours_officer)
    svc.do_withdraw_offer(offer, actor=tours_officer)
    assert offer not in [r.offer for r in svc.rank_need(world.need)]
    with pytest.raises(svc.SolidarityError) as error:
        svc.check_propose_match(world.need, offer, actor=staff)
    assert error.value.code == "offer_withdrawn"


def test_an_offer_for_another_crisis_is_not_ranked(world, tours, tours_officer, staff):
    from .factories import make_crisis

    other = make_crisis(staff, affected=[])
    offer = svc.check_create_offer(
        actor=tours_officer,
        member=tours,
        crisis=other,
        fields={"domain": "emergency", "title": "Crise", "staff_days": 5, "languages": "en"},
    )
    assert offer not in [r.offer for r in svc.rank_need(world.need)]


@pytest.mark.parametrize(
    "change, code",
    [
        ({"staff_days": 0}, "bad_staff_days"),
        ({"languages": ""}, "languages_missing"),
        ({"domain": "magic"}, "unknown_domain"),
        ({"starts_on": date(2016, 5, 2), "ends_on": date(2016, 5, 1)}, "ends_before_start"),
    ],
)
def test_bad_offers_are_refused(tours, tours_officer, change, code):
    with pytest.raises(svc.SolidarityError) as error:
        _offer(tours, tours_officer, **change)
    assert error.value.code == code
