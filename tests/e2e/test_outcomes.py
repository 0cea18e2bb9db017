"""Outcomes of the 2016 City Summit in a browser: Soyhuce's representative records a
contract from a meeting held on site; Starnav's contact answers the six-month survey
through the link the clock mailed (a real SMTP conversation); the staff read the
Pittsburgh dashboard against Nashville, download its PDF (read with pdftotext) and its
workbook (read with openpyxl); the ministry, a funder, sees the report without the
private contract value; on a phone the dashboard does not overflow. axe finds no serious
violation and the Content Security Policy reports nothing on the way."""

from __future__ import annotations

import re
import subprocess
from datetime import time, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlparse

import openpyxl
import pytest
from django.db.models import Sum

from cityties.core.tick import discover, run_job
from cityties.delegations import demo as delegations_demo
from cityties.delegations.models import Participant
from cityties.matchmaking import services as mm
from cityties.matchmaking.models import Meeting, Profile
from cityties.network.demo_data import DEMO_PASSWORD
from cityties.outcomes import demo as outcomes_demo
from cityties.outcomes import services as svc
from cityties.outcomes.models import OutcomeRecord, SurveyInvitation
from cityties.pavilion import demo as pavilion_demo

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.e2e

STAFF = "staff@cityties.example.org"
SOYHUCE = "soyhuce@cityties.example.org"
DAECT = "daect@cityties.example.org"
LINK = re.compile(r"https?://\S+/outcomes/survey/[^/\s]+/")
CONTRACT_VALUE = "52 000"  # Soyhuce's new contract, kept private


