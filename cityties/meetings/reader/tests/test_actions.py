"""Action items, their owners and due dates, decisions and the next meeting."""

from __future__ import annotations

import datetime as dt

import pytest

from cityties.meetings.reader import Proposal, read_text

HEADER = "Compte rendu de la réunion du 14 mars 2024\n\n"


def read(text: str) -> Proposal:
    return read_text(HEADER + text)


def owners(text: str) -> list[str | None]:
    return [action.owner for action in read(text).actions]


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("Action : Mme Vautier relance les familles.", "Mme Vautier"),
        (
            "Action : trouver des familles d'accueil (Émilie Jouan), avant début mai.",
            "Émilie Jouan",
        ),
        ("Action : AD Normandie envoie l'appel à candidatures.", "AD Normandie"),
        ("- [ ] Demander l'autorisation de travaux -> Claire", "Claire"),
        ("- [ ] Préparer la démo → Marc Antoine", "Marc Antoine"),
        ("La sortie est envisagée mi-octobre → responsable : Loïc MAHÉ", "Loïc Mahé"),
        ("TODO Delphine : envoyer la convocation", "Delphine"),
        ("- Tom : contacter la Banque alimentaire", "Tom"),
        ("- Demande de subvention : Patricia : remplir le dossier", "Patricia"),
        ("M. Hamel s'occupe de la réservation du car.", "M. Hamel"),
        ("Mme AUBERT se charge des invitations.", "Mme Aubert"),
        (
            "La ville de Caen contactera la NLC pour avoir la liste des participants.",
            "La ville de Caen",
        ),
        ("Hugo fait le tableau d'ici le 20 mars.", "Hugo"),
        ("Jean-Yves prépare le budget prévisionnel.", "Jean-Yves"),
        ("Action: David Okafor to contact the bank by 20 May.", "David Okafor"),
        ("Rebecca will coordinate the volunteers.", "Rebecca"),
    ],
)
def test_owners(line: str, owner: str):
    assert owners(line) == [owner]


def test_owner_and_due_date_on_the_lines_below_an_action():
    found = read(
        "Action : envoyer le compte rendu\nResponsable : Marie\nÉchéance : 15 juin"
    ).actions
    assert [(a.text, a.owner, a.due) for a in found] == [
        ("envoyer le compte rendu", "Marie", dt.date(2024, 6, 15))
    ]


def test_owners_named_at_the_end_of_a_paragraph():
    found = read(
        "The newsletter will be circulated before the next meeting. ACTION: JM, SP"
    ).actions
    assert [(a.text, a.owner) for a in found] == [
        ("The newsletter will be circulated before the next meeting.", "JM, SP")
    ]


def test_a_proposal_without_owner():
    assert owners("Il est proposé d'écrire à la mairie pour demander la réfection de la cour.") == [
        None
    ]


def test_someone_taking_the_lead_owns_the_items_proposed_before():
    found = read(
        "Le conseil régional compte relancer les échanges.\n\n"
        "Il est alors proposé d'écrire à Business France.\n\n"
        "Il faudra prévoir une rencontre tripartite.\n\n"
        "Caen peut prendre le leadership de cette démarche.\n"
    ).actions
    assert [(a.text[:25], a.owner) for a in found] == [
        ("Le conseil régional compt", "Le conseil régional"),
        ("Il est alors proposé d'éc", "Caen"),
        ("Il faudra prévoir une ren", "Caen"),
        ("Caen peut prendre le lead", "Caen"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Monsieur le Maire présente l'avant-projet.",
        "La fibre optique sera déployée sur la commune.",
        "Le forum aura une dimension européenne.",
        "Les inscriptions doivent être closes fin avril.",
        "Cela peut les inciter à venir.",
        "Plus largement, les entreprises en ont retiré de nouveaux contacts.",
    ],
)
def test_no_action_in(line: str):
    assert owners(line) == []


def test_due_dates_resolve_against_the_meeting():
    found = read("Action : envoyer le programme aux adhérents avant le 15/10 -> Christelle").actions
    assert found[0].due == dt.date(2024, 10, 15)
    found = read("- Nadia : relire les mentions légales avant fin novembre").actions
    assert found[0].due == dt.date(2024, 11, 30)


def test_an_action_table():
    found = read(
        "Action\tResponsable\tÉchéance\n"
        "Transmettre le rapport financier\tAïssatou Sow\t15/10/2024\n"
        "Mettre à jour le plan de formation\tJean-Luc Masson\tfin octobre\n"
    ).actions
    assert [(a.text, a.owner, a.due) for a in found] == [
        ("Transmettre le rapport financier", "Aïssatou Sow", dt.date(2024, 10, 15)),
        ("Mettre à jour le plan de formation", "Jean-Luc Masson", dt.date(2024, 10, 31)),
    ]


def test_an_action_section_makes_each_item_an_action():
    found = read(
        "## Actions\n\n- [ ] Draft the joint declaration -> Helen Carter\n"
        "- Check the deadlines (Amira)\n"
    ).actions
    assert [(a.text, a.owner) for a in found] == [
        ("Draft the joint declaration", "Helen Carter"),
        ("Check the deadlines", "Amira"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Décision : la cotisation reste fixée à 15 € pour 2023.",
        "Il est décidé d'organiser un pique-nique.",
        "Le groupe décide de créer un annuaire des partenariats.",
        "Le rapport moral est adopté à l'unanimité.",
        "Le rapport financier est approuvé par 7 voix pour et 1 abstention.",
        "- APPROUVE l'avant-projet de rénovation de l'école",
        "It was agreed to open a savings account.",
        "Les participants s'accordent sur la nécessité de réfléchir aux jumelages.",
    ],
)
def test_decisions(line: str):
    assert len(read(line).decisions) == 1


def test_a_decision_section_makes_each_item_a_decision():
    found = read("## Décisions\n\n- On garde l'authentification.\n- Le module est reporté.\n")
    assert [d.text for d in found.decisions] == [
        "On garde l'authentification.",
        "Le module est reporté.",
    ]


@pytest.mark.parametrize(
    ("line", "when"),
    [
        ("Prochaine réunion le jeudi 9 mai 2024 à 18h30, même lieu.", "2024-05-09T18:30"),
        ("Prochaine réunion : mardi 2 avril, 19h, en visio.", "2024-04-02T19:00"),
        ("Prochain CA : mardi 21 mai 2024 à 20h30.", "2024-05-21T20:30"),
        ("Next meeting: Tuesday 14 May 2024 at 6.30 pm", "2024-05-14T18:30"),
        ("Date of next meeting: 7 June 2024 at 10:00.", "2024-06-07T10:00"),
        ("La prochaine réunion aura lieu le 3 juin.", "2024-06-03T00:00"),
    ],
)
def test_next_meeting(line: str, when: str):
    found = read(line).next_meeting
    assert found is not None
    assert found.strftime("%Y-%m-%dT%H:%M") == when


def test_a_next_meeting_in_a_month_only_is_unknown():
    assert read("Prochaine assemblée générale : juin 2025.").next_meeting is None
