"""Solidarity in a browser: Caen's officer enters its water, sanitation and waste budgets
and reads the Oudin-Santini headroom (checked against a hand computation), pledges to the
Louisiana fund under the sanitation budget, is refused a pledge above what is left,
records the council decision with its document, pays half and sees the state change; a
visitor without an account sees the public page change, in French and in English. The
staff then post a progress report with a photo, record New Orleans' need and propose
Toulouse's emergency managers, ranked first. Caen never reads Tours' private pledge."""

from __future__ import annotations

import re
from datetime import date

import pytest

from cityties.accounts.models import User
from cityties.network.demo_data import DEMO_PASSWORD
from cityties.network.models import Organisation
from cityties.solidarity import demo as solidarity_demo
from cityties.solidarity.demo_files import pdf, png
from cityties.solidarity.models import Match, Pledge

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.e2e

CAEN = "caen@cityties.example.org"
STAFF = "staff@cityties.example.org"
NBSP, NNBSP = "\xa0", "\u202f"


def _context_page(browser, live_server, email=None):
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
    if email:
        log_in(page, live_server.url, email, DEMO_PASSWORD)
    return context, page


def _plain(text: str) -> str:
    return text.replace(NNBSP, " ").replace(NBSP, " ").strip()


def _cell(page, selector: str) -> str:
    return _plain(page.locator(selector).inner_text())


def _headroom(page, year: int, budget: str) -> list[str]:
    row = page.locator(f"#headroom-{year} tr[data-budget={budget}] td")
    return [_plain(row.nth(i).inner_text()) for i in range(row.count())]


