"""The debrief survey: mailed by the clock once at each step, in the contact's language,
reminded once, answered through its signed link, its answers becoming records."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from cityties.core.tick import discover, run_job
from cityties.delegations import services as delegation_services
from cityties.network.tests.factories import PersonFactory
from cityties.outcomes import services as svc
from cityties.outcomes.models import OutcomeRecord, SurveyInvitation

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
# The village's event ends on 19 November 2016: the first survey is due a week later.
AFTER = datetime(2016, 11, 27, 9, 0, tzinfo=PARIS)
SIX_MONTHS = datetime(2017, 5, 20, 9, 0, tzinfo=PARIS)


@pytest.fixture
def contacts(village, staff):
    """A contact for three companies: Soyhuce's writes English, the others French."""
    people = {}
    for key, first, email, languages in (
        ("soyhuce", "Antoine", "antoine@soyhuce.example", "en"),
        ("starnav", "Sarah", "sarah@starnav.example", "fr,en"),
        ("capteurs", "Paul", "paul@capteurs.example", "fr"),
    ):
        participant = village.companies[key]
        person = PersonFactory(
            organisation=participant.organisation,
            first_name=first,
            email=email,
            languages=languages,
        )
        delegation_services.check_add_delegate(
            participant, actor=staff, person=person, role="company"
        )
        people[key] = person
    return people


def _tick(now, captured):
    job = discover()["outcomes.surveys"]
    with captured(execute=True):
        return run_job(job, now=now, force=True)


def test_the_survey_is_mailed_once_whatever_the_number_of_ticks(
    contacts, smtp_inbox, django_capture_on_commit_callbacks
):
    for minutes in range(4):
        _tick(AFTER + timedelta(minutes=minutes), django_capture_on_commit_callbacks)
    for person in contacts.values():
        assert len(smtp_inbox.bodies_to(person.email)) == 1
    assert SurveyInvitation.objects.count() == 3  # participants without a contact get none


def test_each_contact_reads_it_in_their_language(
    contacts, smtp_inbox, django_capture_on_commit_callbacks
):
    _tick(AFTER, django_capture_on_commit_callbacks)
    subjects = {rcpts[0]: message["Subject"] for rcpts, message in smtp_inbox.messages}
    assert subjects["antoine@soyhuce.example"].startswith("Your debrief of")
    assert subjects["paul@capteurs.example"].startswith("Votre bilan de")
    (body,) = smtp_inbox.bodies_to("antoine@soyhuce.example")
    assert "/outcomes/survey/" in body and "no account needed" in body


def test_six_and_twelve_months_on_it_goes_again_and_a_missed_step_is_not_sent_late(
    contacts, smtp_inbox, django_capture_on_commit_callbacks
):
    _tick(AFTER, django_capture_on_commit_callbacks)
    _tick(SIX_MONTHS, django_capture_on_commit_callbacks)
    steps = set(SurveyInvitation.objects.values_list("step", flat=True))
    assert steps == {0, 6}
    assert len(smtp_inbox.bodies_to("paul@capteurs.example")) == 2
    # Twelve months on, the clock was stopped for three months: too late to send it.
    _tick(datetime(2018, 2, 25, 9, 0, tzinfo=PARIS), django_capture_on_commit_callbacks)
    assert not SurveyInvitation.objects.filter(step=12).exists()


def test_an_unanswered_survey_is_reminded_once(
    contacts, smtp_inbox, django_capture_on_commit_callbacks
):
    _tick(AFTER, django_capture_on_commit_callbacks)
    for days in (9, 11, 12, 30):
        _tick(AFTER + timedelta(days=days), django_capture_on_commit_callbacks)
    mails = smtp_inbox.bodies_to("sarah@starnav.example")
    assert len(mails) == 2 and "Petite relance" in mails[1]
    assert SurveyInvitation.objects.filter(reminded_at__isnull=False).count() == 3


def test_a_disabled_survey_is_not_sent(
    village, contacts, staff, smtp_inbox, django_capture_on_commit_callbacks
):
    svc.check_save_settings(
        village.delegation, actor=staff, enabled=False, delay_days=7, reminder_days=10
    )
    _tick(AFTER, django_capture_on_commit_callbacks)
    assert smtp_inbox.messages == []


def test_the_delay_is_set_per_delegation(village, contacts, staff):
    svc.check_save_settings(
        village.delegation, actor=staff, enabled=True, delay_days=30, reminder_days=10
    )
    assert svc.due_at(village.delegation, 0).date().isoformat() == "2016-12-19"
    with pytest.raises(svc.OutcomeError) as exc:
        svc.check_save_settings(
            village.delegation, actor=staff, enabled=True, delay_days=120, reminder_days=10
        )
    assert exc.value.code == "invalid_delay"


def _link(smtp_inbox, address: str) -> str:
    (body,) = smtp_inbox.bodies_to(address)
    return re.search(r"https?://\S+/outcomes/survey/\S+/", body).group(0)


def _answer_form(**extra):
    data = {
        "usefulness": "5",
        "comments": "Très bon accompagnement.",
        "contact-TOTAL_FORMS": "3",
        "contact-INITIAL_FORMS": "3",
        "contact-0-label": "Allegheny County Health Department",
        "contact-0-level": "negotiation",
        "contact-1-label": "",
        "contact-1-level": "none",
        "contact-2-label": "Carnegie Mellon University",
        "contact-2-level": "none",
        "deal-TOTAL_FORMS": "2",
        "deal-INITIAL_FORMS": "0",
        "deal-0-kind": "tender",
        "deal-0-title": "Appel d'offres de Charlottesville",
        "deal-0-counterpart": "City of Charlottesville",
        "deal-0-value": "120 000",
        "deal-0-currency": "USD",
        "deal-0-status": "submitted",
        "deal-0-occurred_on": "2016-11-23",
        "deal-1-kind": "",
    }
    return {**data, **extra}


