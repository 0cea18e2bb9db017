"""The demo: Haiti 2010 closed with its projects and final reports; the Louisiana fund open
through FACECO, with the US group's members' pledges, a project with a report, and
Toulouse's emergency managers matched to New Orleans' need."""

from __future__ import annotations

import subprocess
from decimal import Decimal

import pytest
from django.core.management import call_command

from cityties.solidarity import services as svc
from cityties.solidarity.models import Fund, Match, Pledge, PledgeState

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def funds(demo_data):
    return {
        "haiti": Fund.objects.get(title_fr="Fonds de solidarité Haïti"),
        "louisiana": Fund.objects.get(title_fr="Fonds Louisiane 2016"),
    }


def test_haiti_is_closed_with_its_final_reports(funds):
    haiti = funds["haiti"]
    assert haiti.status == "closed" and haiti.crisis.status == "closed"
    assert {p.status for p in haiti.projects.all()} == {"completed"}
    progress = svc.progress(haiti)
    assert progress.contributors == 8 and progress.paid == progress.pledged == D("255000.00")
    assert progress.others == 1


def test_louisiana_is_open_with_the_us_group_pledging(funds):
    louisiana = funds["louisiana"]
    assert louisiana.status == "open" and louisiana.channel == "faceco"
    states = {p.member.name: p.state for p in Pledge.objects.filter(fund=louisiana)}
    assert states["Ville de Caen"] == PledgeState.PARTLY_PAID
    assert states["Ville de Toulouse"] == PledgeState.PAID
    assert states["Ville de Marseille"] == PledgeState.DECIDED
    assert states["Ville de Nancy"] == PledgeState.PLEDGED
    caen = Pledge.objects.get(fund=louisiana, member__name="Ville de Caen")
    assert caen.legal_basis == "oudin_sanitation" and caen.decision_file


def test_the_council_decision_is_a_real_pdf(funds, tmp_path):
    caen = Pledge.objects.get(fund=funds["louisiana"], member__name="Ville de Caen")
    path = tmp_path / "decision.pdf"
    path.write_bytes(caen.decision_file.read())
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "registre des délibérations" in text and caen.decision_reference in text


def test_toulouse_emergency_managers_are_matched_to_new_orleans(funds):
    match = Match.objects.get()
    assert match.offer.member.name == "Ville de Toulouse"
    assert match.need.partner.name == "City of New Orleans" and match.status == "accepted"
    assert svc.rank_need(match.need)[0].offer == match.offer


def test_loading_twice_changes_nothing(funds):
    before = (Pledge.objects.count(), Fund.objects.count(), Match.objects.count())
    call_command("demo", "--quiet")
    assert (Pledge.objects.count(), Fund.objects.count(), Match.objects.count()) == before
