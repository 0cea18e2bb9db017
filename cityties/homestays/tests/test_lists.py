"""The printable lists, per family and per night (PDF, read back with pdftotext)."""

from __future__ import annotations

import subprocess

import pytest
from django.urls import reverse

from .. import services as svc
from .factories import guest_for, vetted_family

pytestmark = pytest.mark.django_db


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "list.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def placed(trip, staff):
    millers = vetted_family(trip.plan, actor=staff, household="The Miller family")
    parkers = vetted_family(
        trip.plan, actor=staff, household="The Parker family", email="p@example.com"
    )
    officer = guest_for(trip.plan, trip.officer, actor=staff)
    mayor = guest_for(trip.plan, trip.mayor, actor=staff)
    svc.check_move_guest(officer, actor=staff, family=millers)
    svc.check_move_guest(mayor, actor=staff, family=parkers)


def test_the_list_per_family_gives_each_family_its_guests_and_dates(
    trip, placed, client_for, staff, tmp_path
):
    response = client_for(staff).get(reverse("homestays:families_pdf", args=[trip.delegation.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = _text(response.content, tmp_path)
    assert "The Miller family" in text and "Claire Vautier" in text
    assert "The Parker family" in text and "Hervé Lemarchand" in text
    assert (
        text.index("The Miller family")
        < text.index("Claire Vautier")
        < text.index("The Parker family")
    )


def test_the_list_per_night_says_who_sleeps_where(trip, placed, client_for, staff, tmp_path):
    response = client_for(staff).get(reverse("homestays:nights_pdf", args=[trip.delegation.pk]))
    text = _text(response.content, tmp_path)
    assert text.count("Nuit du") == 4
    assert "Nuit du mardi 15 novembre 2016" in text
    night = text.split("Nuit du vendredi 18 novembre 2016")[1]
    assert "The Parker family" in night and "Hervé Lemarchand" in night
