"""Agendas as page, PDF and iCal in the event's time zone and the person's language; the
sheet of a place; on site: held or no-show, a private note, the follow-up planned."""

from __future__ import annotations

import subprocess
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from cityties.delegations import services as delegation_services
from cityties.delegations.models import Delegation
from cityties.matchmaking import services as svc
from cityties.matchmaking.models import Meeting, Profile

pytestmark = pytest.mark.django_db
EASTERN = ZoneInfo("America/New_York")


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "agenda.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def meeting(world) -> Meeting:
    return Meeting.objects.select_related("slot").get(pk=world["mm_meeting"])


def test_the_agenda_lists_meetings_and_sessions_in_the_event_zone(
    world, meeting, staff, client_for, company_rep
):
    delegation = Delegation.objects.get(pk=world["mm_delegation"])
    delegation_services.check_add_session(
        delegation,
        actor=staff,
        kind="reception",
        title_fr="Réception de la délégation",
        title_en="Delegation reception",
        starts_at=datetime(2016, 11, 17, 18, 0, tzinfo=EASTERN),
        ends_at=datetime(2016, 11, 17, 20, 0, tzinfo=EASTERN),
        for_everyone=True,
    )
    page = client_for(company_rep).get(f"/matchmaking/profiles/{world['mm_seller']}/agenda/")
    text = page.content.decode()
    local = meeting.slot.starts_at.astimezone(EASTERN).strftime("%H:%M")
    assert "Rendez-vous avec Jane Doe" in text and local in text
    assert "Réception de la délégation" in text and "18:00" in text


