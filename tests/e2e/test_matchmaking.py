"""Matchmaking at the 2016 City Summit in a browser: Caen's officer makes the slots and a
place, imports an attendee sheet, fills a delegate's profile, requests meetings from the
recommendations; an American attendee accepts through the mailed link (a real SMTP
conversation); the officer runs the schedule, moves and locks a meeting, re-plans, opens
the agenda and downloads its PDF and iCal, and marks a no-show. A forged link and a used
one get a clear page; axe finds no serious violation on the way."""

from __future__ import annotations

import re
import subprocess
from urllib.parse import urlparse

import icalendar
import pytest

from cityties.delegations import demo as delegations_demo
from cityties.delegations.models import Delegation
from cityties.matchmaking.models import Meeting, MeetingRequest, Profile
from cityties.network.demo_data import DEMO_PASSWORD

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.e2e

CAEN = "caen@cityties.example.org"
SHEET = (
    "NLC City Summit 2016 — registrants\n"
    "\n"
    "First Name;Last Name;Email;Organization;Job Title;City;State;Interests;Needs\n"
    "Jane;Doe;jane.doe@pittsburghpa.gov;City of Pittsburgh;Chief Innovation Officer;"
    "Pittsburgh;PA;Smart city;resident engagement\n"
    "Marcus;Lee;mlee@alleghenycounty.us;Allegheny County;County Executive;Pittsburgh;PA;"
    "Smart city;citizen reporting app\n"
    'Rosa;Diaz;;Greater Pittsburgh Chamber of Commerce;"President &amp; CEO";Pittsburgh;PA;'
    "Economic development;foreign direct investment\n"
)
LINK = re.compile(r"https?://\S+/matchmaking/answer/\S+/")


def _context(browser, locale="fr-FR"):
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20000)
    page.csp_errors = []
    page.on(
        "console",
        lambda m: "Content Security Policy" in m.text and page.csp_errors.append(m.text),
    )
    return context, page


def _submit(page, selector="main form button[type=submit]"):
    page.locator(selector).first.click()
    page.wait_for_load_state()


def _free_slot(event, profile, meeting) -> int:
    """The last slot in which both people are free (no session, no other meeting)."""
    from cityties.matchmaking.services import schedule

    loaded = schedule.load(event)
    closed = set().union(*(loaded.unavailable[p] for p in loaded.parties[meeting.request_id]))
    busy = set(profile.bookings.values_list("slot_id", flat=True))
    return next(s for s in reversed(loaded.slots) if s not in closed | busy)


