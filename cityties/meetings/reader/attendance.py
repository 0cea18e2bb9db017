"""Who was present, excused, absent or represented, however the minutes write it.

Labelled lists ("Présents : …", "Étaient présents M. X, Mme Y", "Absents excusés : …",
"présents ou représentés"), headed sections with bullets or Markdown checkboxes, annex
tables (tab- or pipe-separated, with "EXCUSÉS" rows or a status column), proxies
("représenté(e) par X", "pouvoir donné à X", "vote donné à X") and prose such as
"Mme X a donné pouvoir à M. Y".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from . import tables
from .model import Person
from .names import (
    Mention,
    leading_civility,
    looks_function,
    parse_person,
    same_person,
    split_people,
    starts_person,
    title_case,
)
from .text import Block, checkbox, fold, plain, sentences, strip_markup, unbullet

# "~" in a label stands for French gender and number marks: présent, présente, présents,
# présent(e)s, présent·e·s, présent.e.s, excusé-e-s.
_E = r"e?(?:\(e\)|·e|\.e|-e|e)?(?:s|\(s\)|\(es\)|·s|\.s|-s)?(?![a-z])"
_LABEL_TEXTS: list[tuple[str, str]] = [
    (
        "present_or_represented",
        r"(?:(?:les\s+)?(?:membres|personnes|adherents|administrateurs)\s+)?present~"
        r"\s+ou\s+represent~",
    ),
    (
        "excused",
        r"(?:(?:membres|personnes|elus)\s+)?(?:absent~\s+excus~|excus~|(?:etaient|sont)\s+excus~"
        r"|se\s+sont\s+(?:fait\s+)?excuse~|s'est\s+(?:fait\s+)?excuse~|s'excusent"
        r"|apologies(?:\s+for\s+absence)?(?:\s+(?:were|have\s+been)?\s*received(?:\s+from)?)?"
        r"|regrets|excused)",
    ),
    (
        "absent",
        r"(?:(?:membres|personnes|elus)\s+)?(?:(?:etaient|sont|etait|est)\s+absent~"
        r"|absent~(?:\s+non\s+excus~)?|absent\s+without\s+apologies|absences|not\s+present)",
    ),
    (
        "represented",
        r"(?:(?:membres|personnes)\s+)?(?:represent~(?!\s+par)|pouvoirs(?:\s+donnes)?"
        r"|procurations|ont\s+donne\s+(?:pouvoir|procuration)|proxies|proxy\s+votes|represented)",
    ),
    (
        "present",
        r"(?:(?:les\s+)?(?:membres|personnes|elus|administrateurs|participants|conseillers)\s+)?"
        r"(?:(?:etaient|sont|etait|est)\s+(?:egalement\s+)?present~|present~|participants?"
        r"|liste\s+des\s+(?:participants|presents|presences|membres(?:\s+presents)?"
        r"|personnes\s+presentes)|feuille\s+de\s+presence|(?:ont\s+)?particip(?:aient|ait|ent)"
        r"|assistai(?:en)?t(?:\s+egalement)?|(?:assistent|assiste)|en\s+presence\s+de|invit~"
        r"|also\s+(?:present|attending)|in\s+attendance|attendees|attending|members\s+present"
        r"|attendance|presences?|guests?)",
    ),
    (
        "role",
        r"(?:president~|secretaire|animat(?:eur|rice)|redact(?:eur|rice))\s+de\s+"
        r"(?:la\s+)?(?:seance|reunion)|chair(?:ed\s+by)?|minute\s+taker|minutes\s+taken\s+by"
        r"|note\s+taker",
    ),
]
_LABELS = [(kind, text.replace("~", _E)) for kind, text in _LABEL_TEXTS]
_FILLER = (
    r"(?:\s+(?:a|au|lors\s+de)\s+(?:la\s+|l')?(?:reunion|seance|assemblee|l'assemblee|comite)"
    r"(?:\s+(?:generale|du\s+\w+))?|\s+(?:the\s+)?meeting)?(?:\s*\(\s*\d+\s*\))?"
)
_LABEL = re.compile(
    r"(?P<prefix>annexe?\s*\d*\s*[:–—-]?\s*)?(?:"
    + "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _LABELS)
    + r")"
    + _FILLER
    + r"\s*(?P<colon>[:–—-]+)?\s*"
)
# Labels that read as a sentence and need no colon: "Étaient présents M. X, Mme Y".
_SENTENCE_LABEL = re.compile(
    r"etai|sont|se\s+sont|s'est|assist|en\s+presence|particip|apologies.*\bfrom$"
)
LIST_KINDS = ("present", "excused", "absent", "represented")


@dataclass(frozen=True)
class Label:
    kind: str
    start: int
    end: int
    colon: bool


def find_label(text: str, *, anywhere: bool = False) -> Label | None:
    """An attendance label at the start of `text` (after bullets and emphasis)."""
    key = plain(text)
    match = _LABEL.match(key)
    if not match:
        return None
    kind = next(k for k, _ in _LABELS if match.group(k))
    rest = text[match.end() :].strip()
    colon = bool(match.group("colon"))
    if not colon and rest:
        said = key[match.start(kind) : match.end()].strip()
        if not (_SENTENCE_LABEL.match(said) or leading_civility(rest)):
            return None
        if kind == "role":
            return None
    return Label(kind, match.start(), match.end(), colon)


def labels_in(text: str) -> list[Label]:
    """Every label of a line: at its start, or after a sentence with a colon."""
    found = []
    first = find_label(text)
    if first:
        found.append(first)
    for boundary in re.finditer(r"(?<=[.;])\s+(?=[A-ZÀ-Þ])", text):
        label = find_label(text[boundary.end() :])
        if label and label.colon:
            offset = boundary.end()
            found.append(Label(label.kind, label.start + offset, label.end + offset, True))
    return found


@dataclass
class Entry:
    person: Person
    kind: str
    proxy: str | None
    strength: int


@dataclass
class Attendance:
    entries: list[Entry] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    used_blocks: set[int] = field(default_factory=set)

    def add(self, mention: Mention, kind: str, strength: int) -> None:
        proxy = mention.proxy
        if kind == "present_or_represented":
            kind = "present"
        if kind == "role":
            kind, strength = "present", 0
        if mention.status and kind in ("present", "excused", "absent"):
            kind = (
                mention.status if not (kind == "excused" and mention.status == "absent") else kind
            )
        if proxy:
            kind = "represented"
        for entry in self.entries:
            if same_person(entry.person, mention.person):
                entry.person = _richer(entry.person, mention.person)
                if proxy and not entry.proxy:
                    entry.kind, entry.proxy = "represented", display(proxy)
                elif strength > entry.strength and not entry.proxy:
                    entry.kind, entry.strength = kind, strength
                return
        self.entries.append(
            Entry(mention.person, kind, display(proxy) if proxy else None, strength)
        )

    def of(self, kind: str) -> list[Entry]:
        return [entry for entry in self.entries if entry.kind == kind]


def _richer(kept: Person, other: Person) -> Person:
    """`kept` with the parts it lacks from `other`; a full given name wins over initials."""
    merged = kept.filled_from(other)
    if (
        kept.first_name
        and other.first_name
        and "." in kept.first_name
        and "." not in other.first_name
    ):
        merged = replace(merged, first_name=other.first_name)
    return merged


def display(proxy: str) -> str:
    """The proxy as a name: "Mme Françoise AUBERT" -> "Françoise Aubert"."""
    mention = parse_person(proxy)
    if mention and mention.person.name:
        return mention.person.name
    return strip_markup(proxy)


def _people(text: str) -> list[Mention]:
    """The people of a list item, "Ville de Caen : M. X, Mme Y" giving them an organisation."""
    text = strip_markup(text).strip()
    head, sep, tail = text.partition(" : ")
    if not sep:
        head, sep, tail = text.partition(": ")
    if sep and head and tail and not starts_person(head) and len(head) < 80:
        found = split_people(tail)
        if found:
            return [
                Mention(m.person.filled_from(Person(organisation=head.strip())), m.status, m.proxy)
                for m in found
            ]
    if sep and starts_person(head) and tail and looks_function(tail):
        text = f"{head}, {tail}"
    return [m for m in split_people(text) if not _is_count(m)]


def _is_count(mention: Mention) -> bool:
    name = fold(mention.person.name)
    return not name or name in ("aucun", "aucune", "neant", "none", "nil", "n a")


def _list_text(text: str, label: Label) -> str:
    """What a label lists: up to the end of its sentence or the next label."""
    rest = text[label.end :]
    following = [lab for lab in labels_in(text) if lab.start >= label.end]
    if following:
        rest = text[label.end : following[0].start]
    parts = sentences(rest)
    return parts[0] if parts else ""


def read(blocks: list[Block]) -> Attendance:
    attendance = Attendance()
    section: str | None = None
    index = 0
    while index < len(blocks):
        block = blocks[index]
        bare = unbullet(block.text) if block.kind == "bullet" else block.text
        plain_line = strip_markup(bare)
        if block.kind == "table":
            index = _read_table(blocks, index, section or "present", attendance)
            continue
        labels = labels_in(plain_line) if block.kind != "table" else []
        if labels:
            attendance.used_blocks.add(index)
            section = None
            for label in labels:
                listed = _list_text(plain_line, label)
                if listed.strip(" .:"):
                    for mention in _people(listed):
                        attendance.add(mention, label.kind, 2)
                elif label.kind != "role":
                    section = label.kind
            index += 1
            continue
        if section:
            between_rows = 0 < index < len(blocks) - 1 and all(
                blocks[i].kind == "table" for i in (index - 1, index + 1)
            )
            if block.kind in ("para", "heading") and between_rows and _fragment(plain_line):
                index += 1
                continue
            if block.kind == "para" and (
                tables.header(plain_line.split()) or _fragment(plain_line)
            ):
                index += 1  # a table's header or a wrapped cell, columns lost (PDF text)
                continue
            if block.kind == "heading" or (block.kind == "para" and not starts_person(plain_line)):
                section = None
                continue
            attendance.used_blocks.add(index)
            _read_item(block, section, attendance, blocks, index)
        index += 1
    _read_prose(blocks, attendance)
    return attendance


def _fragment(line: str) -> bool:
    """A few words of a table cell wrapped onto their own line ("relations internationales")."""
    return (
        len(line.split()) <= 5
        and not line.rstrip().endswith((".", "!", "?", ":"))
        and not starts_person(line)
        and ":" not in line
    )


def _section_checks(blocks: list[Block], index: int) -> bool:
    """Whether any checkbox of the section around `index` is ticked."""
    start = index
    while start > 0 and blocks[start - 1].kind == "bullet":
        start -= 1
    end = index
    while end + 1 < len(blocks) and blocks[end + 1].kind == "bullet":
        end += 1
    return any((checkbox(b.text) or (False, ""))[0] for b in blocks[start : end + 1])


def _read_item(
    block: Block, section: str, attendance: Attendance, blocks: list[Block], i: int
) -> None:
    kind = section
    box = checkbox(block.text)
    if (
        box is not None
        and section in ("present", "present_or_represented")
        and not box[0]
        and _section_checks(blocks, i)
    ):
        kind = "absent"
    for mention in _people(unbullet(block.text)):
        attendance.add(mention, kind, 2)


def _row_label(row: list[str]) -> str | None:
    filled = [cell for cell in row if cell.strip()]
    if len(filled) != 1:
        return None
    label = find_label(filled[0])
    if label and not strip_markup(filled[0])[label.end :].strip():
        return label.kind
    return None


def _label_only(text: str) -> bool:
    bare = strip_markup(text)
    label = find_label(bare)
    return label is not None and not bare[label.end :].strip(" :")


def _read_table(blocks: list[Block], index: int, default: str, attendance: Attendance) -> int:
    """Read a run of table rows (label lines between them included); the next index."""
    lines: list[tuple[int, str]] = []
    end = index
    while end < len(blocks):
        block = blocks[end]
        if block.kind == "table":
            lines.append((end, block.text))
        elif _label_only(block.text) and end + 1 < len(blocks) and blocks[end + 1].kind == "table":
            lines.append((end, block.text + "\t"))
        else:
            break
        end += 1
    table = tables.read_table([text for _, text in lines], blocks[index].line)
    if tables.is_action_table(table):
        return end
    people = _table_people(table, default)
    if people:
        attendance.used_blocks.update(i for i, _ in lines)
        for mention, kind in people:
            attendance.add(mention, kind, 3)
            if mention.person.organisation:
                _add_organisation(attendance, mention.person.organisation)
    return end


def _add_organisation(attendance: Attendance, name: str) -> None:
    if all(fold(name) != fold(known) for known in attendance.organisations):
        attendance.organisations.append(name)


# Attendance codes of a status column: P(résent), E(xcusé), A(bsent), oui/non, x.
_CODES = {
    "p": "present", "x": "present", "oui": "present", "yes": "present", "1": "present",
    "pr": "present", "e": "excused", "ex": "excused", "exc": "excused", "ae": "excused",
    "a": "absent", "abs": "absent", "non": "absent", "no": "absent", "0": "absent",
    "✓": "present", "✔": "present",
}  # fmt: skip
_MARK = re.compile(r"^(?:x|oui|yes|1|✓|✔|☑|☒|present|presente|p)$")


def _table_people(table: tables.Table, default: str) -> list[tuple[Mention, str]]:
    found: list[tuple[Mention, str]] = []
    current = default
    col = {kind: tables.column(table, kind) for kind in tables._COLUMNS}
    has_names = any(col[k] is not None for k in ("first_name", "last_name", "name"))
    if table.columns and not has_names:
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
            if _MARK.match(fold(tables.cell(row, col[f"{mark}_mark"]))):
                kind = mark
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


_PROSE_PROXY = re.compile(
    r"(?:est|sera|etait)\s+represente(?:e)?\s+par|(?:a|avait)\s+donne\s+(?:son\s+)?"
    r"(?:pouvoir|procuration)\s+a|donne\s+(?:son\s+)?pouvoir\s+a"
)
_PROSE_STATUS = re.compile(
    r"\b(?:s'est|se\s+sont)\s+(?:fait\s+)?excuse|(?:est|sont)\s+(?:absente?s?\s+)?excuse"
)


_IN_PRESENCE = re.compile(r"\ben\s+presence\s+de\s+|\bin\s+the\s+presence\s+of\s+")
_THIS_MEETING = re.compile(
    r"reunion|seance|s'est\s+tenue|s'est\s+reuni|se\s+reunit|meeting|assemblee\s+generale"
    r"|was\s+held|^$"
)


def _subject(before: str) -> Mention | None:
    """The person a prose phrase is about: "M. X, empêché, avait donné pouvoir à …"."""
    for chunk in reversed(re.split(r"[,;:]\s*", before)):
        chunk = chunk.strip()
        if not chunk or re.fullmatch(r"[a-zà-ÿ-]+", chunk):
            continue
        mention = parse_person(chunk, lenient=False)
        return mention if mention and mention.person.last_name else None
    return None


def _read_prose(blocks: list[Block], attendance: Attendance) -> None:
    """ "Mme X a donné pouvoir à M. Y", "M. Z s'est excusé", "La réunion s'est tenue en
    présence de Mme A, de M. B et de Mme C" in running text."""
    for index, block in enumerate(blocks):
        if index in attendance.used_blocks or block.kind == "table":
            continue
        for sentence in sentences(strip_markup(block.text)):
            key = plain(sentence)
            presence = _IN_PRESENCE.search(key)
            if presence and _THIS_MEETING.search(key[: presence.start()].strip()):
                listed = re.sub(
                    r"(,|\bet|\band)\s+(?:de\s+|d')(?=[A-ZÀ-Þ])", r"\1 ", sentence[presence.end() :]
                )
                for mention in split_people(listed.rstrip(". "), lenient=False):
                    attendance.add(mention, "present", 1)
            for pattern, kind in ((_PROSE_PROXY, "represented"), (_PROSE_STATUS, "excused")):
                match = pattern.search(key)
                if not match:
                    continue
                subject = _subject(sentence[: match.start()])
                if subject is None:
                    continue
                mention = subject
                if kind == "represented":
                    proxy = re.split(r"[,;.()]|\s+et\s+", sentence[match.end() :])[0].strip()
                    if not parse_person(proxy, lenient=False):
                        continue
                    mention = Mention(mention.person, None, proxy)
                attendance.add(mention, kind, 1)
