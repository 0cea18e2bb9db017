"""A country-group meeting in a browser, as Caen's officer: create it, take the
attendance, write the minutes, add an action item for Caen due in a week, approve, then
download the PDF and the DOCX; the reminder of the action item is mailed once however
many times the clock runs (a real SMTP server); the next meeting's agenda carries it."""

from __future__ import annotations

import subprocess
from datetime import datetime, timedelta
from io import BytesIO

import docx
import pytest
from django.utils import timezone

from cityties.core.tick import run_due
from cityties.meetings.models import ActionItem, Meeting
from cityties.network.demo_data import DEMO_PASSWORD
from cityties.network.models import CountryGroup, Organisation, Person

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.e2e

CAEN = "caen@cityties.example.org"


def _submit(page, form="main form:has(button[type=submit])"):
    page.locator(f"{form} button[type=submit]").last.click()
    page.wait_for_load_state()


def _download(page, link_name, tmp_path, filename):
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    path = tmp_path / filename
    info.value.save_as(path)
    return path


def test_a_meeting_from_its_creation_to_its_approved_minutes(
    browser, live_server, demo, smtp_inbox, tmp_path
):
    base = live_server.url
    group = CountryGroup.objects.get(country="US")
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and csp_errors.append(message.text)
        ),
    )
    log_in(page, base, CAEN, DEMO_PASSWORD)

    page.get_by_role("link", name="Réunions", exact=True).click()
    page.get_by_role("link", name="Groupe-pays États-Unis").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Nouvelle réunion").click()
    assert axe_violations(page) == []
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    page.fill("#id_title", "Réunion du groupe-pays États-Unis")
    page.fill("#id_starts_at", f"{yesterday}T10:00")
    page.fill("#id_ends_at", f"{yesterday}T12:30")
    page.fill("#id_place", "Cités Unies France, Paris")
    page.select_option("#id_chair", label="Hervé Lemarchand — Ville de Caen")
    _submit(page)
    meeting = Meeting.objects.get(group=group)
    assert page.url.endswith(f"/meetings/{meeting.pk}/")
    assert meeting.event is not None and meeting.local_start.hour == 10
    assert axe_violations(page) == []

    page.locator("summary", has_text="Ajouter un point à l’ordre du jour").click()
    page.fill("#id_title", "Congrès de la NLC à Pittsburgh")
    page.select_option("#id_presenter", label="Hervé Lemarchand — Ville de Caen")
    page.fill("#id_duration_minutes", "45")
    _submit(page, "form[action$='/agenda/']")
    assert meeting.agenda_items.count() == 1

    # Attendance: invite three people of the group, record how they attended.
    page.get_by_role("link", name="Relever les présences, inviter").click()
    for name in ("Hervé Lemarchand", "Claire Vautier", "Anne-Sophie Delorme"):
        page.get_by_label(name, exact=False).check()
    page.get_by_role("button", name="Inviter").click()
    page.wait_for_load_state()
    assert meeting.attendances.count() == 3
    rows = {row.last_name: row.pk for row in meeting.attendances.all()}
    page.select_option(f"#id_status_{rows['Lemarchand']}", "present")
    page.select_option(f"#id_status_{rows['Vautier']}", "remote")
    page.select_option(f"#id_status_{rows['Delorme']}", "excused")
    page.get_by_role("button", name="Enregistrer les présences").click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    assert sorted(meeting.attendances.values_list("status", flat=True)) == [
        "excused",
        "present",
        "remote",
    ]

    page.goto(f"{base}/meetings/{meeting.pk}/minutes/")
    assert axe_violations(page) == []
    page.fill("#id_opening", "Le président ouvre la séance et remercie les participants.")
    item = meeting.agenda_items.get()
    page.fill(
        f"#id_item_{item.pk}",
        "Caen propose une délégation française.\n\nLa NLC a donné son accord.",
    )
    _submit(page)
    assert "La NLC a donné son accord." in page.inner_text("main")

    page.get_by_role("button", name="Ajouter une action", exact=True).click()
    due = timezone.localdate() + timedelta(days=7)
    page.fill("#id_text", "Écrire à Business France pour présenter l'initiative")
    page.select_option("#id_owner_organisation", label="Ville de Caen")
    page.select_option("#id_owner_person", label="Claire Vautier — Ville de Caen")
    page.fill("#id_due_on", due.isoformat())
    _submit(page)
    action = ActionItem.objects.get(meeting=meeting)
    assert action.owner_organisation == Organisation.objects.get(name="Ville de Caen")
    assert action.due_on == due
    assert axe_violations(page) == []

    page.get_by_role("button", name="Approuver le compte-rendu").click()
    page.wait_for_load_state()
    meeting.refresh_from_db()
    assert meeting.is_approved and meeting.versions.count() == 1
    assert page.get_by_role("button", name="Rédiger le compte-rendu").count() == 0
    assert axe_violations(page) == []

    pdf = _download(page, "PDF en français", tmp_path, "minutes.pdf")
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "Compte-rendu de la réunion du Groupe-pays États-Unis" in text
    assert "Écrire à Business France" in text and "Excusés" in text and "DELORME" in text
    document = docx.Document(
        BytesIO(_download(page, "Word (DOCX) en français", tmp_path, "m.docx").read_bytes())
    )
    assert "Annexe : liste des participants" in [p.text for p in document.paragraphs]

    # The clock: the reminder (due in a week, three days before) is mailed once.
    remind_at = datetime.combine(due - timedelta(days=3), datetime.min.time()).replace(
        hour=9, tzinfo=timezone.get_current_timezone()
    )
    for hours in range(3):
        run_due(now=remind_at + timedelta(hours=hours), only=["meetings.action_reminders"])
    assert len(smtp_inbox.bodies_to(Person.objects.get(last_name="Vautier").email)) == 1

    # The next meeting carries the open action item on its agenda.
    page.goto(f"{base}/meetings/groups/{group.pk}/new/")
    page.fill("#id_starts_at", f"{(due + timedelta(days=30)).isoformat()}T10:00")
    page.fill("#id_ends_at", f"{(due + timedelta(days=30)).isoformat()}T12:00")
    page.select_option("#id_chair", label="Hervé Lemarchand — Ville de Caen")
    _submit(page)
    assert "Suivi : Écrire à Business France" in page.inner_text("main")
    assert axe_violations(page) == []
    assert csp_errors == []
    context.close()