def _context(browser, locale="fr-FR", width=1280):
    context = browser.new_context(
        locale=locale, viewport={"width": width, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(30000)
    page.csp_errors = []
    page.on(
        "console",
        lambda m: "Content Security Policy" in m.text and page.csp_errors.append(m.text),
    )
    return context, page


def _checked(page) -> None:
    """The page has no serious accessibility violation and no CSP report."""
    assert axe_violations(page) == [], page.url
    assert page.csp_errors == [], page.url


def _submit(page, selector="main form button[type=submit]"):
    page.locator(selector).last.click()
    page.wait_for_load_state()


def _a_held_meeting(delegation, participant, actor) -> Meeting:
    """Soyhuce's delegate met Caen's officer at the pavilion: slots, a table, the request
    accepted, placed by the scheduler, then marked held on site."""
    event = delegation.event
    mm.check_save_setup(event, actor=actor, day_starts=time(9, 0), day_ends=time(11, 0), breaks=[])
    mm.check_generate_slots(event, actor=actor)
    mm.check_add_place(event, actor=actor, name="Village français", kind="table", capacity=2)
    mm.ensure_delegate_profiles(event)
    seller = Profile.objects.filter(event=event, delegate__participant=participant).first()
    other = Profile.objects.filter(
        event=event, delegate__participant__delegation=delegation, delegate__isnull=False
    ).exclude(delegate__participant=participant)[0]
    request = mm.check_send_request(seller, other, actor=actor, message="Démonstration")
    mm.do_answer_request(request, actor=None, accept=True, notify=False)
    run = mm.check_start_run(event, actor=actor, time_limit=1)
    from cityties.matchmaking.services import schedule

    schedule.run(run.pk, time_limit=1)
    meeting = Meeting.objects.get(request=request)
    Meeting.objects.filter(pk=meeting.pk).update(status="held")
    return meeting


def _pdf_text(content: bytes, tmp_path, name: str) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(content)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    # A cell's text may wrap: read it as one line of words.
    return " ".join(done.stdout.replace("\u202f", " ").replace("\u00a0", " ").split())


def _download(page, link_text: str):
    with page.expect_download() as info:
        page.locator("main p.actions a", has_text=link_text).first.click()
    return info.value


def test_from_a_meeting_to_the_ministrys_report(browser, live_server, demo, smtp_inbox, tmp_path):
    delegations = delegations_demo.load()
    actor = delegations_demo.demo_actor()
    pavilion_demo.load(delegations, actor)
    outcomes_demo.load(delegations, actor)
    pittsburgh, nashville = delegations["pittsburgh_2016"], delegations["nashville_2015"]
    soyhuce = Participant.objects.get(delegation=pittsburgh, organisation__name="Soyhuce")
    starnav = Participant.objects.get(delegation=pittsburgh, organisation__name="Starnav")
    meeting = _a_held_meeting(pittsburgh, soyhuce, actor)
    base = live_server.url

    # Soyhuce's representative records the contract that came of the meeting.
    context, page = _context(browser)
    log_in(page, base, SOYHUCE, DEMO_PASSWORD)
    page.goto(f"{base}/outcomes/participants/{soyhuce.pk}/")
    _checked(page)
    page.locator("main p.actions a[role=button]").click()
    page.wait_for_url("**/records/new/")
    page.select_option("#id_kind", "contract")
    page.fill("#id_title", "Application de relation citoyenne — Allegheny County")
    page.fill("#id_counterpart", "Allegheny County")
    page.fill("#id_value", "52000")
    page.fill("#id_occurred_on", "2017-06-01")
    page.fill("#id_duration_months", "24")
    page.check("#id_confidential")
    options = page.locator("#id_meeting option").all_inner_texts()
    assert any("Village" in text or ":" in text for text in options[1:]), options
    page.select_option("#id_meeting", index=1)
    _checked(page)
    _submit(page)
    page.wait_for_url(f"**/outcomes/participants/{soyhuce.pk}/")
    record = OutcomeRecord.objects.get(title__startswith="Application de relation citoyenne — A")
    assert (record.kind, record.value_eur, record.confidential) == (
        "contract",
        Decimal("52000.00"),
        True,
    )
    assert record.meeting_id == meeting.pk and record.created_by.email == SOYHUCE
    assert "Allegheny County" in page.locator("main").inner_text()
    _checked(page)
    context.close()

    # Six months on, the clock mails the survey once, however often it runs.
    job = discover()["outcomes.surveys"]
    due = svc.due_at(pittsburgh, 6)
    for minutes in (0, 5, 65):
        run_job(job, now=due + timedelta(minutes=minutes), force=True)
    contact = SurveyInvitation.objects.get(participant=starnav, step=6).person
    [body] = smtp_inbox.bodies_to(contact.email)
    link = base + urlparse(LINK.search(body).group(0)).path
    guest_context, guest = _context(browser)
    guest.goto(link)
    assert "Starnav" in guest.locator("main").inner_text()
    _checked(guest)
    guest.check("input[name=usefulness][value='5']")
    guest.select_option("#id_deal-0-kind", "contract")
    guest.fill("#id_deal-0-title", "Suivi des patients du comté")
    guest.fill("#id_deal-0-counterpart", "Allegheny County Health Department")
    guest.fill("#id_deal-0-value", "80000")
    guest.fill("#id_deal-0-currency", "USD")
    guest.fill("#id_deal-0-occurred_on", "2017-05-10")
    _submit(guest)
    assert guest.locator("main [role=status]").count() == 1
    _checked(guest)
    invitation = SurveyInvitation.objects.get(participant=starnav, step=6)
    assert invitation.answered_at is not None and invitation.usefulness == 5
    deal = OutcomeRecord.objects.get(survey=invitation, kind="contract")
    assert deal.counterpart == "Allegheny County Health Department" and deal.value_eur > 0
    guest_context.close()

    # The staff read Pittsburgh against Nashville, then its PDF and its workbook.
    context, page = _context(browser)
    log_in(page, base, STAFF, DEMO_PASSWORD)
    page.goto(f"{base}/outcomes/delegations/{pittsburgh.pk}/")
    page.select_option("#id_compare", str(nashville.pk))
    _submit(page, "main form.filters button[type=submit]")
    comparison = page.locator("#section-comparison-counts table").inner_text()
    assert "Nashville 2015" in comparison and "Pittsburgh 2016" in comparison
    _checked(page)
    contracts = OutcomeRecord.objects.filter(delegation=pittsburgh, kind="contract")
    total = contracts.aggregate(total=Sum("value_eur"))["total"]
    figures = page.locator("main section.cards").inner_text().replace("\u202f", " ")
    assert f"{total:,.2f}".replace(",", " ").replace(".", ",") in figures.replace("\xa0", " ")

    text = _pdf_text(Path(_download(page, "PDF").path()).read_bytes(), tmp_path, "staff")
    assert "Retour sur investissement — Pittsburgh 2016" in text
    assert "Nashville 2015" in text and f"{CONTRACT_VALUE},00 €" in text
    assert "Allegheny County Health Department" in text
    sheet = tmp_path / "pittsburgh.xlsx"
    _download(page, "XLSX").save_as(sheet)
    workbook = openpyxl.load_workbook(sheet, read_only=True)
    summary = {
        row[0]: row[1] for row in workbook["Retour sur investissement"].iter_rows(values_only=True)
    }
    assert Decimal(str(summary["Montant des contrats"])) == total
    assert summary["Contrats"] == contracts.count()
    context.close()

    # The ministry, which funds the delegation, reads it without the private value.
    context, page = _context(browser)
    log_in(page, base, DAECT, DEMO_PASSWORD)
    page.goto(f"{base}/outcomes/delegations/{pittsburgh.pk}/")
    main = page.locator("main").inner_text().replace("\u202f", " ")
    assert CONTRACT_VALUE not in main and page.locator("#hidden-note").count() == 1
    assert "Application de relation citoyenne — Allegheny County" in main
    _checked(page)
    text = _pdf_text(Path(_download(page, "PDF").path()).read_bytes(), tmp_path, "ministry")
    assert "Allegheny County" in text and CONTRACT_VALUE not in text
    assert "privé" in text
    context.close()

    # On a phone, the dashboard stays within the screen: tables scroll in their frame.
    context, page = _context(browser, width=375)
    log_in(page, base, STAFF, DEMO_PASSWORD)
    page.goto(f"{base}/outcomes/delegations/{pittsburgh.pk}/?compare={nashville.pk}")
    overflow = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.body.scrollWidth, innerWidth]"
    )
    assert overflow[0] <= overflow[2] and overflow[1] <= overflow[2], overflow
    assert page.locator("#section-funnel figure.chart svg").is_visible()
    _checked(page)
    context.close()
