"""Participants listed in a table: a header naming the columns (Civilité, Prénom, NOM,
Fonction, Organisme, Statut, Pouvoir…) or rows read cell by cell, with "EXCUSÉS" rows,
status codes and proxies."""

from __future__ import annotations

import re

from . import tables
from .labels import find_label
from .model import Person
from .names import (
    Mention,
    leading_civility,
    looks_function,
    parse_person,
    split_people,
    starts_person,
    title_case,
)
from .text import fold, strip_markup


def _row_label(row: list[str]) -> str | None:
    filled = [cell for cell in row if cell.strip()]
    if len(filled) != 1:
        return None
    label = find_label(filled[0])
    if label and not strip_markup(filled[0])[label.end :].strip():
        return label.kind
    return None


# Attendance codes of a status column: P(résent), E(xcusé), A(bsent), oui/non, x.
_CODES = {
    "p": "present", "x": "present", "oui": "present", "yes": "present", "1": "present",
    "pr": "present", "e": "excused", "ex": "excused", "exc": "excused", "ae": "excused",
    "a": "absent", "abs": "absent", "non": "absent", "no": "absent", "0": "absent",
    "✓": "present", "✔": "present",
}  # fmt: skip
_MARK = re.compile(r"^(?:x|oui|yes|1|✓|✔|☑|☒|present|presente|p)$")


_LISTS = {
    "present_mark": "present",
    "excused_mark": "excused",
    "absent_mark": "absent",
    "represented_mark": "represented",
}


def _by_column(table: tables.Table) -> list[tuple[Mention, str]]:
    """A table whose columns are the lists: "Présents | Excusés | Absents"."""
    found: list[tuple[Mention, str]] = []
    for row in table.rows:
        for index, kind in enumerate(table.columns or ()):
            if kind in _LISTS and index < len(row) and row[index].strip():
                found.extend((m, _LISTS[kind]) for m in split_people(row[index]))
    return found


def table_people(table: tables.Table, default: str) -> list[tuple[Mention, str]]:
    """The people of a table with the list each belongs to (`default` unless the table
    says otherwise)."""
    found: list[tuple[Mention, str]] = []
    current = default
    col = {kind: tables.column(table, kind) for kind in tables.COLUMNS}
    has_names = any(col[k] is not None for k in ("first_name", "last_name", "name"))
    if table.columns and not has_names:
        if all(kind in _LISTS or kind is None for kind in table.columns):
            return _by_column(table)
        return []
    parsed_rows = 0
    for row in table.rows:
        label = _row_label(row)
        if label:
            current = label
            continue
        if not any(row):
            continue
        mention = _row_person(table, row, col) if table.columns else _guess_row(row)
        if mention is None:
            continue
        parsed_rows += 1
        kind = current
        status = tables.cell(row, col["status"]) if table.columns else ""
        proxy = tables.cell(row, col["proxy"]) if table.columns else ""
        for mark in ("present", "excused", "absent"):
            value = fold(tables.cell(row, col[f"{mark}_mark"]))
            if _MARK.match(value):
                kind = mark
            elif mark == "present" and value in ("non", "no", "0"):
                kind = "absent"
        if status:
            probe = parse_person(f"X ({status})") or Mention(Person())
            key = fold(status)
            if probe.proxy or key.startswith(("represent", "pouvoir", "procuration")):
                proxy = proxy or probe.proxy or ""
                kind = "represented" if proxy else kind
            elif probe.status:
                kind = probe.status
            elif key in _CODES:
                kind = _CODES[key]
        mention = Mention(mention.person, mention.status, proxy or mention.proxy)
        found.append((mention, mention.status if mention.status and not status else kind))
    if not table.columns and parsed_rows < max(1, len(table.rows) // 2):
        return []
    return found


def _bare_civility(text: str) -> bool:
    found = leading_civility(text)
    return found is not None and not found[2]


def _row_person(table: tables.Table, row: list[str], col: dict[str, int | None]) -> Mention | None:
    civility_cell = tables.cell(row, col["civility"])
    first = tables.cell(row, col["first_name"])
    last = tables.cell(row, col["last_name"])
    name = tables.cell(row, col["name"])
    function = tables.cell(row, col["function"])
    organisation = tables.cell(row, col["organisation"])
    if function and _bare_civility(function):
        civility_cell, function = function, ""
    if civility_cell and not leading_civility(civility_cell):
        return None  # a cell wrapped onto a line of its own
    if last and not first and col["first_name"] is None:
        name, last = last, ""
    if name:
        mention = parse_person(f"{civility_cell} {name}" if civility_cell else name)
        if mention is None:
            return None
        person = mention.person.filled_from(
            Person(function=function or None, organisation=organisation or None)
        )
        return Mention(person, mention.status, mention.proxy)
    if not (first or last) or any(char.isdigit() for char in first + last):
        return None
    found = leading_civility(civility_cell) if civility_cell else None
    person = Person(
        found[0] if found else None,
        first.title() if first.isupper() and len(first) > 1 else first or None,
        title_case(last) or None,
        function or None,
        organisation or None,
    )
    return Mention(person)


def _guess_row(row: list[str]) -> Mention | None:
    """A row without a header: "Madame | Mélanie | BOURRET | Chargée … | CONSEIL …"."""
    filled = [cell for cell in row if cell.strip()]
    if len(filled) < 2:
        return None
    head = filled[:3]
    if _bare_civility(head[0]):
        name_cells = 3 if len(filled) >= 3 and starts_person(f"{head[1]} {head[2]}") else 2
    else:
        name_cells = (
            2 if starts_person(f"{head[0]} {head[1]}") and not looks_function(head[1]) else 1
        )
    name = " ".join(filled[:name_cells])
    mention = parse_person(", ".join([name, *filled[name_cells:]]), lenient=False)
    return mention
