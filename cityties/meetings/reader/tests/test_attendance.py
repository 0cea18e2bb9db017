"""Attendance however the minutes write it (each shape read through `read_text`)."""

from __future__ import annotations

from cityties.meetings.reader import Proposal, read_text

HEADER = "Compte rendu de la réunion du 12 mai 2022\n\n"


def lists(text: str) -> dict[str, list[str]]:
    proposal = read_text(HEADER + text)
    return {
        "present": names(proposal, "present"),
        "excused": names(proposal, "excused"),
        "absent": names(proposal, "absent"),
        "represented": [f"{p.name} -> {proxy}" for p, proxy in proposal.represented],
    }


def names(proposal: Proposal, kind: str) -> list[str]:
    return [person.name for person in getattr(proposal, kind)]


def test_inline_paragraphs():
    found = lists("Présents : Mme Claire Martin, M. Paul Durand. Excusés : Mme Sophie Petit.")
    assert found["present"] == ["Claire Martin", "Paul Durand"]
    assert found["excused"] == ["Sophie Petit"]


def test_bullet_lists_under_labels():
    found = lists(
        "Présents :\n- Claire MARTIN, présidente\n- Paul DURAND\n\nAbsents :\n- Luc Bernard\n"
    )
    assert found["present"] == ["Claire Martin", "Paul Durand"]
    assert found["absent"] == ["Luc Bernard"]


def test_labels_of_a_few_words():
    found = lists(
        "Membres du bureau présents : M. Paul Durand, Mme Anne Roy.\n\n"
        "Excusés et représentés : M. Luc Blanc (pouvoir à M. Paul Durand), Mme Léa Petit.\n"
    )
    assert found["present"] == ["Paul Durand", "Anne Roy"]
    assert found["represented"] == ["Luc Blanc -> Paul Durand"]
    assert found["excused"] == ["Léa Petit"]


def test_a_sentence_ending_with_a_status_word_is_no_label():
    assert lists("Le budget présenté : 12 000 €.\n\nLe projet présenté : Jardin partagé.") == {
        "present": [], "excused": [], "absent": [], "represented": [],
    }  # fmt: skip


def test_people_between_dashes_or_slashes():
    assert lists("Présents : Jean Dupont - Marie Durand / Paul Martin")["present"] == [
        "Jean Dupont",
        "Marie Durand",
        "Paul Martin",
    ]


def test_a_line_of_proxies():
    found = lists(
        "Pouvoirs : M. Henri CASTEL à M. Daniel ROCHE ; Mme Lucie BRUN à Mme Josiane AUBRY."
    )
    assert found["represented"] == ["Henri Castel -> Daniel Roche", "Lucie Brun -> Josiane Aubry"]


def test_markdown_headings():
    found = lists("## Participants\n\n- Claire Martin\n- Paul Durand\n\n## Excusé·e·s\n\n- Léa\n")
    assert found["present"] == ["Claire Martin", "Paul Durand"]
    assert found["excused"] == ["Léa"]


def test_etaient_presents_needs_no_colon():
    found = lists(
        "Étaient présents M. Alain Fournier, directeur, Mme Coralie Dumas et Mlle Léa Barbier."
    )
    assert found["present"] == ["Alain Fournier", "Coralie Dumas", "Léa Barbier"]


def test_presents_ou_representes():
    found = lists(
        "Membres présents ou représentés :\n"
        "- Mme Carole VIDAL\n"
        "- Mme Julie COLLET, représentée par Mme Carole VIDAL\n"
        "- M. Fabrice MARCHAND (pouvoir donné à Mme Carole VIDAL)\n"
        "- Mme Élodie CARPENTIER, vote donné à Mme Carole VIDAL\n"
    )
    assert found["present"] == ["Carole Vidal"]
    assert found["represented"] == [
        "Julie Collet -> Carole Vidal",
        "Fabrice Marchand -> Carole Vidal",
        "Élodie Carpentier -> Carole Vidal",
    ]


