"""The funding dossier of the next edition shows the previous one's figures for the export
agency, as the outcomes' page gives them: no private value."""

from __future__ import annotations

import pytest

from cityties.pavilion import services as pavilion

from .test_reports import _pdf_text

pytestmark = pytest.mark.django_db


def test_the_funding_dossier_shows_the_previous_editions_figures_for_the_agency(
    outcomes, client_for, caen_officer, staff, tmp_path, caen
):
    from cityties.delegations import services as delegation_services
    from cityties.events.tests.factories import make_event

    next_year = delegation_services.check_create_delegation(
        actor=staff,
        title="Village français 2017",
        event=make_event(caen, title_en="NLC City Summit 2017"),
        lead=caen,
    )
    pavilion.check_save_dossier(next_year, actor=staff, previous=outcomes.village.delegation)
    response = client_for(caen_officer).get(f"/pavilion/delegations/{next_year.pk}/dossier.pdf")
    text = _pdf_text(response.content, tmp_path).replace("\u202f", " ")
    assert "Chiffres pour l'agence d'export" in text
    assert "Contrats, appels d'offres et accords" in text
    assert "City of Charlottesville" in text and "90 130,00 €" in text  # Starnav's tender
    assert "48 000" not in text  # Soyhuce's value stays private in the dossier
