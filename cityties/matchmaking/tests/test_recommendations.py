"""Recommendations: ranked by the relevance engine, each with its reasons in the reader's
language, filtered by kind, state and sector, in a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cityties.matchmaking import services as svc
from cityties.matchmaking.imports.run import import_attendees
from cityties.matchmaking.models import EventSetup, Recommendation

pytestmark = pytest.mark.django_db


def _page(client, world, **params) -> str:
    url = f"/matchmaking/profiles/{world['mm_seller']}/recommendations/"
    return client.get(url, params).content.decode()


def test_reasons_are_in_the_readers_language(world, client_for, company_rep):
    french = _page(client_for(company_rep), world)
    assert "secteur commun : ville intelligente" in french
    assert (
        "votre offre « application de relation citoyenne » ~ leur besoin « resident engagement »"
        in french
    )
    company_rep.language = "en"
    company_rep.save()
    english = _page(client_for(company_rep), world)
    assert "both: smart city" in english
    assert "your offer &#x27;application de relation citoyenne&#x27; ~ their need" in english


def test_the_best_match_comes_first(world):
    ranked = list(
        Recommendation.objects.filter(profile_id=world["mm_seller"]).values_list(
            "other_id", flat=True
        )
    )
    assert ranked[0] == world["mm_jane"]


@pytest.mark.parametrize(
    ("params", "jane", "marcus"),
    [
        ({"kind": "city"}, True, False),
        ({"kind": "county"}, False, True),
        ({"state": "Pennsylvania"}, True, True),
        ({"sector": "health"}, False, True),
        ({"who": "delegates"}, False, False),
    ],
)
def test_filters(world, client_for, company_rep, params, jane, marcus):
    page = _page(client_for(company_rep), world, **params)
    assert ("Jane Doe" in page, "Marcus Lee" in page) == (jane, marcus)


def test_a_request_already_open_shows_instead_of_the_button(world, client_for, company_rep):
    page = _page(client_for(company_rep), world)
    assert "Rendez-vous accepté." in page  # with Jane (accepted in the world)
    assert f"/request/{world['mm_marcus']}/" in page


def test_an_import_asks_for_the_recommendations_again(
    world, summit, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        import_attendees(
            b"Name,Organization,Needs\nAmy Chen,City of Boston,resident engagement app\n",
            "more.csv",
            event=summit,
            actor=staff,
        )
    assert not EventSetup.objects.get(event=summit).recommendations_stale
    names = set(
        Recommendation.objects.filter(profile_id=world["mm_seller"]).values_list(
            "other_id", flat=True
        )
    )
    from cityties.matchmaking.models import Profile

    assert Profile.objects.get(name="Amy Chen").pk in names


def test_the_page_queries_do_not_grow_with_the_list(world, summit, staff, client_for, company_rep):
    client = client_for(company_rep)
    with CaptureQueriesContext(connection) as few:
        _page(client, world)
    rows = "".join(
        f"Person {n},City of Town{n},resident engagement and open data\n" for n in range(60)
    )
    import_attendees(
        f"Name,Organization,Needs\n{rows}".encode(), "many.csv", event=summit, actor=staff
    )
    svc.compute_recommendations(summit)
    assert Recommendation.objects.filter(profile_id=world["mm_seller"]).count() > 25
    with CaptureQueriesContext(connection) as many:
        _page(client, world)
    assert len(many) <= len(few)


def test_people_travelling_together_are_not_recommended_to_each_other(world, summit, staff):
    from cityties.delegations import services as delegation_services
    from cityties.delegations.models import Delegation
    from cityties.matchmaking.models import Profile
    from cityties.network.tests.factories import PersonFactory

    officer = Profile.objects.get(pk=world["mm_officer"])
    government = Delegation.objects.get(pk=world["mm_delegation"]).participants.get(
        kind="government"
    )
    colleague = delegation_services.check_add_delegate(
        government,
        actor=staff,
        person=PersonFactory(organisation=government.organisation),
        role="elected",
    )
    svc.ensure_delegate_profiles(summit)
    twin = Profile.objects.get(delegate=colleague)
    for profile in (officer, twin):
        svc.check_save_profile(
            profile,
            actor=staff,
            kind="city",
            sectors=[],
            offers="open data portal",
            needs="citizen relationship app\nopen data portal",
        )
    svc.compute_recommendations(summit)
    others = set(Recommendation.objects.filter(profile=officer).values_list("other_id", flat=True))
    assert twin.pk not in others and world["mm_seller"] in others
