from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cityties.meetings.reader.model import Person
from cityties.meetings.reader.names import parse_person, same_person, split_people, title_case


def person(text: str) -> Person:
    mention = parse_person(text)
    assert mention is not None
    return mention.person


@pytest.mark.parametrize(
    ("text", "civility"),
    [
        ("M. Jean DUPONT", "M."),
        ("Monsieur Jean DUPONT", "M."),
        ("Mme Claire Martin", "Mme"),
        ("Madame Claire Martin", "Mme"),
        ("Mlle Léa Barbier", "Mlle"),
        ("Dr Anne Joly", "Dr"),
        ("Dr. Anne Joly", "Dr"),
        ("Pr Michel Dantec", "Pr"),
        ("Me Vincent Texier", "Me"),
        ("Mrs Joanne Fletcher", "Mrs"),
        ("Cllr Andrew Baker", "Cllr"),
    ],
)
def test_civilities_are_shortened(text: str, civility: str):
    assert person(text).civility == civility


@pytest.mark.parametrize(
    "text",
    ["Jean-Pierre DUPONT", "DUPONT Jean-Pierre", "M. Jean-Pierre DUPONT", "Dupont Jean-Pierre"],
)
def test_given_and_family_names_in_either_order(text: str):
    found = person(text)
    assert (found.first_name, found.last_name) == ("Jean-Pierre", "Dupont")


def test_initials_are_a_given_name():
    found = person("J.-P. Dupont")
    assert (found.first_name, found.last_name) == ("J.-P.", "Dupont")


def test_particles_open_the_family_name():
    assert person("Pierre-Yves Le Bihan").last_name == "Le Bihan"
    assert person("Jean DE LA FONTAINE").last_name == "de La Fontaine"


def test_a_lone_given_name_is_a_first_name():
    found = person("Léa")
    assert (found.first_name, found.last_name) == ("Léa", None)


def test_a_lone_name_after_a_civility_is_a_family_name():
    found = person("M. Dupont")
    assert (found.first_name, found.last_name) == (None, "Dupont")


def test_function_and_organisation_after_commas():
    found = person("Mme Hélène DUCLOS, vice-présidente, Région Normandie")
    assert (found.function, found.organisation) == ("vice-présidente", "Région Normandie")


def test_organisation_in_brackets():
    assert person("DUPONT Jean-Pierre (Ville de Caen)").organisation == "Ville de Caen"


def test_function_after_a_dash():
    found = person("Pierre-Yves Le Bihan – Directeur adjoint – Nantes Métropole")
    assert (found.function, found.organisation) == ("Directeur adjoint", "Nantes Métropole")


@pytest.mark.parametrize(
    ("text", "proxy"),
    [
        ("Mme Julie COLLET, représentée par Mme Delphine ROY", "Mme Delphine ROY"),
        ("M. Fabrice MARCHAND (pouvoir donné à M. Stéphane GARNIER)", "M. Stéphane GARNIER"),
        ("Mme Élodie CARPENTIER, vote donné à Mme Carole VIDAL", "Mme Carole VIDAL"),
        ("M. Laurent GIRARD (procuration à M. Bernard LECLERC)", "M. Bernard LECLERC"),
        ("Mme Sophie PETIT a donné pouvoir à M. Paul DURAND", "M. Paul DURAND"),
        ("Mrs Joanne Fletcher (proxy to Dr Helen Carter)", "Dr Helen Carter"),
    ],
)
def test_proxies(text: str, proxy: str):
    mention = parse_person(text)
    assert mention is not None
    assert mention.proxy == proxy


@pytest.mark.parametrize(
    ("text", "status"),
    [("Nadia Benhamou (excusée)", "excused"), ("M. Paul Ricci, absent", "absent")],
)
def test_status_notes(text: str, status: str):
    mention = parse_person(text)
    assert mention is not None
    assert mention.status == status


def test_not_a_person():
    assert parse_person("Monsieur le Maire") is None
    assert split_people("12 membres") == []


def test_an_inline_list_with_functions_and_plural_civilities():
    found = split_people(
        "M. Bernard LECLERC, Maire, Mme Françoise AUBERT, adjointe, MM. Guy BLANCHARD, "
        "Thierry COLIN, Mmes Sylvie MERCIER et Martine GAUTHIER, conseillères"
    )
    assert [(m.person.civility, m.person.last_name) for m in found] == [
        ("M.", "Leclerc"),
        ("Mme", "Aubert"),
        ("M.", "Blanchard"),
        ("M.", "Colin"),
        ("Mme", "Mercier"),
        ("Mme", "Gauthier"),
    ]
    assert found[0].person.function == "Maire"


def test_and_joins_people_but_not_a_function():
    found = split_people(
        "M. Joël BRUNEAU, Maire de Caen et Président du groupe-pays, et Mme Lesley COUTTS"
    )
    assert [m.person.last_name for m in found] == ["Bruneau", "Coutts"]
    assert found[0].person.function == "Maire de Caen et Président du groupe-pays"


def test_an_organisation_after_a_name_stays_with_it():
    found = split_people("Jean Dupont, Business France, Marie Durand")
    assert [(m.person.last_name, m.person.organisation) for m in found] == [
        ("Dupont", "Business France"),
        ("Durand", None),
    ]


def test_initials_match_given_names():
    assert same_person(
        Person(first_name="J.-P.", last_name="Dupont"), Person("M.", "Jean-Pierre", "DUPONT")
    )
    assert not same_person(
        Person(first_name="Anne", last_name="Dupont"), Person(first_name="Paul", last_name="Dupont")
    )


def test_title_case_of_names_in_capitals():
    assert title_case("AMIRAULT DEISS") == "Amirault Deiss"
    assert title_case("MANDEIX-MARTIN") == "Mandeix-Martin"
    assert title_case("N'DIAYE") == "N'Diaye"
    assert title_case("Le Goff") == "Le Goff"


@given(st.text(alphabet=st.sampled_from("ABCDÉÈKLMNOPRSTUZ -'"), min_size=2, max_size=20))
def test_title_case_is_idempotent_and_keeps_the_letters(name: str):
    once = title_case(name)
    assert title_case(once) == once
    assert once.lower() == name.lower()
