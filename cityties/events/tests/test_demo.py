import pytest

from cityties.events import demo as events_demo
from cityties.events.models import Event
from cityties.network import demo as network_demo

pytestmark = pytest.mark.django_db


def test_the_demo_calendar_holds_the_events_of_the_minutes_once():
    network_demo.load()
    first = events_demo.load()
    events_demo.load()
    assert Event.objects.count() == len(first)
    summit = first["pittsburgh_2016"]
    assert summit.local_start.date().isoformat() == "2016-11-16"
    assert str(summit.local_start.tzinfo) == "America/New_York"
    assert first["general_assembly_2016"].local_start.date().isoformat() == "2016-07-05"
