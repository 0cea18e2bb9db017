import pytest
from django.core.management import call_command

from cityties.events.models import Event
from cityties.meetings.models import ActionItem, AgendaItem, Attendance, Decision, Meeting

pytestmark = pytest.mark.django_db

MODELS = (Meeting, AgendaItem, Attendance, Decision, ActionItem, Event)


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def demo(demo_data):
    """The demo, loaded once for the module."""


def test_the_demo_loads_both_meetings_once(demo):
    first = _counts()
    call_command("demo", "--quiet")
    assert _counts() == first


def test_the_march_meeting_has_its_13_present_and_3_excused(demo):
    march = Meeting.objects.get(starts_at__date="2016-03-30")
    assert march.attendances.filter(status="present").count() == 13
    assert march.attendances.filter(status="excused").count() == 3
    assert march.is_approved and march.versions.count() == 1
    assert march.event.title_en == "United States country group meeting"  # the calendar's
    lemarchand = march.attendances.get(last_name="Lemarchand")
    assert lemarchand.function == "Maire"  # as on that day, not as the directory has it now
    owners = set(march.action_items.values_list("owner_organisation__short_name", flat=True))
    assert owners == {"Caen", "Région Auvergne-Rhône-Alpes"}


def test_the_june_meeting_carries_the_open_action_items(demo):
    march = Meeting.objects.get(starts_at__date="2016-03-30")
    june = Meeting.objects.get(starts_at__date="2016-06-15")
    carried = set(
        june.agenda_items.exclude(carried_action=None).values_list("carried_action", flat=True)
    )
    still_open = set(
        march.action_items.filter(status__in=["open", "in_progress"]).values_list("pk", flat=True)
    )
    assert carried == still_open and len(carried) == 4
    letter = march.action_items.get(text__startswith="Écrire à Business France")
    assert letter.status == "done" and letter.pk not in carried
    assert letter.milestone is not None
