from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cityties.core.tick import run_due
from cityties.delegations import services as svc
from cityties.delegations.models import MilestoneReminder

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2016, 4, 27, 9, 0, tzinfo=PARIS)


@pytest.fixture
def milestone(delegation, caen, caen_person, caen_officer):
    return svc.check_add_milestone(
        delegation,
        actor=caen_officer,
        title="Projet bien avancé",
        due_on=date(2016, 4, 30),
        owner_organisation=caen,
        owner_person=caen_person,
    )


def test_the_owner_must_belong_to_the_owner_organisation(delegation, tours, caen_person, staff):
    with pytest.raises(svc.DelegationError) as exc:
        svc.check_add_milestone(
            delegation,
            actor=staff,
            title="Lettre",
            due_on=date(2016, 4, 15),
            owner_organisation=tours,
            owner_person=caen_person,
        )
    assert exc.value.code == "owner_not_in_organisation"


def test_an_open_milestone_past_its_deadline_is_overdue(milestone):
    assert milestone.is_overdue_on(date(2016, 5, 1))
    assert not milestone.is_overdue_on(date(2016, 4, 30))


def test_a_done_milestone_is_never_overdue(milestone, staff):
    svc.check_update_milestone(milestone, actor=staff, status="done")
    assert milestone.completed_at is not None
    assert not milestone.is_overdue_on(date(2017, 1, 1))


def test_a_milestone_due_in_three_days_mails_its_owner_once(
    milestone, smtp_inbox, django_capture_on_commit_callbacks
):
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            svc.send_due_milestone_reminders(NOW)
    bodies = smtp_inbox.bodies_to("claire.vautier@example.org")
    assert len(bodies) == 1
    assert "Projet bien avancé" in bodies[0]
    assert "30 avril 2016" in bodies[0]


def test_an_overdue_milestone_mails_once_more_then_never(
    milestone, smtp_inbox, django_capture_on_commit_callbacks
):
    for day in (0, 4, 5, 30):
        with django_capture_on_commit_callbacks(execute=True):
            svc.send_due_milestone_reminders(NOW + timedelta(days=day))
    kinds = sorted(MilestoneReminder.objects.values_list("kind", flat=True))
    assert kinds == ["before", "overdue"]
    assert len(smtp_inbox.messages) == 2


def test_a_milestone_far_ahead_sends_nothing(milestone, smtp_inbox):
    assert svc.send_due_milestone_reminders(NOW - timedelta(days=10)) == 0


def test_the_reminder_is_written_in_the_owners_language(
    milestone, caen_person, smtp_inbox, django_capture_on_commit_callbacks
):
    caen_person.languages = "en"
    caen_person.save()
    with django_capture_on_commit_callbacks(execute=True):
        svc.send_due_milestone_reminders(NOW)
    _rcpt, message = smtp_inbox.messages[0]
    assert message["Subject"].startswith("Milestone due soon")


def test_moving_the_deadline_later_rearms_the_reminder(milestone, staff):
    svc.send_due_milestone_reminders(NOW)
    svc.check_update_milestone(milestone, actor=staff, due_on=date(2016, 5, 31))
    assert not milestone.reminders.exists()


def test_the_tick_mails_a_due_milestone_once_however_often_it_runs(
    milestone, smtp_inbox, django_capture_on_commit_callbacks
):
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            run_due(now=NOW, only=["delegations.milestone_reminders"], force=True)
    assert len(smtp_inbox.bodies_to("claire.vautier@example.org")) == 1


def test_the_milestone_page_highlights_overdue_ones(client_for, milestone, caen_officer):
    body = client_for(caen_officer).get(f"/delegations/{milestone.delegation_id}/milestones/")
    assert body.status_code == 200
    assert 'class="overdue"' in body.content.decode()  # today is long after April 2016


def test_a_tours_officer_cannot_see_caens_milestones(client_for, milestone, tours_officer):
    response = client_for(tours_officer).get(f"/delegations/{milestone.delegation_id}/milestones/")
    assert response.status_code == 403


def test_the_lead_adds_a_milestone_from_the_page(client_for, delegation, caen, caen_officer):
    response = client_for(caen_officer).post(
        f"/delegations/{delegation.pk}/milestones/",
        {
            "title": "Lettre à Business France",
            "due_on": "2016-04-15",
            "owner_organisation": caen.pk,
            "status": "open",
        },
    )
    assert response.status_code == 302
    assert delegation.milestones.get().title == "Lettre à Business France"