def test_an_excused_member_with_a_proxy_is_represented():
    found = lists(
        "Absents excusés : Mme Christine FAURE (pouvoir à M. Bernard LECLERC), M. Luc ROCHE."
    )
    assert found["represented"] == ["Christine Faure -> Bernard Leclerc"]
    assert found["excused"] == ["Luc Roche"]


def test_markdown_checkboxes():
    found = lists(
        "## Participants\n\n- [x] Marc Girard\n- [x] Sophie Lambert\n"
        "- [ ] Nadia Benhamou (excusée)\n- [ ] Paul Ricci\n"
    )
    assert found["present"] == ["Marc Girard", "Sophie Lambert"]
    assert found["excused"] == ["Nadia Benhamou"]
    assert found["absent"] == ["Paul Ricci"]


def test_annex_table_tab_separated_with_an_excused_section():
    found = lists(
        "ANNEXE : LISTE DES PARTICIPANTS\n\n"
        "Genre\tPrénom\tNom\tFonction\tOrganisme\n"
        "Madame\tClaire\t<b>MARTIN</b>\tPrésidente\tCOMITE DES FETES\n"
        "Monsieur\tPaul\t<b>DURAND</b>\tTrésorier\tMAIRIE\n"
        "<b>EXCUSÉS</b>\t\t\t\t\n"
        "Madame\tSophie\t<b>PETIT</b>\tMembre\tMAIRIE\n"
    )
    assert found["present"] == ["Claire Martin", "Paul Durand"]
    assert found["excused"] == ["Sophie Petit"]


def test_annex_table_keeps_functions_and_organisations():
    proposal = read_text(
        HEADER + "Civilité\tNOM\tPrénom\tQualité\tStructure\nM.\tLAURENT\tPhilippe\tMaire\tSCEAUX\n"
    )
    person = proposal.present[0]
    assert (person.civility, person.first_name, person.last_name) == ("M.", "Philippe", "Laurent")
    assert (person.function, person.organisation) == ("Maire", "SCEAUX")
    assert proposal.organisations == ["SCEAUX"]


def test_pipe_table_with_a_status_column():
    found = lists(
        "| Nom | Prénom | Statut |\n|---|---|---|\n"
        "| MARTIN | Claire | Présente |\n| DURAND | Paul | Excusé |\n"
        "| PETIT | Sophie | Représentée par Claire MARTIN |\n| BERNARD | Luc | Absent |\n"
    )
    assert found == {
        "present": ["Claire Martin"],
        "excused": ["Paul Durand"],
        "absent": ["Luc Bernard"],
        "represented": ["Sophie Petit -> Claire Martin"],
    }


def test_status_codes_and_a_single_name_column():
    found = lists(
        "| Nom Prénom | Commune | Présence |\n|---|---|---|\n"
        "| CADIOU Albert | Landivisiau | P |\n| KERBRAT Sylvie | Bodilis | E |\n"
        "| MORVAN Gilles | Saint-Derrien | A |\n"
    )
    assert found["present"] == ["Albert Cadiou"]
    assert found["excused"] == ["Sylvie Kerbrat"]
    assert found["absent"] == ["Gilles Morvan"]


def test_a_table_without_header():
    found = lists(
        "Liste des participants\n\nMadame\tClaire\tMARTIN\tPrésidente\tCOMITE\n"
        "Monsieur\tPaul\tDURAND\tTrésorier\tMAIRIE\n"
    )
    assert found["present"] == ["Claire Martin", "Paul Durand"]


def test_a_table_whose_columns_are_the_lists():
    found = lists(
        "| Présents | Excusés |\n|---|---|\n| Claire Martin | Sophie Petit |\n| Paul Durand | |\n"
    )
    assert found["present"] == ["Claire Martin", "Paul Durand"]
    assert found["excused"] == ["Sophie Petit"]


