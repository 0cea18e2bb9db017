import pytest

from cityties.meetings import services as svc
from cityties.meetings.models import MinutesVersion

from .factories import make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(us_group, herve, claire, staff):
    meeting = make_meeting(us_group, chair=herve, secretary=claire, actor=staff)
    svc.check_add_attendees(meeting, actor=staff, people=[herve, claire], status="present")
    return meeting


def test_minutes_are_sanitised(meeting, staff):
    item = svc.check_add_agenda_item(meeting, actor=staff, title="Congrès")
    svc.check_save_minutes(
        meeting,
        actor=staff,
        opening='<p onclick="x()">Bienvenue</p><script>alert(1)</script>',
        items={item.pk: '<b>Caen</b> <a href="javascript:alert(1)">lien</a>'},
    )
    item.refresh_from_db()
    assert meeting.opening == "<p>Bienvenue</p>"
    assert "<b>Caen</b>" in item.minutes and "javascript" not in item.minutes


def test_a_vote_has_its_three_figures(meeting, staff):
    decision = svc.check_add_decision(meeting, actor=staff, text="Adopté", votes_for=12)
    assert (decision.votes_for, decision.votes_against, decision.votes_abstain) == (12, 0, 0)


def test_a_decision_belongs_to_an_item_of_its_meeting(meeting, us_group, herve, staff):
    other = make_meeting(us_group, chair=herve, actor=staff)
    item = svc.check_add_agenda_item(other, actor=staff, title="Autre")
    with pytest.raises(svc.MeetingError) as exc:
        svc.check_add_decision(meeting, actor=staff, text="Adopté", agenda_item=item)
    assert exc.value.code == "foreign_agenda_item"


def test_approving_records_who_and_when_and_freezes_a_version(meeting, staff):
    svc.check_add_decision(meeting, actor=staff, text="Écrire à Business France")
    version = svc.check_approve_minutes(meeting, actor=staff)
    assert meeting.approved_by == staff and meeting.approved_at is not None
    assert version.number == 1
    assert version.content["decisions"][0]["text"] == "Écrire à Business France"
    assert {row["last_name"] for row in version.content["attendance"]} == {"Lemarchand", "Vautier"}


def test_approved_minutes_are_read_only(meeting, staff):
    svc.check_approve_minutes(meeting, actor=staff)
    for change in (
        lambda: svc.check_add_decision(meeting, actor=staff, text="Après coup"),
        lambda: svc.check_save_minutes(meeting, actor=staff, opening="Autre"),
        lambda: svc.check_update_meeting(meeting, actor=staff, title="Autre"),
        lambda: svc.check_add_agenda_item(meeting, actor=staff, title="Autre"),
    ):
        with pytest.raises(svc.MeetingError) as exc:
            change()
        assert exc.value.code == "minutes_approved"


def test_reopening_and_approving_again_adds_a_version_and_keeps_the_first(meeting, staff):
    svc.check_add_decision(meeting, actor=staff, text="Première rédaction")
    svc.check_approve_minutes(meeting, actor=staff)
    svc.check_reopen_minutes(meeting, actor=staff)
    decision = meeting.decisions.get()
    svc.check_update_decision(decision, actor=staff, text="Rédaction corrigée")
    svc.check_approve_minutes(meeting, actor=staff)
    first, second = MinutesVersion.objects.filter(meeting=meeting).order_by("number")
    assert first.content["decisions"][0]["text"] == "Première rédaction"
    assert first.reopened_at is not None
    assert (second.number, second.content["decisions"][0]["text"]) == (2, "Rédaction corrigée")


def test_minutes_wait_for_the_attendance(meeting, anne, staff):
    svc.check_add_attendees(meeting, actor=staff, people=[anne])
    with pytest.raises(svc.MeetingError) as exc:
        svc.check_approve_minutes(meeting, actor=staff)
    assert exc.value.code == "attendance_not_taken"


def test_a_meeting_still_to_come_cannot_be_approved(us_group, herve, staff):
    from django.utils import timezone

    start = timezone.now() + timezone.timedelta(days=2)
    meeting = make_meeting(us_group, chair=herve, actor=staff, starts_at=start, ends_at=start)
    with pytest.raises(svc.MeetingError) as exc:
        svc.check_approve_minutes(meeting, actor=staff)
    assert exc.value.code == "not_held_yet"
