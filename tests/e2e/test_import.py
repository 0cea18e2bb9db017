import pytest

from cityties.network.demo_data import DEMO_PASSWORD
from cityties.network.models import Organisation

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.e2e

BAD_CSV = (
    "Nom;Pays;Ville;Type\n"
    "Ville de Rouen;FR;Rouen;commune\n"
    "Cleveland;Atlantide;Cleveland;foreign_city\n"
)
GOOD_CSV = (
    "Nom;Pays;Ville;Type\n"
    "Ville de Rouen;FR;Rouen;commune\n"
    "City of Cleveland;États-Unis;Cleveland;foreign_city\n"
)


def _preview(page, base_url: str, tmp_path, content: str) -> None:
    path = tmp_path / "organisations.csv"
    path.write_text(content, encoding="utf-8")
    page.goto(f"{base_url}/imports/")
    assert axe_violations(page) == []
    page.select_option("#id_kind", "organisations")
    page.fill("#id_source_name", "Enquête annuelle")
    page.set_input_files("#id_file", str(path))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/mapping/")
    assert axe_violations(page) == []
    page.locator("main form button[type=submit]").click()  # the guessed mapping
    page.wait_for_url("**/preview/")
    assert axe_violations(page) == []


def test_an_import_with_a_bad_row_writes_nothing_and_reports_the_row(
    page, live_server, demo, tmp_path
):
    before = Organisation.objects.count()
    log_in(page, live_server.url, "staff@cityties.example.org", DEMO_PASSWORD)
    _preview(page, live_server.url, tmp_path, BAD_CSV)
    errors = page.locator("section.import-errors")
    assert "rien ne peut être importé" in errors.inner_text()
    report = errors.locator("table").inner_text()
    assert "3" in report and "Pays" in report and "Atlantide" in report
    assert page.locator("#start-import").count() == 0  # no way to start it as is
    assert Organisation.objects.count() == before
    assert axe_violations(page) == []


def test_a_clean_import_creates_every_row(page, live_server, demo, tmp_path):
    before = Organisation.objects.count()
    log_in(page, live_server.url, "staff@cityties.example.org", DEMO_PASSWORD)
    _preview(page, live_server.url, tmp_path, GOOD_CSV)
    page.locator("#start-import").click()
    page.wait_for_url("**/imports/*/")
    assert page.locator("[role=status]").first.is_visible()
    assert Organisation.objects.count() == before + 2
    assert Organisation.objects.get(name="City of Cleveland").country == "US"
    assert page.csp_errors == []
