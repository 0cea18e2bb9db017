"""The meeting's own date, title and place."""

from __future__ import annotations

import datetime as dt

import pytest

from cityties.meetings.reader import read_text


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Réunion du 30 mars 2016\n\nPrésents : M. Paul Durand.", dt.date(2016, 3, 30)),
        ("Compte rendu – 12/01/2023\n\nLe bureau se réunit.", dt.date(2023, 1, 12)),
        ("Séance du jeudi 5 octobre 2023", dt.date(2023, 10, 5)),
        ("Minutes of the meeting held on 3 May 2022", dt.date(2022, 5, 3)),
        ("# Point projet\n\n**Date :** 07.03.2024 – 18h30", dt.date(2024, 3, 7)),
        ("Paris, le 8 février 2022\n\nCompte rendu du groupe-pays Japon", dt.date(2022, 2, 8)),
        ("Minutes — March 30th, 2016", dt.date(2016, 3, 30)),
        ("Réunion du mer. 30 mars 16", dt.date(2016, 3, 30)),  # read by dateparser
    ],
)
def test_the_meeting_date_from_the_title_or_header(text: str, date: dt.date):
    assert read_text(text).date == date


def test_the_next_or_previous_meeting_is_not_the_meeting():
    text = (
        "Approbation du procès-verbal de la séance du 7 septembre 2023\n\n"
        "Procès-verbal de la séance du conseil municipal du 5 octobre 2023\n\n"
        "Prochaine séance : le 16 novembre 2023."
    )
    assert read_text(text).date == dt.date(2023, 10, 5)


def test_a_deliberation_dated_in_words():
    text = (
        "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS\n\n"
        "L'an deux mille vingt-trois, le cinq octobre à vingt heures, le Conseil municipal, "
        "dûment convoqué le 28 septembre 2023, s'est réuni à la mairie."
    )
    assert read_text(text).date == dt.date(2023, 10, 5)


def test_a_yearless_header_date_takes_the_year_of_the_document():
    text = "Séance du jeudi 5 octobre\n\nLe budget 2023 est présenté. Le repas aura lieu en 2023."
    assert read_text(text).date == dt.date(2023, 10, 5)


def test_no_date_at_all():
    assert read_text("Quelques notes sans date.").date is None


def test_title_and_place():
    proposal = read_text(
        "# Compte rendu – Réunion de bureau\n\n**Date :** 12/01/2023\n"
        "**Lieu :** Maison des associations, Rennes\n"
    )
    assert proposal.title == "Compte rendu – Réunion de bureau"
    assert proposal.place == "Maison des associations, Rennes"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Compte-rendu de la réunion du groupe-pays du 30 mars 2016 à CUF", "CUF"),
        ("Compte rendu – 23/11/2022 – Hôtel de Région, Caen", "Hôtel de Région, Caen"),
        ("Minutes of the meeting held on 3 May 2022 at the Community Hall", "Community Hall"),
        ("Réunion du 12/09/2022 – collectif vélo", None),
    ],
)
def test_place_after_the_date(text: str, place: str | None):
    assert read_text(text).place == place
