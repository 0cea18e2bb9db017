"""Tables in minutes: tab-separated (Word tables, pasted annexes) or pipe-separated
(Markdown), their header, and what each column holds."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import fold, strip_markup

COLUMNS: dict[str, tuple[str, ...]] = {
    "civility": ("genre", "civilite", "civ", "sexe", "m mme", "mme m", "titre civil"),
    "first_name": ("prenom", "prenoms", "first name", "firstname", "given name", "forename"),
    "last_name": (
        "nom", "noms", "nom de famille", "last name", "lastname", "surname", "family name",
    ),
    "name": (
        "nom prenom", "nom et prenom", "prenom nom", "prenom et nom", "noms et prenoms",
        "nom prenoms", "name", "names", "full name", "participant", "participants", "membre",
        "membres", "personne", "identite", "intervenant", "invite", "attendee", "attendees",
        "member", "members",
    ),
    "function": (
        "fonction", "fonctions", "qualite", "poste", "role", "mandat", "function", "position",
        "job title", "title", "titre", "responsabilite", "job",
    ),
    "organisation": (
        "organisme", "organisation", "organismes", "structure", "collectivite", "institution",
        "entreprise", "societe", "etablissement", "ville", "commune", "employeur", "association",
        "service", "organization", "affiliation", "company", "representing", "entite",
        "delegation", "collectivite organisme", "organisme structure", "structure organisme",
    ),
    "status": (
        "statut", "presence", "present e", "present ou excuse", "status", "attendance", "etat",
        "participation",
    ),
    "proxy": (
        "pouvoir", "pouvoirs", "procuration", "represente par", "pouvoir a", "pouvoir donne a",
        "proxy", "represented by", "mandataire",
    ),
    "present_mark": ("present", "presents", "presente", "presentes"),
    "excused_mark": ("excuse", "excuses", "excusee", "excusees", "apologies", "excused"),
    "absent_mark": ("absent", "absents", "absente", "absentes"),
    "represented_mark": (
        "represente", "representes", "representee", "representees", "pouvoirs", "procurations",
        "represented", "proxies",
    ),
    "action": (
        "action", "actions", "tache", "taches", "quoi", "a faire", "actions a mener",
        "action a mener", "suite a donner", "suites a donner", "task", "tasks", "what",
        "action item", "action items", "description",
    ),
    "owner": (
        "responsable", "responsables", "qui", "pilote", "porteur", "owner", "who", "en charge",
        "referent", "par qui", "lead", "assigned to", "responsable s",
    ),
    "due": (
        "echeance", "echeances", "date limite", "delai", "delais", "quand", "deadline", "due",
        "due date", "when", "date", "pour le", "calendrier", "by when",
    ),
    "ignore": (
        "email", "e mail", "mail", "courriel", "telephone", "tel", "portable", "signature", "n",
        "no", "numero", "adresse", "phone", "contact",
    ),
}  # fmt: skip
_BY_KEY = {key: kind for kind, keys in COLUMNS.items() for key in keys}


@dataclass(frozen=True)
class Table:
    """A run of table rows: the header's column kinds (None without a header) and rows."""

    columns: tuple[str | None, ...] | None
    rows: list[list[str]]
    first_line: int


def cells(line: str) -> list[str]:
    stripped = line.strip()
    parts = stripped.split("\t") if "\t" in stripped else stripped.strip("|").split("|")
    return [strip_markup(part) for part in parts]


def is_separator(row: list[str]) -> bool:
    return all(re.fullmatch(r"[-:=_+\s]*", cell) for cell in row)


def column_kind(cell: str) -> str | None:
    key = fold(cell)
    if key in _BY_KEY:
        return _BY_KEY[key]
    key = re.sub(r"\b(?:de la|du|de|des|d)\b", " ", key)
    return _BY_KEY.get(" ".join(key.split()))


def header(row: list[str]) -> tuple[str | None, ...] | None:
    """The kinds of a header row's columns, if the row is a header."""
    kinds = tuple(column_kind(cell) if cell else None for cell in row)
    known = [kind for kind in kinds if kind]
    if len(known) >= 2 or (len(known) == 1 and known[0] in ("name", "action") and len(row) <= 2):
        return kinds
    return None


def read_table(lines: list[str], first_line: int) -> Table:
    rows = [cells(line) for line in lines]
    rows = [row for row in rows if not is_separator(row)]
    columns = None
    if rows:
        columns = header(rows[0])
        if columns:
            rows = rows[1:]
    return Table(columns, rows, first_line)


def is_action_table(table: Table) -> bool:
    kinds = set(table.columns or ())
    return "action" in kinds and bool(kinds & {"owner", "due"})


def column(table: Table, kind: str) -> int | None:
    if not table.columns:
        return None
    for index, found in enumerate(table.columns):
        if found == kind:
            return index
    return None


def cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index].strip()
