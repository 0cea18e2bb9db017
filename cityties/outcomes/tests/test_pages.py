"""The outcome pages in the delegation's and each reader's view."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from cityties.outcomes.models import SurveyInvitation, SurveySettings

pytestmark = pytest.mark.django_db


def test_the_delegation_page_links_its_outcomes_for_the_lead(outcomes, client_for, caen_officer):
    delegation = outcomes.village.delegation
    page = client_for(caen_officer).get(f"/delegations/{delegation.pk}/").content.decode()
    assert f"/outcomes/delegations/{delegation.pk}/" in page
    assert f"/outcomes/delegations/{delegation.pk}/agency/" in page
    assert 'id="plug-outcomes"' not in page


def test_the_company_finds_its_own_outcomes_from_the_delegation_page(
    outcomes, client_for, company_rep
):
    delegation = outcomes.village.delegation
    soyhuce = outcomes.village.companies["soyhuce"]
    page = client_for(company_rep).get(f"/delegations/{delegation.pk}/").content.decode()
    assert f"/outcomes/participants/{soyhuce.pk}/" in page
    assert f"/outcomes/delegations/{delegation.pk}/" not in page


def test_only_the_participants_side_is_offered_to_record_an_outcome(
    outcomes, client_for, company_rep, viewer
):
    soyhuce = outcomes.village.companies["soyhuce"]
    url = f"/outcomes/participants/{soyhuce.pk}/"
    assert "records/new/" in client_for(company_rep).get(url).content.decode()
    assert "records/new/" not in client_for(viewer).get(url).content.decode()


def test_the_participant_page_lists_its_records_with_their_edit_links(
    outcomes, client_for, company_rep
):
    soyhuce = outcomes.village.companies["soyhuce"]
    page = client_for(company_rep).get(f"/outcomes/participants/{soyhuce.pk}/").content.decode()
    assert f"/outcomes/records/{outcomes.soyhuce_contract.pk}/edit/" in page
    assert "48\u202f000,00\xa0€" in page


def test_the_lead_sets_the_survey_and_the_funder_only_reads_it(
    outcomes, client_for, caen_officer, viewer
):
    delegation = outcomes.village.delegation
    url = f"/outcomes/delegations/{delegation.pk}/survey/"
    data = {"enabled": "on", "delay_days": "14", "reminder_days": "7"}
    assert client_for(viewer).post(url, data).status_code == 403
    assert client_for(caen_officer).post(url, data).status_code == 302
    assert SurveySettings.objects.get(delegation=delegation).delay_days == 14


def test_the_database_refuses_a_second_survey_at_the_same_step(outcomes):
    participant = outcomes.village.companies["soyhuce"]
    values = {
        "delegation": participant.delegation,
        "participant": participant,
        "step": 0,
        "sent_at": timezone.now(),
    }
    SurveyInvitation.objects.create(**values)
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyInvitation.objects.create(**values)