def test_from_the_attendee_sheet_to_the_no_show(browser, live_server, demo, smtp_inbox, tmp_path):
    delegations = delegations_demo.load()
    event = delegations["pittsburgh_2016"].event
    base = live_server.url
    context, page = _context(browser)
    log_in(page, base, CAEN, DEMO_PASSWORD)

    # Slots and a place.
    page.goto(f"{base}/matchmaking/events/{event.pk}/")
    assert axe_violations(page) == []
    page.goto(f"{base}/matchmaking/events/{event.pk}/settings/")
    page.fill("#id_breaks", "12:30-14:00")
    _submit(page)
    page.wait_for_url("**/slots/")
    _submit(page)
    assert "Créneaux créés" in page.content()
    assert axe_violations(page) == []
    page.goto(f"{base}/matchmaking/events/{event.pk}/places/")
    page.fill("#id_name", "Espace B2B")
    page.fill("#id_capacity", "1")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert "Lieu ajouté" in page.content()
    assert axe_violations(page) == []

    # The attendee sheet, through the import engine.
    sheet = tmp_path / "registrants.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    page.goto(f"{base}/imports/")
    page.select_option("#id_kind", "attendees")
    page.fill("#id_source_name", "NLC registrations")
    page.set_input_files("#id_file", str(sheet))
    _submit(page)
    page.wait_for_url("**/mapping/")
    page.select_option("#id_default__event", str(event.pk))
    assert axe_violations(page) == []
    _submit(page)
    page.wait_for_url("**/preview/")
    assert axe_violations(page) == []
    page.locator("#start-import").click()
    page.wait_for_url("**/imports/*/")
    assert "3 participants" in page.locator("main").inner_text()
    page.goto(f"{base}/matchmaking/events/{event.pk}/attendees/")
    assert "President & CEO" in page.locator("main").inner_text()
    assert axe_violations(page) == []

    # A delegate's profile, then the recommendations and two requests.
    soyhuce = Profile.objects.get(event=event, delegate__participant__organisation__name="Soyhuce")
    page.goto(f"{base}/matchmaking/profiles/{soyhuce.pk}/edit/")
    page.fill("#id_offers", "application de relation citoyenne")
    page.check("input[name=sectors] >> nth=0")
    assert axe_violations(page) == []
    _submit(page)
    page.goto(f"{base}/matchmaking/profiles/{soyhuce.pk}/recommendations/")
    text = page.locator("main").inner_text()
    assert "Jane Doe" in text and "votre offre « application de relation citoyenne »" in text
    assert axe_violations(page) == []
    for name in ("Jane Doe", "Marcus Lee"):
        page.goto(f"{base}/matchmaking/profiles/{soyhuce.pk}/recommendations/")
        page.locator(".recommendation", has_text=name).locator("a.request-link").click()
        page.wait_for_url("**/request/**")
        page.fill("#id_message", "Bonjour, rencontrons-nous au village français.")
        page.select_option("#id_priority", "2")
        assert axe_violations(page) == []
        _submit(page)
        page.wait_for_url("**/recommendations/**")
    assert MeetingRequest.objects.filter(sender=soyhuce).count() == 2

    # Jane accepts through the link mailed to her, in English; the link then works no more.
    [body] = smtp_inbox.bodies_to("jane.doe@pittsburghpa.gov")
    link = base + urlparse(LINK.search(body).group(0)).path
    guest_context, guest = _context(browser, "en-US")
    guest.goto(link)
    assert "asks to meet you" in guest.locator("main").inner_text()
    assert axe_violations(guest) == []
    guest.locator("button[value=accept]").click()
    guest.wait_for_load_state()
    assert "You accepted to meet" in guest.locator("main").inner_text()
    assert axe_violations(guest) == []
    response = guest.goto(link)
    assert response is not None and response.status == 410
    assert "already been used" in guest.locator("main").inner_text()
    response = guest.goto(f"{base}/matchmaking/answer/forged-token/")
    assert response is not None and response.status == 400
    guest_context.close()
    # Marcus's request is accepted by the officer, on his behalf, in the app.
    page.goto(f"{base}/matchmaking/events/{event.pk}/requests/")
    assert axe_violations(page) == []
    page.locator("tr", has_text="Marcus Lee").locator("button[value=accept]").click()
    page.wait_for_load_state()

    # The schedule, a hand move with its lock, a re-plan that keeps it.
    page.goto(f"{base}/matchmaking/events/{event.pk}/schedule/")
    page.locator("#run-schedule").click()
    page.wait_for_load_state()
    page.goto(f"{base}/matchmaking/events/{event.pk}/schedule/")
    assert "2 rendez-vous placés" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    jane_meeting = Meeting.objects.get(
        request__recipient__attendee__email="jane.doe@pittsburghpa.gov"
    )
    page.goto(f"{base}/matchmaking/meetings/{jane_meeting.pk}/move/")
    target = str(_free_slot(event, soyhuce, jane_meeting))
    page.select_option("#id_slot", target)
    assert axe_violations(page) == []
    _submit(page)
    page.wait_for_url("**/schedule/")
    assert "verrouillé" in page.locator(f"#meeting-{jane_meeting.pk}").inner_text()
    page.locator("#run-schedule").click()
    page.wait_for_load_state()
    moved = Meeting.objects.get(request__recipient__attendee__email="jane.doe@pittsburghpa.gov")
    assert (moved.slot_id, moved.locked) == (int(target), True)

    # The agenda, its PDF and its iCal.
    page.goto(f"{base}/matchmaking/profiles/{soyhuce.pk}/agenda/")
    assert "Rendez-vous avec Jane Doe" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.click("text=Télécharger le PDF")
    pdf = tmp_path / "agenda.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Jane Doe" in text and "Espace B2B" in text
    with page.expect_download() as download:
        page.click("text=Télécharger pour un agenda (iCal)")
    calendar = icalendar.Calendar.from_ical(download.value.path().read_bytes())
    summaries = {str(e["summary"]) for e in calendar.walk("VEVENT")}
    assert {"Rendez-vous avec Jane Doe", "Rendez-vous avec Marcus Lee"} <= summaries

    # On site: Marcus did not come.
    marcus_meeting = Meeting.objects.get(
        request__recipient__attendee__email="mlee@alleghenycounty.us"
    )
    page.goto(f"{base}/matchmaking/meetings/{marcus_meeting.pk}/")
    page.check("input[name=status][value=no_show]")
    page.fill("#id_note", "Stand vide à 10 h")
    assert axe_violations(page) == []
    _submit(page)
    marcus_meeting.refresh_from_db()
    assert (marcus_meeting.status, marcus_meeting.note) == ("no_show", "Stand vide à 10 h")
    assert page.csp_errors == []
    # On a phone, at the stand.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/matchmaking/profiles/{soyhuce.pk}/agenda/")
    assert axe_violations(page) == []
    page.goto(f"{base}/matchmaking/profiles/{soyhuce.pk}/recommendations/")
    assert axe_violations(page) == []
    assert Delegation.objects.filter(event=event).exists()
    context.close()