def test_the_agenda_pdf_is_in_the_persons_language(world, client_for, company_rep, tmp_path):
    company_rep.language = "en"
    company_rep.save()
    response = client_for(company_rep).get(f"/matchmaking/profiles/{world['mm_seller']}/agenda.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content, tmp_path)
    assert "Meeting with Jane Doe" in text and "City of Pittsburgh" in text


def test_the_ical_carries_the_event_time_zone(world, meeting, client_for, company_rep):
    response = client_for(company_rep).get(f"/matchmaking/profiles/{world['mm_seller']}/agenda.ics")
    calendar = Calendar.from_ical(response.content)
    [event] = list(calendar.walk("VEVENT"))
    assert str(event["summary"]) == "Rendez-vous avec Jane Doe"
    assert event["dtstart"].params["TZID"] == "America/New_York"
    assert event.decoded("dtstart") == meeting.slot.starts_at


def test_an_attendee_reads_their_agenda_through_their_link_in_english(world, client, tmp_path):
    token = svc.attendee_token(Profile.objects.get(pk=world["mm_jane"]).attendee)
    page = client.get(f"/matchmaking/me/{token}/")
    assert "Meeting with Antoine Girard" in page.content.decode()
    ics = Calendar.from_ical(client.get(f"/matchmaking/me/{token}/agenda.ics").content)
    assert [str(e["summary"]) for e in ics.walk("VEVENT")] == ["Meeting with Antoine Girard"]
    text = _pdf_text(client.get(f"/matchmaking/me/{token}/agenda.pdf").content, tmp_path)
    assert "Soyhuce" in text


def test_an_attendee_edits_their_profile_and_availability_through_their_link(world, client):
    jane = Profile.objects.get(pk=world["mm_jane"])
    token = svc.attendee_token(jane.attendee)
    slots = list(jane.event.match_slots.order_by("starts_at"))
    booked = world["mm_slot"]
    free = [str(s.pk) for s in slots[1:] if s.pk != booked] + [str(booked)]
    response = client.post(
        f"/matchmaking/me/{token}/",
        {
            "action": "profile",
            "kind": "city",
            "needs": "open data portal\nair quality monitoring",
            "languages": "en,es",
            "availability-free": free,
        },
    )
    assert response.status_code == 302
    jane.refresh_from_db()
    assert jane.need_list() == ["open data portal", "air quality monitoring"]
    assert list(jane.unavailable.values_list("slot_id", flat=True)) == (
        [slots[0].pk] if slots[0].pk != booked else []
    )


def test_the_sheet_of_a_place_lists_its_slots_and_tables(world, client_for, staff, tmp_path):
    client = client_for(staff)
    page = client.get(f"/matchmaking/places/{world['mm_place']}/sheet/").content.decode()
    assert "Antoine Girard" in page and "Jane Doe" in page
    text = _pdf_text(
        client.get(f"/matchmaking/places/{world['mm_place']}/sheet.pdf").content, tmp_path
    )
    assert "Tables B2B" in text and "Jane Doe" in text


def test_a_no_show_with_a_private_note(world, meeting, client_for, company_rep, client):
    client_for(company_rep).post(
        f"/matchmaking/meetings/{meeting.pk}/", {"status": "no_show", "note": "Stand vide"}
    )
    meeting.refresh_from_db()
    assert (meeting.status, meeting.note) == ("no_show", "Stand vide")
    token = svc.attendee_token(Profile.objects.get(pk=world["mm_jane"]).attendee)
    assert "Stand vide" not in client.get(f"/matchmaking/me/{token}/").content.decode()


def test_the_follow_up_question_after_a_meeting_held(world, meeting, staff):
    with pytest.raises(svc.MatchmakingError) as exc:
        svc.check_record_onsite(meeting, actor=staff, status="planned", followup="tender")
    assert exc.value.code == "followup_needs_held"
    svc.check_record_onsite(meeting, actor=staff, status="held", followup="tender")
    assert [m.pk for m in svc.followups(meeting.event)] == [meeting.pk]


def test_each_side_keeps_its_own_note(world, staff, caen_officer, company_rep, client_for):
    officer = Profile.objects.get(pk=world["mm_officer"])
    seller = Profile.objects.get(pk=world["mm_seller"])
    request = svc.check_send_request(seller, officer, actor=company_rep)
    svc.do_answer_request(request, actor=caen_officer, accept=True)
    svc.check_start_run(seller.event, actor=staff)
    from cityties.matchmaking.services import schedule

    schedule.run(svc.last_run(seller.event).pk, time_limit=1)
    meeting = Meeting.objects.get(request=request)
    client_for(company_rep).post(
        f"/matchmaking/meetings/{meeting.pk}/", {"status": "held", "note": "Prix trop haut"}
    )
    officer_page = client_for(caen_officer).get(f"/matchmaking/meetings/{meeting.pk}/")
    # Caen's officer acts for both sides (Caen sponsors the company): sender's side shown.
    assert officer_page.status_code == 200
    meeting.refresh_from_db()
    assert meeting.note == "Prix trop haut" and meeting.recipient_note == ""


def test_the_agenda_page_queries_do_not_grow_with_its_meetings(
    world, staff, client_for, company_rep, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cityties.matchmaking.services import schedule

    client = client_for(company_rep)
    url = f"/matchmaking/profiles/{world['mm_seller']}/agenda/"
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    seller = Profile.objects.get(pk=world["mm_seller"])
    for key in ("mm_marcus", "mm_officer"):
        request = svc.check_send_request(seller, Profile.objects.get(pk=world[key]), actor=staff)
        svc.do_answer_request(request, actor=None, accept=True)
    schedule.run(svc.check_start_run(seller.event, actor=staff).pk, time_limit=1)
    assert Meeting.objects.filter(request__sender=seller).count() == 3
    with django_assert_max_num_queries(len(one)):
        client.get(url)


def test_the_follow_up_becomes_an_outcome_record_of_the_meeting(world, meeting, company_rep):
    from cityties.outcomes.models import OutcomeRecord

    svc.check_record_onsite(meeting, actor=company_rep, status="held", followup="tender")
    record = OutcomeRecord.objects.get()
    assert (record.kind, record.source, record.counterpart, record.meeting_id) == (
        "tender",
        "meeting",
        "City of Pittsburgh",
        meeting.pk,
    )
    assert record.participant.organisation.name == "Soyhuce"
    svc.check_record_onsite(meeting, actor=company_rep, status="held", followup="contract")
    assert list(OutcomeRecord.objects.values_list("kind", flat=True)) == ["contract"]
    svc.check_record_onsite(meeting, actor=company_rep, status="held", followup="none")
    assert not OutcomeRecord.objects.exists()
