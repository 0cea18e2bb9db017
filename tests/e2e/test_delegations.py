"""The delegation's main flow in a browser: create the Pittsburgh delegation, add milestones,
move it through the pipeline, open a call, propose two companies as Tours's officer, accept
one and decline one as Caen's (the mails are read on a real SMTP server), add a session,
then open a delegate's itinerary, its PDF and its iCal feed."""

from __future__ import annotations

import subprocess
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from cityties.delegations.models import Application, Delegation, StatusMove
from cityties.events import demo as events_demo
from cityties.network.demo_data import DEMO_PASSWORD
from cityties.network.models import Organisation

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.e2e

CAEN = "caen@cityties.example.org"
TOURS = "tours@cityties.example.org"


def _context_page(browser, live_server, email):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.csp_errors = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.csp_errors.append(message.text)
        ),
    )
    log_in(page, live_server.url, email, DEMO_PASSWORD)
    return context, page


def _submit(page):
    page.locator("main form:has(button[type=submit]) button[type=submit]").last.click()
    page.wait_for_load_state()


def test_the_pittsburgh_delegation_from_idea_to_itinerary(
    browser, live_server, demo, smtp_inbox, tmp_path
):
    events = events_demo.load()
    tours = Organisation.objects.get(name="Ville de Tours")
    for name in ("Touraine Capteurs", "Loire Mobilité"):
        Organisation.objects.create(name=name, kind="company", country="FR", sponsor=tours)
    base = live_server.url

    caen_context, caen = _context_page(browser, live_server, CAEN)
    caen.goto(f"{base}/delegations/new/")
    assert axe_violations(caen) == []
    caen.fill("#id_title", "Délégation française à Pittsburgh")
    caen.select_option("#id_event", str(events["pittsburgh_2016"].pk))
    _submit(caen)
    delegation = Delegation.objects.get(title="Délégation française à Pittsburgh")
    assert caen.url.endswith(f"/delegations/{delegation.pk}/")
    assert axe_violations(caen) == []

    caen.goto(f"{base}/delegations/{delegation.pk}/milestones/")
    for title, due in (
        ("Lettre à Business France", "2016-04-15"),
        ("Projet bien avancé", "2016-04-30"),
    ):
        caen.fill("#id_title", title)
        caen.fill("#id_due_on", due)
        _submit(caen)
    assert delegation.milestones.count() == 2
    assert caen.locator("tr.overdue").count() == 2  # April 2016 is long past
    assert axe_violations(caen) == []

    caen.goto(f"{base}/delegations/{delegation.pk}/")
    caen.get_by_role("button", name="Passer à « Proposition »").click()
    caen.wait_for_load_state()
    caen.get_by_role("button", name="Passer à « Confirmée »").click()
    caen.wait_for_load_state()
    delegation.refresh_from_db()
    assert delegation.status == "confirmed"
    assert StatusMove.objects.filter(delegation=delegation).count() == 2

    caen.get_by_role("button", name="Ouvrir un appel à participation").click()
    caen.fill("#id_deadline", "2036-05-31T18:00")
    _submit(caen)
    assert caen.url.endswith(f"/delegations/{delegation.pk}/call/")

    tours_context, tours_page = _context_page(browser, live_server, TOURS)
    tours_page.goto(f"{base}/delegations/{delegation.pk}/call/")
    assert axe_violations(tours_page) == []
    for name, email, language in (
        ("Touraine Capteurs", "paul@touraine.example", "en"),
        ("Loire Mobilité", "lea@loire.example", "fr"),
    ):
        company = Organisation.objects.get(name=name)
        tours_page.select_option("#id_company", str(company.pk))
        tours_page.fill("#id_contact_name", "Contact " + name)
        tours_page.fill("#id_contact_email", email)
        tours_page.select_option("#id_language", language)
        tours_page.get_by_role("button", name="Proposer").click()
        tours_page.wait_for_load_state()
    assert Application.objects.filter(call__delegation=delegation).count() == 2
    tours_context.close()

    caen.reload()
    accepted = Application.objects.get(company__name="Touraine Capteurs")
    declined = Application.objects.get(company__name="Loire Mobilité")
    caen.select_option(f"#decision-{accepted.pk}", "accepted")
    caen.locator(f"form:has(#decision-{accepted.pk}) button").click()
    caen.wait_for_load_state()
    caen.select_option(f"#decision-{declined.pk}", "declined")
    caen.fill(f"#reason-{declined.pk}", "Hors du champ du congrès")
    caen.locator(f"form:has(#decision-{declined.pk}) button").click()
    caen.wait_for_load_state()
    assert axe_violations(caen) == []
    (accepted_mail,) = smtp_inbox.bodies_to("paul@touraine.example")
    (declined_mail,) = smtp_inbox.bodies_to("lea@loire.example")
    assert "is accepted" in accepted_mail
    assert "n’est pas retenue" in declined_mail and "Hors du champ du congrès" in declined_mail

    caen.goto(f"{base}/delegations/{delegation.pk}/programme/new/")
    caen.select_option("#id_kind", "workshop")
    caen.fill(
        "#id_title_fr", "Table ronde : les collectivités au service du développement économique"
    )
    caen.fill("#id_starts_at", "2016-11-17T14:00")
    caen.fill("#id_ends_at", "2016-11-17T15:30")
    caen.check("#id_for_everyone")
    _submit(caen)
    assert axe_violations(caen) == []

    caen.goto(f"{base}/delegations/{delegation.pk}/participants/")
    caen.select_option("#id_organisation", label="Ville de Caen")
    caen.get_by_role("button", name="Ajouter la collectivité").click()
    caen.wait_for_load_state()
    caen.get_by_role("link", name="Délégation officielle").first.click()
    caen.wait_for_load_state()
    caen.select_option("#id_person", label="Claire Vautier — Ville de Caen")
    caen.select_option("#id_role", "staff")
    caen.get_by_role("button", name="Ajouter le délégué").click()
    caen.wait_for_load_state()
    caen.get_by_role("link", name="Claire Vautier").click()
    caen.wait_for_load_state()
    assert "14:00" in caen.inner_text("main")
    assert axe_violations(caen) == []

    with caen.expect_download() as download_info:
        caen.get_by_role("button", name="Télécharger le PDF").click()
    pdf = tmp_path / "itinerary.pdf"
    download_info.value.save_as(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Table ronde" in text and "14:00" in text

    feed_url = caen.input_value("#feed-url")
    feed = caen_context.request.get(feed_url)
    (vevent,) = icalendar.Calendar.from_ical(feed.body()).walk("VEVENT")
    start = vevent.decoded("dtstart")
    assert (start.hour, str(start.tzinfo)) == (14, "America/New_York")
    assert start == datetime(2016, 11, 17, 19, 0, tzinfo=ZoneInfo("UTC"))
    assert caen.csp_errors == []
    caen_context.close()


def test_the_calendar_month_is_accessible_and_shows_the_summit(page, live_server, demo):
    events_demo.load()
    log_in(page, live_server.url, TOURS, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/calendar/?month=2016-11")
    assert "City Summit" in page.inner_text("main")
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/calendar/list/?from=2016-01-01&kind=forum")
    assert "D-Day" in page.inner_text("main")
    assert axe_violations(page) == []
