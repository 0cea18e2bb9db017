import pytest
from django.contrib.auth.models import AnonymousUser

from cityties.events.access import visible_events
from cityties.network.tests.factories import CountryGroupFactory

from .factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(caen, tours, federation):
    group = CountryGroupFactory(country="US", federation=federation)
    group.members.add(caen)
    return {
        "public": make_event(caen, title_fr="Public", visibility="public"),
        "network": make_event(caen, title_fr="Réseau", visibility="network"),
        "group": make_event(tours, title_fr="Groupe", visibility="group", group=group),
        "own": make_event(tours, title_fr="Tours seulement", visibility="organisation"),
    }


def _titles(user):
    return set(visible_events(user).values_list("title_fr", flat=True))


def test_anonymous_visitors_see_public_events_only(events):
    assert _titles(AnonymousUser()) == {"Public"}


def test_a_group_member_sees_the_groups_events(events, caen_officer):
    assert _titles(caen_officer) == {"Public", "Réseau", "Groupe"}


def test_the_organiser_sees_its_own_organisation_only_event(events, tours_officer):
    assert _titles(tours_officer) == {"Public", "Réseau", "Groupe", "Tours seulement"}


def test_a_company_representative_outside_the_group_sees_network_events(events, company_rep):
    assert _titles(company_rep) == {"Public", "Réseau"}


def test_staff_see_everything(events, staff):
    assert len(_titles(staff)) == 4
