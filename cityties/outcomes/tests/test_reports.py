"""Each dashboard as a PDF and a workbook, read back as their readers would; the funding
dossier's figures for the export agency; the partner viewer's report without the private
value."""

from __future__ import annotations

import io
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_delegation_report_reads_as_a_pdf(outcomes, client_for, staff, tmp_path):
    delegation = outcomes.village.delegation
    response = client_for(staff).get(f"/outcomes/delegations/{delegation.pk}/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content, tmp_path)
    assert "Retour sur investissement — Pittsburgh 2016" in text
    assert "Coût public net" in text and "2 502,18 €" in text.replace("\u202f", " ")
    assert "Application de relation citoyenne" in text and "48 000,00 €" in text.replace(
        "\u202f", " "
    )


def test_the_ministry_reads_the_report_without_the_private_value(
    outcomes, client_for, viewer, tmp_path
):
    delegation = outcomes.village.delegation
    response = client_for(viewer).get(f"/outcomes/delegations/{delegation.pk}/report.pdf")
    text = _pdf_text(response.content, tmp_path).replace("\u202f", " ")
    line = next(line for line in text.splitlines() if "Application de relation citoyenne" in line)
    assert "privé" in line and "48 000" not in text
    assert "compté mais pas additionné" in text
    assert "Négocié avec le directeur" not in text  # notes are never in a report


def test_the_workbook_has_a_sheet_per_table_with_numbers(outcomes, client_for, staff):
    delegation = outcomes.village.delegation
    response = client_for(staff).get(f"/outcomes/delegations/{delegation.pk}/report.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert {"Chiffres clés", "Retour sur investissement", "Par participant"} <= set(book.sheetnames)
    summary = {
        row[0]: row[1] for row in book["Retour sur investissement"].iter_rows(values_only=True)
    }
    assert Decimal(str(summary["Coût public net"])) == Decimal("2502.18")
    assert Decimal(str(summary["Montant des contrats"])) == Decimal("63000")


def test_the_viewers_workbook_leaves_the_private_value_blank(outcomes, client_for, viewer):
    delegation = outcomes.village.delegation
    response = client_for(viewer).get(f"/outcomes/delegations/{delegation.pk}/report.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["Retombées"].iter_rows(values_only=True))
    soyhuce = next(row for row in rows if row[2] == "Application de relation citoyenne")
    assert soyhuce[6] is None
    assert 48000 not in [cell for row in rows for cell in row]


@pytest.mark.parametrize("kind", ["participant", "city", "years"])
def test_every_dashboard_has_its_pdf_and_workbook(kind, outcomes, client_for, staff, caen):
    base = {
        "participant": f"/outcomes/participants/{outcomes.village.companies['soyhuce'].pk}/",
        "city": f"/outcomes/cities/{caen.pk}/",
        "years": "/outcomes/",
    }[kind]
    client = client_for(staff)
    page = client.get(base)
    assert page.status_code == 200
    assert client.get(f"{base}report.pdf")["Content-Type"] == "application/pdf"
    book = load_workbook(io.BytesIO(client.get(f"{base}report.xlsx").content))
    assert book.sheetnames[0] == "Chiffres clés"


def test_the_filters_carry_over_to_the_downloads(outcomes, client_for, staff, tours):
    delegation = outcomes.village.delegation
    url = f"/outcomes/delegations/{delegation.pk}/"
    page = client_for(staff).get(url, {"city": tours.pk}).content.decode()
    assert f"report.pdf?city={tours.pk}" in page
    book = load_workbook(
        io.BytesIO(client_for(staff).get(f"{url}report.xlsx", {"city": tours.pk}).content)
    )
    names = [row[0] for row in book["Par participant"].iter_rows(values_only=True)][1:]
    assert names == ["Loire Numérique", "Touraine Capteurs", "Ville de Tours"]


def test_the_agency_page_gives_the_same_figures(outcomes, client_for, caen_officer):
    delegation = outcomes.village.delegation
    page = client_for(caen_officer).get(f"/outcomes/delegations/{delegation.pk}/agency/")
    content = page.content.decode()
    assert "Chiffres pour l&#x27;agence d&#x27;export" in content
    assert "2\u202f502,18\xa0€" in content and "48\u202f000" not in content
