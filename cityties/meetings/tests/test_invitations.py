import icalendar
import pytest

from cityties.meetings import services as svc

from .factories import make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(us_group, herve, staff):
    meeting = make_meeting(us_group, chair=herve, actor=staff)
    svc.check_add_agenda_item(meeting, actor=staff, title="Congrès de la NLC à Pittsburgh")
    return meeting


def _send(meeting, staff, capture):
    with capture(execute=True):
        return svc.check_send_invitations(meeting, actor=staff)


def _messages(inbox, address):
    return [message for rcpts, message in inbox.messages if address in rcpts]


def test_each_invitee_gets_the_invitation_in_their_language_with_the_ical(
    meeting, claire, anne, staff, smtp_inbox, django_capture_on_commit_callbacks
):
    svc.check_add_attendees(meeting, actor=staff, people=[claire, anne])
    assert _send(meeting, staff, django_capture_on_commit_callbacks) == 2
    (french,) = _messages(smtp_inbox, "claire.vautier@example.org")
    (english,) = _messages(smtp_inbox, "anne@tours.example")
    assert french["Subject"].startswith("Invitation") and "Ordre du jour" in (
        french.get_body(preferencelist=("plain",)).get_content()
    )
    assert "Agenda" in english.get_body(preferencelist=("plain",)).get_content()
    (attachment,) = list(english.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    (vevent,) = icalendar.Calendar.from_ical(attachment.get_content()).walk("VEVENT")
    assert vevent.decoded("dtstart") == meeting.starts_at
    assert str(vevent["uid"]) == f"meeting-{meeting.pk}@cityties"


def test_an_invitation_is_sent_once_until_the_meeting_changes(
    meeting, claire, staff, smtp_inbox, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    svc.check_add_attendees(meeting, actor=staff, people=[claire])
    _send(meeting, staff, django_capture_on_commit_callbacks)
    assert _send(meeting, staff, django_capture_on_commit_callbacks) == 0
    later = meeting.starts_at + timedelta(days=1)
    svc.check_update_meeting(meeting, actor=staff, starts_at=later, ends_at=later)
    assert _send(meeting, staff, django_capture_on_commit_callbacks) == 1
    first, update = _messages(smtp_inbox, "claire.vautier@example.org")
    assert update["Subject"].startswith("Mis à jour") or update["Subject"].startswith("Updated")
    assert first["Subject"] != update["Subject"]


def test_a_guest_without_an_address_is_not_mailed(meeting, staff):
    svc.check_add_guest(meeting, actor=staff, last_name="Tirole")
    assert svc.check_send_invitations(meeting, actor=staff) == 0
