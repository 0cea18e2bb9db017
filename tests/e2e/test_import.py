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


TWINNINGS_CSV = (
    "city1,country1,city2,country2\n"
    "Caen,France,Nashville,United States\n"
    "Mâcon,France,Macon,USA\n"
    "Saint-Lô,France,Roanoke,USA\n"
    "Rouen,France,Norwich,Angl.\n"
)


def test_a_twinning_list_is_mapped_remapped_created_drawn_and_undone(
    page, live_server, demo, tmp_path
):
    from cityties.imports.models import ImportJob
    from cityties.network.models import Partnership

    before = (Organisation.objects.count(), Partnership.objects.count())
    path = tmp_path / "twinnings.csv"
    path.write_text(TWINNINGS_CSV, encoding="utf-8")
    log_in(page, live_server.url, "staff@cityties.example.org", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/imports/")
    page.select_option("#id_kind", "partnerships")
    page.fill("#id_source_name", "Jumelages États-Unis")
    page.set_input_files("#id_file", str(path))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/mapping/")
    # Two partner columns, each with its country; the kind is given for every row.
    page.select_option("#id_partner_1", "city1")
    page.select_option("#id_partner_1_country", "country1")
    page.select_option("#id_partner_2", "city2")
    page.select_option("#id_partner_2_country", "country2")
    page.select_option("#id_default__kind", "twinning")
    assert axe_violations(page) == []
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/preview/")
    assert axe_violations(page) == []
    # "Angl." is not a country anyone's list agrees on: it is remapped once.
    page.select_option("select[data-value='Angl.']", "GB")
    page.check("input[name=create_missing]")
    page.locator("button[value=apply]").click()
    page.wait_for_url("**/preview/")
    assert "section.import-errors" not in page.content()
    assert "à créer" in page.locator("#plan-organisations").inner_text()
    page.locator("#start-import").click()
    page.wait_for_url("**/imports/*/")
    assert "Import terminé" in page.locator("[role=status]").first.inner_text()
    job = ImportJob.objects.latest("pk")
    assert job.status == "done", job.report
    norwich = Organisation.objects.get(name="Norwich")
    assert norwich.country == "GB" and norwich.latitude is not None
    page.goto(f"{live_server.url}/network/atlas/?member=Norwich")
    page.wait_for_selector("#atlas-map .leaflet-pane canvas, #atlas-map .leaflet-pane svg")
    assert "Norwich" in page.locator("main table").inner_text()
    page.goto(f"{live_server.url}/imports/{job.pk}/")
    page.locator("form[action$='/undo/'] button").click()
    page.wait_for_url(f"**/imports/{job.pk}/")
    assert "annulé" in page.locator("main").inner_text()
    assert (Organisation.objects.count(), Partnership.objects.count()) == before
    assert page.csp_errors == []
