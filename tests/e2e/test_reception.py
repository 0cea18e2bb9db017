"""The reception in a browser: Caen's officer sets up the reception of a delegation and
gives Soyhuce a quota; Soyhuce's representative names two guests and mails their cards; a
guest answers through the link read from the real SMTP server's mail; at the door, on a
phone-sized page, the officer scans the QR code of the mailed card (the image taken from
the PDF), is refused the same card a second time, finds the other guest by name without
the accents, undoes and redoes a check-in, watches the head count, and downloads who came."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from cityties.delegations import services as delegation_services
from cityties.events.tests.factories import make_event
from cityties.network.demo_data import DEMO_PASSWORD
from cityties.network.models import Organisation
from cityties.reception.models import CheckIn, Reception

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.e2e

CAEN = "caen@cityties.example.org"
SOYHUCE = "soyhuce@cityties.example.org"
PHONE = {"width": 390, "height": 844}


def _delegation(staff):
    caen = Organisation.objects.get(name="Ville de Caen")
    start = timezone.now() + timedelta(days=20)
    event = make_event(caen, starts_at=start, ends_at=start + timedelta(days=3))
    delegation = delegation_services.check_create_delegation(
        actor=staff, title="Délégation française", event=event, lead=caen
    )
    soyhuce = Organisation.objects.get(name="Soyhuce")
    delegation_services.check_add_company(delegation, actor=staff, company=soyhuce, sponsor=caen)
    session = delegation_services.check_add_session(
        delegation,
        actor=staff,
        kind="reception",
        title_fr="Réception française",
        title_en="French reception",
        starts_at=start + timedelta(days=1, hours=9),
        ends_at=start + timedelta(days=1, hours=12),
        place="Downtown Pittsburgh",
    )
    return delegation, session


def _context(browser, *, locale="fr-FR", viewport=None):
    context = browser.new_context(
        locale=locale, viewport=viewport or {"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    page.csp_errors = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.csp_errors.append(message.text)
        ),
    )
    return context, page


def _submit(page):
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def _head_count(page) -> str:
    return page.locator("#head-count .count-figure").inner_text()


def test_quotas_guests_rsvp_and_the_door_on_a_phone(
    browser, live_server, demo, smtp_inbox, tmp_path, django_user_model
):
    staff = django_user_model.objects.get(email="staff@cityties.example.org")
    delegation, session = _delegation(staff)
    base = live_server.url

    # The lead sets the reception up and gives Soyhuce three invitations.
    lead_context, lead = _context(browser)
    log_in(lead, base, CAEN, DEMO_PASSWORD)
    lead.goto(f"{base}/delegations/{delegation.pk}/")
    lead.get_by_role("link", name="Préparer les invitations").click()
    assert axe_violations(lead) == []
    lead.fill("#id_capacity", "40")
    lead.fill("#id_plus_ones_allowed", "1")
    _submit(lead)
    reception = Reception.objects.get(session=session)
    assert lead.url.endswith(f"/reception/{reception.pk}/")
    lead.select_option("#id_participant", label="Soyhuce (Entreprise)")
    lead.fill("#id_size", "3")
    lead.get_by_role("button", name="Enregistrer le quota").click()
    lead.wait_for_load_state()
    assert "Quota enregistré." in lead.content()
    # The quotas never pass the capacity.
    lead.select_option("#id_participant", label="Soyhuce (Entreprise)")
    lead.fill("#id_size", "41")
    lead.get_by_role("button", name="Enregistrer le quota").click()
    lead.wait_for_load_state()
    assert "dépasseraient la capacité de la salle" in lead.content()
    assert axe_violations(lead) == []

    # Soyhuce names its guests and mails their cards.
    rep_context, rep = _context(browser)
    log_in(rep, base, SOYHUCE, DEMO_PASSWORD)
    rep.goto(f"{base}/delegations/{delegation.pk}/")
    rep.get_by_role("link", name="Invitations de Soyhuce").click()
    rep.wait_for_load_state()
    assert axe_violations(rep) == []
    for name, email in (
        ("José Martínez", "jose@pittsburgh.example"),
        ("Mary Smith", "mary@cmu.example"),
    ):
        rep.fill("#id_name", name)
        rep.fill("#id_organisation", "City of Pittsburgh")
        rep.fill("#id_email", email)
        rep.select_option("#id_language", "en")
        rep.get_by_role("button", name="Ajouter l’invité").click()
        rep.wait_for_load_state()
    rep.get_by_role("button", name="Envoyer les cartons à 2 invités").click()
    rep.wait_for_load_state()
    assert "2 cartons partent par courriel." in rep.content()
    assert axe_violations(rep) == []
    rep_context.close()

    # José answers through the link of his mail: coming, with one guest.
    (body,) = smtp_inbox.bodies_to("jose@pittsburgh.example")
    link = re.search(r"http\S+/reception/rsvp/\S+/", body)
    assert link is not None and "Please tell us whether you will come" in body
    (message,) = [m for rcpts, m in smtp_inbox.messages if "jose@pittsburgh.example" in rcpts]
    (attachment,) = list(message.iter_attachments())
    pdf = tmp_path / "card.pdf"
    pdf.write_bytes(attachment.get_content())
    guest_context, guest = _context(browser, locale="en-US")
    guest.goto(base + link.group(0)[link.group(0).index("/reception/") :])
    assert "Invitation for José Martínez" in guest.content()
    assert axe_violations(guest) == []
    guest.check("#id_attending_0")
    guest.fill("#id_plus_ones", "1")
    guest.get_by_role("button", name="Send my answer").click()
    guest.wait_for_load_state()
    assert "we look forward to seeing you" in guest.content()
    guest_context.close()

    # At the door, on a phone: the QR code of the mailed card.
    subprocess.run(["pdfimages", "-png", str(pdf), str(tmp_path / "qr")], check=True)
    qr_image = tmp_path / "qr-000.png"
    lead.set_viewport_size(PHONE)
    lead.goto(f"{base}/reception/{reception.pk}/door/")
    assert axe_violations(lead) == []
    lead.fill("#door-name", "Entrée principale")
    lead.set_input_files("#scan-photo", str(qr_image))
    result = lead.locator("#door-result")
    result.locator("strong", has_text="José Martínez").wait_for()
    result.get_by_role("button", name="Faire entrer").click()
    result.get_by_text("Bienvenue").wait_for()
    expect(lead.locator("#head-count .count-figure")).to_have_text("2")
    assert axe_violations(lead) == []
    # The same card again is refused, saying why.
    lead.set_input_files("#scan-photo", str(qr_image))
    result.locator("[data-code=already_in]").wait_for()
    assert "Déjà entré" in result.inner_text() and "Entrée principale" in result.inner_text()

    # The other guest, found by name without the accents; a mistaken check-in undone.
    lead.fill("#search-q", "smith")
    results = lead.locator("#search-results")
    results.locator("strong", has_text="Mary Smith").wait_for()
    results.get_by_role("button", name="Faire entrer").click()
    result.get_by_text("Bienvenue").wait_for()
    expect(lead.locator("#head-count .count-figure")).to_have_text("3")
    result.get_by_role("button", name="Annuler l’entrée").click()
    result.locator("[data-code=undone]").wait_for()
    expect(lead.locator("#head-count .count-figure")).to_have_text("2")
    lead.fill("#search-q", "martinez")
    results.get_by_text("déjà entré").wait_for()
    assert _head_count(lead) == "2"
    assert axe_violations(lead) == []
    assert CheckIn.objects.get().door == "Entrée principale"
    assert lead.csp_errors == []

    # Who came, as a workbook.
    lead.set_viewport_size({"width": 1280, "height": 900})
    lead.goto(f"{base}/reception/{reception.pk}/")
    with lead.expect_download() as download:
        lead.click("text=Qui est venu (XLSX)")
    rows = list(
        load_workbook(io.BytesIO(download.value.path().read_bytes())).active.iter_rows(
            values_only=True
        )
    )
    assert [row[:6] for row in rows[1:]] == [
        ("José Martínez", "City of Pittsburgh", None, "Soyhuce", 1, 2)
    ]
    lead_context.close()


def _camera_feed(path, payload: str) -> None:
    """A Y4M video of the card's QR code, for Chromium's fake camera."""
    import segno

    rows = [list(row) for row in segno.make(payload, error="m").matrix]
    scale, border = 8, 4
    size = (len(rows) + 2 * border) * scale
    width, height = 640, 480
    left, top = (width - size) // 2, (height - size) // 2
    luma = bytearray([235]) * (width * height)
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                for dy in range(scale):
                    start = (top + (y + border) * scale + dy) * width + left + (x + border) * scale
                    luma[start : start + scale] = bytes([16]) * scale
    chroma = bytes([128]) * (width * height // 4)
    frame = b"FRAME\n" + bytes(luma) + chroma + chroma
    path.write_bytes(b"YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n" + frame * 10)


def test_the_door_reads_a_card_with_the_phone_camera(
    browser, live_server, demo, tmp_path, django_user_model
):
    from cityties.reception import services as svc

    from .conftest import CHROMIUM, CHROMIUM_ARGS

    staff = django_user_model.objects.get(email="staff@cityties.example.org")
    delegation, session = _delegation(staff)
    reception = svc.check_create_reception(
        session, actor=staff, fields={"venue": "Downtown", "capacity": 20}
    )
    participant = delegation.participants.get(kind="company")
    quota = svc.check_set_quota(reception, actor=staff, participant=participant, size=2)
    guest = svc.check_add_guest(quota, actor=staff, fields={"name": "Zoë Walker"})
    feed = tmp_path / "camera.y4m"
    _camera_feed(feed, svc.qr_payload(guest))
    # A browser of its own: the fake camera is chosen when the browser starts.
    camera_browser = browser.browser_type.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={feed}",
        ],
    )
    try:
        context, page = _context(camera_browser, viewport=PHONE)
        context.grant_permissions(["camera"], origin=live_server.url)
        log_in(page, live_server.url, CAEN, DEMO_PASSWORD)
        page.goto(f"{live_server.url}/reception/{reception.pk}/door/")
        page.get_by_role("button", name="Lire avec la caméra").click()
        page.locator("#door-result strong", has_text="Zoë Walker").wait_for()
        assert page.csp_errors == []
    finally:
        camera_browser.close()