def test_names_a_line_each_without_civility():
    found = lists(
        "Étaient présents :\nAïssatou Sow\nOusseynou Ndiaye, trésorier\nKwame Mensah (Accra)\n\n"
        "La séance est ouverte.\n"
    )
    assert found["present"] == ["Aïssatou Sow", "Ousseynou Ndiaye", "Kwame Mensah"]


def test_a_table_of_figures_is_no_attendance():
    found = lists("| Poste | Montant |\n|---|---|\n| Location | 1 200 € |\n| Repas | 800 € |\n")
    assert found["present"] == []


def test_prose_proxies_and_apologies():
    found = lists(
        "La réunion s'est tenue en présence de Mme Hélène Vigier, de M. Bruno Lacombe et de "
        "Mme Nadège Rigal.\n\nM. Frédéric Alix, empêché, avait donné pouvoir à Mme Hélène "
        "Vigier. Mme Claudine Ferrand s'est excusée.\n"
    )
    assert found["present"] == ["Hélène Vigier", "Bruno Lacombe", "Nadège Rigal"]
    assert found["represented"] == ["Frédéric Alix -> Hélène Vigier"]
    assert found["excused"] == ["Claudine Ferrand"]


def test_represented_by_in_running_text_is_no_proxy():
    found = lists(
        "Présents : Mme Mélanie Bourret.\n\nLe Conseil Régional, représenté aujourd'hui par "
        "Mme Mélanie BOURRET, possède un partenariat avec l'Etat de Pennsylvanie.\n"
    )
    assert found["present"] == ["Mélanie Bourret"]
    assert found["represented"] == []


def test_counts_are_not_people():
    found = lists("Nombre de conseillers en exercice : 15 – Présents : 11 – Votants : 13\n")
    assert found == {"present": [], "excused": [], "absent": [], "represented": []}


def test_organisation_before_a_colon():
    proposal = read_text(
        HEADER + "Présents :\n- Ville de Caen : M. Joël Bruneau, Mme Lesley Coutts\n"
    )
    assert [(p.name, p.organisation) for p in proposal.present] == [
        ("Joël Bruneau", "Ville de Caen"),
        ("Lesley Coutts", "Ville de Caen"),
    ]


def test_the_secretary_of_the_meeting_is_present():
    found = lists("Présents : M. Paul Durand.\n\nSecrétaire de séance : Mme Nathalie Perrin.\n")
    assert found["present"] == ["Paul Durand", "Nathalie Perrin"]


def test_english_lists():
    found = lists(
        "Present: Margaret Hill (Chair), David Okafor\nIn attendance: Cllr Andrew Baker\n"
        "Apologies received from Graham Hughes and Emma Collins.\nAbsent: Kevin Doyle\n"
    )
    assert found["present"] == ["Margaret Hill", "David Okafor", "Andrew Baker"]
    assert found["excused"] == ["Graham Hughes", "Emma Collins"]
    assert found["absent"] == ["Kevin Doyle"]


def test_without_a_list_the_speakers_in_bold_are_present():
    proposal = read_text(
        HEADER + "**M. Joël BRUNEAU, Maire de Caen,** ouvre la séance.\n\n"
        "**Mme Lesley COUTTS** présente le programme.\n"
    )
    assert names(proposal, "present") == ["Joël Bruneau", "Lesley Coutts"]
    assert proposal.speakers[0].function == "Maire de Caen"


def test_organisations_named_in_bold_but_not_bold_labels_or_initials():
    proposal = read_text(
        HEADER + "Présents : John Smith (JS), Mary Kelly (Leeds City Council).\n\n"
        "1. **Schéma cyclable** : le tracé est validé.\n\n"
        "Le soutien de **Business France** serait utile.\n"
    )
    assert proposal.organisations == ["Leeds City Council", "Business France"]
    assert proposal.present[0].organisation is None


def test_speakers_are_present_when_only_the_secretary_is_listed():
    found = lists(
        "Secrétaire de séance : Mme Nathalie Perrin.\n\n**M. Joël BRUNEAU** ouvre la séance.\n"
    )
    assert found["present"] == ["Nathalie Perrin", "Joël Bruneau"]
