"""The source document: the United States group's meeting of 30 March 2016 (issue 11)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from cityties.meetings.reader import Proposal, read_file
from cityties.meetings.reader.text import fold

SOURCE = Path(__file__).parent / "fixtures" / "source_groupe_pays_etats_unis.txt"


@cache
def proposal() -> Proposal:
    return read_file(SOURCE.read_bytes(), SOURCE.name)


def people(kind: str) -> dict[str, tuple[str | None, str | None, str | None]]:
    listed = getattr(proposal(), kind)
    return {p.last_name: (p.first_name, p.function, p.organisation) for p in listed}


def test_the_meeting_date_place_and_title_come_from_the_title():
    assert proposal().date == dt.date(2016, 3, 30)
    assert proposal().place == "CUF"
    assert proposal().title == (
        "Compte-rendu de la réunion du groupe-pays Etats-Unis du 30 mars 2016 à CUF"
    )


def test_the_annex_gives_thirteen_present_with_functions_and_organisations():
    present = people("present")
    assert len(present) == 13
    assert present["Bruneau"] == ("Joël", "Maire", "CAEN")
    assert present["Amirault Deiss"] == (
        "Marie-Bernard",
        "Responsable des Relations internationales et de la Coopération décentralisée",
        "TOURS",
    )
    assert present["Mandeix-Martin"] == ("Aline", "Chargée de mission", "MARSEILLE")
    assert present["Katsahian"] == (
        "Christophe",
        "Délégué adjoint",
        "MINISTERE DES AFFAIRES ETRANGERES ET DU DEVELOPPEMENT",
    )
    assert all(function and organisation for _, function, organisation in present.values())


def test_the_excused_section_of_the_annex_gives_three_excused():
    assert people("excused") == {
        "Berlemont": ("Jean-Michel", "Adjoint aux relations internationales", "NANCY"),
        "Giraud": (
            "Elise",
            "Rédactrice Etats-Unis",
            "MINISTERE DES AFFAIRES ETRANGERES ET DU DEVELOPPEMENT",
        ),
        "Paladini": ("Fiona", "Chargée de mission aux relations internationales", "LE HAVRE"),
    }
    assert proposal().absent == []
    assert proposal().represented == []


def test_civilities_are_shortened():
    civilities = {p.last_name: p.civility for p in proposal().present}
    assert civilities["Bruneau"] == "M."
    assert civilities["Coutts"] == "Mme"


def test_speakers_are_the_people_named_in_bold_with_their_function():
    speakers = {p.last_name: p for p in proposal().speakers}
    assert set(speakers) == {
        "Bruneau", "Coutts", "Wit", "Fleury", "Bourret", "Zonabend", "Baran", "Katsahian",
        "Tebaldi", "Mandeix-Martin", "Amirault Deiss",
    }  # fmt: skip
    assert speakers["Wit"].function == "Directeur général adjoint de Cités Unies France"
    assert speakers["Bruneau"].organisation == "CAEN"


def test_organisations_are_those_of_the_annex():
    assert proposal().organisations == [
        "TOURS", "TOULOUSE METROPOLE", "CONSEIL REGIONAL D'AUVERGNE-RHONE-ALPES", "CAEN",
        "CONSEIL REGIONAL PROVENCE ALPES COTE D'AZUR", "CITES UNIES FRANCE",
        "MINISTERE DES AFFAIRES ETRANGERES ET DU DEVELOPPEMENT", "MARSEILLE", "TOULOUSE",
        "NANCY", "LE HAVRE",
    ]  # fmt: skip


def spans() -> set[tuple[dt.date, dt.date, str]]:
    return {(e.start, e.end, e.precision) for e in proposal().events}


def test_the_congress_dates():
    assert (dt.date(2016, 11, 16), dt.date(2016, 11, 19), "day") in spans()


def test_the_d_day_forum():
    assert (dt.date(2016, 6, 7), dt.date(2016, 6, 7), "day") in spans()


def test_the_forum_of_4_and_5_july():
    assert (dt.date(2016, 7, 4), dt.date(2016, 7, 5), "day") in spans()


def test_toulouse_delegation_without_a_year_is_the_next_october():
    assert (dt.date(2016, 10, 14), dt.date(2016, 10, 20), "day") in spans()


def test_the_tours_fair_of_may_takes_the_year_of_its_sentence():
    fair = [e for e in proposal().events if "foire de Tours" in e.text]
    assert [(e.start, e.end, e.precision) for e in fair] == [
        (dt.date(2017, 5, 1), dt.date(2017, 5, 31), "month")
    ]


def test_fin_avril_is_april_2016():
    deadline = [e for e in proposal().events if "fin avril" in e.text]
    assert [(e.start, e.end, e.precision) for e in deadline] == [
        (dt.date(2016, 4, 1), dt.date(2016, 4, 30), "month")
    ]


def test_the_meeting_day_itself_is_no_event():
    assert all(e.start != dt.date(2016, 3, 30) for e in proposal().events)


def actions(*words: str) -> list[str | None]:
    return [
        a.owner for a in proposal().actions if all(fold(word) in fold(a.text) for word in words)
    ]


def test_caen_writes_to_the_export_agency():
    assert actions("écrire à Business France") == ["Caen"]


def test_caen_contacts_the_nlc_for_the_attendee_list():
    assert actions("contactera la NLC", "liste des participants") == ["La ville de Caen"]


def test_caen_prepares_the_tripartite_meeting():
    assert actions("rencontre tripartite") == ["Caen"]


def test_the_region_mobilises_its_contacts():
    owners = actions("mobiliser") + actions("Pennsylvanie")
    assert "Le Conseil Régional d'Auvergne-Rhône-Alpes" in owners
    assert "Le nouveau conseil régional" in owners


def test_the_decisions_include_the_letter_and_caen_leading_the_demarche():
    decisions = [d.text for d in proposal().decisions]
    assert any("proposé d'écrire à Business France" in text for text in decisions)
    assert any("Caen peut prendre le leadership de cette démarche" in text for text in decisions)


def test_no_next_meeting_is_announced():
    assert proposal().next_meeting is None
