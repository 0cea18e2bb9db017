import pytest
from django.core.management import call_command

from cityties.delegations.models import (
    Application,
    Delegate,
    Delegation,
    Milestone,
    Participant,
    Session,
    StatusMove,
)

pytestmark = pytest.mark.django_db

MODELS = (Delegation, StatusMove, Milestone, Participant, Delegate, Application, Session)


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_the_demo_scenario_loads_both_delegations_once():
    call_command("demo", "--quiet")
    first = _counts()
    call_command("demo", "--quiet")
    assert _counts() == first
    pittsburgh = Delegation.objects.get(title__contains="Pittsburgh")
    assert pittsburgh.status == "confirmed"
    assert pittsburgh.event.time_zone == "America/New_York"
    assert set(pittsburgh.supporters.values_list("role", flat=True)) >= {
        "co_organiser",
        "funder",
        "partner",
    }
    cities = set(
        pittsburgh.participants.filter(kind="government").values_list(
            "organisation__short_name", flat=True
        )
    )
    assert {"Caen", "Tours"} <= cities
    assert pittsburgh.participants.filter(kind="company").count() == 4
    assert pittsburgh.milestones.filter(title__contains="fin avril").exists()
    nashville = Delegation.objects.get(title__contains="Nashville")
    assert nashville.status == "closed"
    assert nashville.participants.filter(kind="company").count() == 3
