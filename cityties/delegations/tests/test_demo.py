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
    assert pittsburgh.participants.filter(kind="company").count() == 6
    assert pittsburgh.milestones.filter(title__contains="fin avril").exists()
    nashville = Delegation.objects.get(title__contains="Nashville")
    assert nashville.status == "closed"
    assert nashville.participants.filter(kind="company").count() == 3


def test_the_demo_pages_render_for_each_persona(client_for):
    from cityties.accounts.models import User

    call_command("demo", "--quiet")
    pittsburgh = Delegation.objects.get(title__contains="Pittsburgh")
    soyhuce_delegate = Delegate.objects.get(
        participant__delegation=pittsburgh, person__last_name="Girard"
    )
    pages = [
        "/calendar/?month=2016-11",
        "/calendar/week/?week=2016-11-16",
        "/calendar/list/?from=2016-01-01",
        f"/calendar/events/{pittsburgh.event_id}/",
        "/delegations/",
        f"/delegations/{pittsburgh.pk}/",
        f"/delegations/{pittsburgh.pk}/programme/",
        f"/delegations/itineraries/{soyhuce_delegate.pk}/",
    ]
    for email in ("staff", "caen", "soyhuce"):
        client = client_for(User.objects.get(email=f"{email}@cityties.example.org"))
        for path in pages:
            assert client.get(path).status_code == 200, (email, path)
    staff = client_for(User.objects.get(email="staff@cityties.example.org"))
    for path in ("milestones", "participants", "call"):
        assert staff.get(f"/delegations/{pittsburgh.pk}/{path}/").status_code == 200, path
    body = staff.get(f"/delegations/{pittsburgh.pk}/").content.decode()
    assert "Table ronde" in body
    assert "Touraine Capteurs" in body