def test_imported_minutes_are_reviewed_corrected_and_confirmed(browser, live_server, demo):
    from cityties.meetings.demo import SOURCE

    group = CountryGroup.objects.get(country="US")
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    log_in(page, live_server.url, CAEN, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/meetings/groups/{group.pk}/")
    page.get_by_role("button", name="Importer un compte-rendu").click()
    assert axe_violations(page) == []
    page.set_input_files("#id_file", str(SOURCE))
    page.get_by_role("button", name="Lire le compte-rendu").click()
    page.wait_for_url("**/meetings/imports/*/")
    assert axe_violations(page) == []
    assert Meeting.objects.count() == 0  # nothing is saved while the review is open

    # Correct one person: the intern is kept as written, with her function of that day.
    intern = page.locator("fieldset:has(legend:text-is('Léa Fontaine'))")
    intern.locator("select[name$='-match']").select_option("")
    intern.locator("input[name$='-function']").fill("Stagiaire aux relations internationales")
    page.select_option("#id_meeting-chair", label="Hervé Lemarchand — Ville de Caen")
    # Action items whose owner the reader could not tell are left out.
    for fieldset in page.locator("fieldset:has(select[name$='-owner_organisation'])").all():
        if not fieldset.locator("select[name$='-owner_organisation']").input_value():
            fieldset.locator("input[name$='-include']").uncheck()
    page.get_by_role("button", name="Confirmer l’import").click()
    page.wait_for_load_state()
    meeting = Meeting.objects.get()
    assert page.url.endswith(f"/meetings/{meeting.pk}/")
    assert meeting.attendances.filter(status="present").count() == 13
    assert meeting.attendances.filter(status="excused").count() == 3
    intern_row = meeting.attendances.get(last_name="Fontaine")
    assert intern_row.person is None
    assert intern_row.function == "Stagiaire aux relations internationales"
    assert meeting.attendances.get(last_name="Vautier").person is not None  # matched
    assert meeting.action_items.filter(owner_organisation__short_name="Caen").exists()
    assert axe_violations(page) == []
    context.close()
