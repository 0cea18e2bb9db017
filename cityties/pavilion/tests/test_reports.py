"""The budget workbook and the funding dossier, read back as their readers would."""

from __future__ import annotations

import io
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from cityties.pavilion import services as svc

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "dossier.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_budget_workbook_adds_up_like_the_page(village, client_for, caen_officer):
    response = client_for(caen_officer).get(
        f"/pavilion/delegations/{village.delegation.pk}/budget.xlsx"
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:3] == ["Éléments", "Participants", "Plan de financement"]
    plan = list(book["Plan de financement"].iter_rows(values_only=True))
    funders_total = sum(Decimal(str(row[4])) for row in plan[1:-1])
    assert funders_total == Decimal(str(plan[-1][4])) == Decimal("5407.80")
    items = list(book["Éléments"].iter_rows(values_only=True))
    assert ("Stand A" in [row[1] for row in items]) and items[-1][5] == 5407.8


def test_the_budget_page_says_the_plan_balances(village, client_for, caen_officer):
    page = client_for(caen_officer).get(f"/pavilion/delegations/{village.delegation.pk}/budget/")
    assert "Le plan de financement est équilibré" in page.content.decode()


def test_the_dossier_pdf_reads_in_french(village, client_for, caen_officer, staff, tmp_path):
    svc.check_save_dossier(
        village.delegation,
        actor=staff,
        previous=None,
        summary_fr="Un village français au City Summit.",
        previous_outcomes_fr="Un contrat pour une application de relation citoyenne.",
    )
    response = client_for(caen_officer).get(
        f"/pavilion/delegations/{village.delegation.pk}/dossier.pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content, tmp_path)
    assert "Dossier de financement" in text
    assert "Un village français au City Summit." in text
    assert "Business France" in text and "Garonne Données" in text
    assert "Plan de financement" in text
    assert "application de relation citoyenne" in text


def test_the_dossier_compares_with_the_previous_edition_in_english(
    village, client_for, caen_officer, staff, caen, tmp_path
):
    from cityties.delegations import services as delegation_services
    from cityties.events.tests.factories import make_event

    earlier = delegation_services.check_create_delegation(
        actor=staff, title="Nashville 2015", event=make_event(caen), lead=caen
    )
    svc.check_save_dossier(
        village.delegation,
        actor=staff,
        previous=earlier,
        previous_outcomes_en="A tender submitted to Charlottesville.",
    )
    response = client_for(caen_officer).get(
        f"/pavilion/delegations/{village.delegation.pk}/dossier.pdf?lang=en"
    )
    text = _pdf_text(response.content, tmp_path)
    assert "Funding dossier" in text
    assert "The previous edition" in text
    assert "A tender submitted to Charlottesville." in text
    assert "Funding plan by funder" in text