def _submit(page) -> None:
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def test_pledge_decide_pay_report_and_match(browser, live_server, demo, tmp_path):
    funds = solidarity_demo.load(User.objects.get(email=STAFF))
    fund = funds["louisiana"]
    caen = Organisation.objects.get(name="Ville de Caen")
    base = live_server.url
    year = date.today().year
    visitor_context, visitor = _context_page(browser, live_server)
    visitor.goto(f"{base}/solidarity/public/funds/{fund.pk}/")
    assert _cell(visitor, "#contributors") == "6 collectivités"
    assert _cell(visitor, "#pledged") == "120 000,00 €"

    context, page = _context_page(browser, live_server, CAEN)
    page.goto(f"{base}/solidarity/")
    assert axe_violations(page) == []
    page.click("text=Fonds Louisiane 2016")
    assert axe_violations(page) == []
    page.click("main >> text=S'engager")
    page.click("text=Budgets et marge de Ville de Caen")
    page.fill("#id_year", str(year))
    page.fill("#id_water", "9 876 543,21")
    page.fill("#id_sanitation", "4 500 000")
    page.fill("#id_waste", "1 234 567,89")
    _submit(page)
    assert axe_violations(page) == []
    # By hand: 1 % of each budget, rounded down to the cent, nothing given yet.
    assert _headroom(page, year, "water") == [
        "9 876 543,21 €", "98 765,43 €", "0,00 €", "98 765,43 €",
    ]  # fmt: skip
    assert _headroom(page, year, "sanitation")[1:] == ["45 000,00 €", "0,00 €", "45 000,00 €"]
    assert _headroom(page, year, "waste")[1] == "12 345,67 €"

    def pledge(amount: str) -> None:
        page.goto(f"{base}/solidarity/funds/{fund.pk}/pledge/")
        page.fill("#id_amount", amount)
        page.select_option("#id_legal_basis", "oudin_sanitation")
        page.fill("#id_budget_year", str(year))
        _submit(page)

    pledge("30 000")
    page.wait_for_url(re.compile(r"/solidarity/pledges/\d+/$"))
    pledge_url = page.url
    assert _cell(page, "#pledge-state") == "Engagé"
    assert "15 000,00 €" in _plain(page.locator("#headroom").inner_text())
    pledge("15 000,01")  # one cent above what 1 % of sanitation leaves
    refusal = _plain(page.locator("main .errorlist, main [role=alert]").first.inner_text())
    assert refusal.startswith("Au-delà du plafond Oudin-Santini : il reste 15 000,00 €"), refusal

    page.goto(pledge_url)
    page.click("text=Enregistrer la délibération")
    page.fill("#id_decided_on", date.today().isoformat())
    page.fill("#id_reference", "DEL-2026-118")
    decision = tmp_path / "deliberation.pdf"
    decision.write_bytes(pdf("d.pdf", ["Délibération DEL-2026-118", "Louisiane"]).read())
    page.set_input_files("#id_file", str(decision))
    _submit(page)
    assert _cell(page, "#pledge-state") == "Délibéré"
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.click("text=la délibération (document)")
    assert download.value.path().read_bytes().startswith(b"%PDF-")

    page.fill("#id_amount", "15 000")
    page.select_option("#id_channel", "faceco")
    page.locator("form[aria-labelledby=pay-title] button[type=submit]").click()
    page.wait_for_load_state()
    assert _cell(page, "#pledge-state") == "Versé en partie"
    assert _cell(page, "#pledge-paid").startswith("15 000,00 €")

    page.goto(f"{base}/solidarity/members/{caen.pk}/budgets/?year={year}")
    assert _headroom(page, year, "sanitation")[2:] == ["30 000,00 €", "15 000,00 €"]
    tours = Pledge.objects.get(fund=fund, member__name="Ville de Tours")
    response = page.goto(f"{base}/solidarity/pledges/{tours.pk}/")
    assert response is not None and response.status == 403
    context.close()

    visitor.reload()
    assert _cell(visitor, "#contributors") == "6 collectivités"
    assert _cell(visitor, "#pledged") == "150 000,00 €"
    assert _cell(visitor, "#paid") == "70 000,00 €"  # 55 000 paid before, and Caen's 15 000
    assert "Ville de Tours" not in visitor.content()
    assert "qui a demandé à ne pas être nommée" in visitor.content()
    assert axe_violations(visitor) == []
    visitor.click("button[name=language][value=en]")
    visitor.wait_for_load_state()
    assert _cell(visitor, "#contributors") == "6 governments"
    assert _cell(visitor, "#pledged") == "€150,000.00"
    assert axe_violations(visitor) == []
    visitor.set_viewport_size({"width": 390, "height": 844})
    assert axe_violations(visitor) == []
    visitor_context.close()

    context, page = _context_page(browser, live_server, STAFF)
    project = fund.projects.get()
    page.goto(f"{base}/solidarity/projects/{project.pk}/")
    page.click("text=Publier un rapport d'avancement")
    page.select_option("#id_kind", "interim")
    page.fill("#id_progress", "60")
    page.fill("#id_summary_fr", "Trois pompes sur cinq en service.")
    _submit(page)
    report = project.reports.order_by("-pk").first()
    article = page.locator(f"#report-{report.pk}")
    article.locator("summary").click()
    photo = tmp_path / "pompe.png"
    photo.write_bytes(png("pompe.png", (80, 100, 80)).read())
    article.locator("select[name=kind]").select_option("photo")
    article.locator("input[name=caption]").fill("Pompe n° 3")
    article.locator("input[type=file]").set_input_files(str(photo))
    article.locator("button[type=submit]").click()
    page.wait_for_load_state()
    image = page.locator(f"#report-{report.pk} img[alt='Pompe n° 3']")
    assert image.evaluate("img => img.complete && img.naturalWidth") == 240
    assert axe_violations(page) == []

    page.goto(f"{base}/solidarity/expertise/needs/new/")
    page.fill("#id_partner", "City of New Orleans")
    page.select_option("#id_crisis", label="Inondations en Louisiane")
    page.select_option("#id_domain", "emergency")
    page.fill("#id_title", "Hurricane season preparedness")
    page.fill("#id_description", "Train the city's staff for the next hurricane season.")
    page.fill("#id_staff_days", "10")
    page.check("input[name=languages][value=en]")
    _submit(page)
    page.wait_for_url(re.compile(r"/solidarity/expertise/needs/\d+/$"))
    first = page.locator("#ranked > li").first
    assert "Gestion de crise et plan communal de sauvegarde" in first.inner_text()
    assert "langues communes : anglais" in first.inner_text()
    assert axe_violations(page) == []
    first.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "Mise en relation proposée à Ville de Toulouse" in page.content()
    match = Match.objects.get(need__title="Hurricane season preparedness")
    assert match.offer.member.name == "Ville de Toulouse" and match.status == "proposed"
    assert page.csp_errors == []
    context.close()
