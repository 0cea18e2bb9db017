"""The demo outcomes: the 2015 ones the minutes report, plausible 2016 ones, and the
survey answered at 0 and 6 months; loading twice changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Q

from cityties.delegations.models import Delegation
from cityties.outcomes import services as svc
from cityties.outcomes.models import OutcomeRecord, SurveyInvitation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_data):
    return {
        "nashville": Delegation.objects.get(title__contains="Nashville"),
        "pittsburgh": Delegation.objects.get(title__contains="Pittsburgh"),
    }


def test_nashville_gave_the_app_contract_the_tender_and_the_council_contacts(demo):
    records = OutcomeRecord.objects.filter(delegation=demo["nashville"])
    contract = records.get(kind="contract")
    assert contract.organisation.name == "Soyhuce" and contract.confidential
    assert "relation avec les administrés" in contract.title
    tender = records.get(kind="tender")
    assert tender.organisation.name == "Starnav"
    assert tender.counterpart == "City of Charlottesville" and tender.currency == "USD"
    council = records.get(counterpart="Nashville Technology Council")
    # A contact at the first survey, a second meeting by the six-month one.
    assert council.kind == "follow_up" and council.source == "survey"


def test_the_survey_was_answered_at_0_and_6_months(demo):
    answered = SurveyInvitation.objects.filter(answered_at__isnull=False)
    steps = set(answered.filter(delegation=demo["nashville"]).values_list("step", flat=True))
    assert steps == {0, 6}
    assert answered.filter(delegation=demo["pittsburgh"], step=0).count() >= 5
    rates = {rate.step: rate for rate in svc.response_rates(demo["nashville"])}
    assert rates[6].answered == rates[6].sent - 1


def test_loading_the_demo_twice_changes_nothing(demo):
    before = OutcomeRecord.objects.count(), SurveyInvitation.objects.count()
    call_command("demo", "--quiet")
    assert (OutcomeRecord.objects.count(), SurveyInvitation.objects.count()) == before


def test_pittsburgh_weighs_its_public_cost_against_its_contracts(demo):
    reader = svc.Reader(True, frozenset(), frozenset(), frozenset())
    pittsburgh = demo["pittsburgh"]
    condition = Q(delegation_id=pittsburgh.pk)
    totals = svc.total(reader, records=condition, participants=condition)
    assert totals.public > 0 and totals.contracts == 2
    assert totals.contract_value == Decimal("60000.00") + Decimal("31524.50")  # USD 35,000
