"""The pavilion in a browser: Caen's officer puts five companies from three cities on two
shared stands, records the dollar's rate and an export-agency rule with a cap, reads each
company's net cost, changes the rate and sees every figure follow, then downloads the
dossier (read with pdftotext) and the budget workbook. Soyhuce's representative then
reads its own costs and is refused another company's."""

from __future__ import annotations

import io
import re
import subprocess

import pytest
from openpyxl import load_workbook

from cityties.delegations import services as delegation_services
from cityties.delegations.models import Participant
from cityties.events import demo as events_demo
from cityties.network.demo_data import DEMO_PASSWORD
from cityties.network.models import Organisation

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.e2e

COMPANIES = [
    ("Soyhuce", "Ville de Caen"),
    ("Starnav", "Ville de Caen"),
    ("Touraine Capteurs", "Ville de Tours"),
    ("Loire Mobilité", "Ville de Tours"),
    ("Garonne Données", "Toulouse Métropole"),
]


def _village(staff):
    events = events_demo.load()
    caen = Organisation.objects.get(name="Ville de Caen")
    delegation = delegation_services.check_create_delegation(
        actor=staff, title="Village français", event=events["pittsburgh_2016"], lead=caen
    )
    delegation_services.check_add_supporter(
        delegation,
        actor=staff,
        organisation=Organisation.objects.get(name="Business France"),
        role="funder",
    )
    for name, sponsor in COMPANIES:
        company = Organisation.objects.filter(name=name, kind="company").first()
        company = company or Organisation.objects.create(
            name=name, kind="company", country="FR", sponsor=Organisation.objects.get(name=sponsor)
        )
        delegation_services.check_add_company(
            delegation, actor=staff, company=company, sponsor=Organisation.objects.get(name=sponsor)
        )
    return delegation


def _context_page(browser, email):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    return context, page


def _net_costs(page) -> dict[str, str]:
    rows = page.locator("#participants-title + .table-wrap tbody tr")
    costs = {}
    for index in range(rows.count()):
        cells = rows.nth(index).locator("td")
        name = cells.nth(0).locator("a").inner_text()
        costs[name] = cells.nth(3).inner_text().replace("\u202f", " ").replace("\xa0", " ")
    return costs


def _add_stand(page, base, delegation, label, amount, area, split):
    page.goto(f"{base}/pavilion/delegations/{delegation.pk}/items/new/?kind=stand")
    page.fill("#id_label", label)
    page.fill("#id_planned_amount", amount)
    page.fill("#id_currency", "USD")
    page.fill("#id_area_m2", area)
    page.select_option("#id_split", split)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/pavilion/delegations/\d+/$"))


def _share(page, item_pk, participant_name, area=None):
    page.locator(f"#item-{item_pk} a[href$='/items/{item_pk}/shares/']").click()
    page.wait_for_load_state()
    page.select_option("#id_participant", label=participant_name)
    if area is not None:
        page.fill("#id_area_m2", area)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def test_five_companies_on_two_stands_with_a_capped_rule(
    browser, live_server, demo, tmp_path, django_user_model
):
    staff = django_user_model.objects.get(email="staff@cityties.example.org")
    delegation = _village(staff)
    base = live_server.url
    context, page = _context_page(browser, "caen@cityties.example.org")
    log_in(page, base, "caen@cityties.example.org", DEMO_PASSWORD)

    page.goto(f"{base}/pavilion/delegations/{delegation.pk}/rates/")
    assert axe_violations(page) == []
    page.fill("#id_currency", "USD")
    page.fill("#id_rate", "0,9013")
    page.fill("#id_source", "BCE, taux de référence")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert "tous les chiffres l'utilisent désormais" in page.content()

    _add_stand(page, base, delegation, "Stand A", "2 000", "9", "equal")
    _add_stand(page, base, delegation, "Stand B", "4000", "18", "area")
    stands = {item.label: item.pk for item in delegation.cost_items.all()}
    for name in ("Soyhuce", "Starnav", "Touraine Capteurs"):
        _share(page, stands["Stand A"], name)
    _share(page, stands["Stand B"], "Loire Mobilité", area="12")
    _share(page, stands["Stand B"], "Garonne Données", area="6")
    # 6 m² more would pass the stand's 18 m²: refused, and said so.
    _share(page, stands["Stand B"], "Soyhuce", area="6")
    assert "dépasseraient ce que le stand offre" in page.content()

    page.goto(f"{base}/pavilion/delegations/{delegation.pk}/rules/new/")
    assert axe_violations(page) == []
    page.fill("#id_label", "Pavillon France")
    page.select_option("#id_funder", label="Business France")
    page.fill("#id_rate", "50")
    page.fill("#id_cap_per_participant", "1 000")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/pavilion/delegations/\d+/$"))
    assert axe_violations(page) == []
    nets = _net_costs(page)
    assert nets["Loire Mobilité"] == "1 403,47 €"  # 2 403,47 less the 1 000 cap
    assert nets["Garonne Données"] == "600,86 €"  # 1 201,73 less half
    assert {nets[n] for n in ("Soyhuce", "Starnav", "Touraine Capteurs")} <= {
        "300,43 €",
        "300,44 €",
    }

    page.goto(f"{base}/pavilion/delegations/{delegation.pk}/rates/?currency=USD")
    page.fill("#id_rate", "0,95")
    page.fill("#id_source", "BCE, taux de référence")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    page.goto(f"{base}/pavilion/delegations/{delegation.pk}/")
    after = _net_costs(page)
    assert after["Loire Mobilité"] == "1 533,33 €"  # 12/18 of 3 800 less the cap
    assert after["Garonne Données"] == "633,33 €"  # 1 266,67 less 633,34
    assert all(after[name] != nets[name] for name, _sponsor in COMPANIES)

    with page.expect_download() as download:
        page.click("text=Dossier de financement (PDF, français)")
    pdf = tmp_path / "dossier.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Dossier de financement" in text and "Garonne Données" in text
    assert "Business France" in text

    with page.expect_download() as download:
        page.click("text=Budget (XLSX)")
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    plan = list(book["Plan de financement"].iter_rows(values_only=True))
    assert plan[-1][4] == 1900 + 3800

    soyhuce = Participant.objects.get(delegation=delegation, organisation__name="Soyhuce")
    page.goto(f"{base}/pavilion/participants/{soyhuce.pk}/")
    assert axe_violations(page) == []
    context.close()

    rep_context, rep = _context_page(browser, "soyhuce@cityties.example.org")
    log_in(rep, base, "soyhuce@cityties.example.org", DEMO_PASSWORD)
    rep.goto(f"{base}/pavilion/participants/{soyhuce.pk}/")
    assert "Coût net" in rep.content() and "Starnav" not in rep.content()
    starnav = Participant.objects.get(delegation=delegation, organisation__name="Starnav")
    response = rep.goto(f"{base}/pavilion/participants/{starnav.pk}/")
    assert response is not None and response.status == 403
    rep.set_viewport_size({"width": 390, "height": 844})
    rep.goto(f"{base}/pavilion/participants/{soyhuce.pk}/")
    assert axe_violations(rep) == []
    rep_context.close()