def test_the_answer_through_the_mailed_link_becomes_records(
    contacts, client_for, smtp_inbox, django_capture_on_commit_callbacks
):
    _tick(AFTER, django_capture_on_commit_callbacks)
    path = _link(smtp_inbox, "sarah@starnav.example").split("://", 1)[1]
    path = path[path.index("/") :]
    client = client_for(None)
    page = client.get(path)
    assert (
        page.status_code == 200 and "La délégation vous a-t-elle été utile" in page.content.decode()
    )
    response = client.post(path, _answer_form())
    assert (
        response.status_code == 200
        and "vos réponses sont enregistrées" in response.content.decode()
    )
    records = OutcomeRecord.objects.filter(organisation__name="Starnav", source="survey")
    assert {(r.kind, r.counterpart) for r in records} == {
        ("follow_up", "Allegheny County Health Department"),
        ("tender", "City of Charlottesville"),
    }
    tender = records.get(kind="tender")
    assert tender.value_eur == Decimal("108156.00") and tender.survey.usefulness == 5


def test_a_survey_is_answered_once(
    contacts, client_for, smtp_inbox, django_capture_on_commit_callbacks
):
    _tick(AFTER, django_capture_on_commit_callbacks)
    link = _link(smtp_inbox, "sarah@starnav.example")
    path = link[link.index("/outcomes/") :]
    client = client_for(None)
    client.post(path, _answer_form())
    again = client.post(path, _answer_form())
    assert "vos réponses sont enregistrées" in again.content.decode()
    assert OutcomeRecord.objects.filter(source="survey").count() == 2
    invitation = SurveyInvitation.objects.get(participant__organisation__name="Starnav")
    with pytest.raises(svc.OutcomeError) as exc:
        svc.check_answer(invitation, usefulness=3, followups=[], deals=[])
    assert exc.value.code == "already_answered"


def test_a_forged_or_revoked_link_is_refused(
    contacts, client_for, smtp_inbox, django_capture_on_commit_callbacks
):
    _tick(AFTER, django_capture_on_commit_callbacks)
    link = _link(smtp_inbox, "paul@capteurs.example")
    path = link[link.index("/outcomes/") :]
    client = client_for(None)
    assert client.get(path[:-5] + "xxxx/").status_code == 400
    SurveyInvitation.objects.filter(person=contacts["capteurs"]).update(nonce="revoked")
    assert client.get(path).status_code == 400


def test_an_invalid_answer_saves_nothing(
    contacts, client_for, smtp_inbox, django_capture_on_commit_callbacks
):
    _tick(AFTER, django_capture_on_commit_callbacks)
    link = _link(smtp_inbox, "sarah@starnav.example")
    path = link[link.index("/outcomes/") :]
    response = client_for(None).post(path, _answer_form(**{"deal-0-counterpart": ""}))
    assert response.status_code == 400
    assert "Nommez l'acheteur" in html.unescape(response.content.decode())
    assert not OutcomeRecord.objects.exists()
    assert not SurveyInvitation.objects.filter(answered_at__isnull=False).exists()


def test_a_contact_answered_again_later_moves_up_rather_than_counting_twice(
    contacts, django_capture_on_commit_callbacks
):
    _tick(AFTER, django_capture_on_commit_callbacks)
    first = SurveyInvitation.objects.get(participant__organisation__name="Touraine Capteurs")
    svc.check_answer(
        first, usefulness=4, followups=[svc.Followup("Carnegie Mellon", "valuable")], deals=[]
    )
    _tick(SIX_MONTHS, django_capture_on_commit_callbacks)
    later = SurveyInvitation.objects.get(participant=first.participant, step=6)
    svc.check_answer(
        later, usefulness=4, followups=[svc.Followup("Carnegie Mellon", "agreement")], deals=[]
    )
    (found,) = OutcomeRecord.objects.filter(counterpart="Carnegie Mellon")
    assert found.kind == "agreement"


def test_the_response_rates(village, contacts, django_capture_on_commit_callbacks):
    _tick(AFTER, django_capture_on_commit_callbacks)
    answered = SurveyInvitation.objects.get(participant__organisation__name="Soyhuce")
    svc.check_answer(answered, usefulness=5, followups=[], deals=[])
    rates = {rate.step: rate for rate in svc.response_rates(village.delegation)}
    assert (rates[0].sent, rates[0].answered, rates[0].rate) == (3, 1, 33)
    assert rates[6].sent == 0 and rates[6].rate is None


def test_the_answers_free_text_is_erased_after_the_retention_period(
    contacts, settings, django_capture_on_commit_callbacks
):
    _tick(AFTER, django_capture_on_commit_callbacks)
    invitation = SurveyInvitation.objects.get(participant__organisation__name="Soyhuce")
    svc.check_answer(
        invitation,
        usefulness=5,
        followups=[svc.Followup("Jane Doe, City of Pittsburgh", "valuable")],
        deals=[],
        comments="Merci à Jane Doe.",
    )
    job = discover()["outcomes.survey_retention"]
    invitation.refresh_from_db()
    assert invitation.answered_at is not None
    run_job(job, now=invitation.answered_at + timedelta(days=30), force=True)
    invitation.refresh_from_db()
    assert invitation.comments == "Merci à Jane Doe."
    later = invitation.answered_at + timedelta(days=settings.PERSON_RETENTION_DAYS + 30)
    run_job(job, now=later, force=True)
    invitation.refresh_from_db()
    assert (invitation.comments, invitation.followups, invitation.usefulness) == ("", [], 5)
