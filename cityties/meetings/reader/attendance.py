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

from . import roster, tables
from .labels import Label, find_label, labels_in
from .model import Person
from .names import (
    Mention,
    looks_function,
    opens_list_line,
    parse_person,
    same_person,
    split_people,
    starts_person,
)
from .text import Block, checkbox, fold, plain, sentences, strip_markup, unbullet


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


_GIVES_TO = re.compile(r"\s+(?:à|a|au|to|->|→|donne\s+(?:son\s+)?pouvoir\s+à)\s+(?=\S)")


def _proxies(text: str) -> list[Mention]:
    """A list of proxies: "M. Henri CASTEL à M. Daniel ROCHE ; Mme Lucie BRUN à Mme AUBRY"."""
    found = []
    for item in re.split(r"\s*[;\n]\s*|,\s+(?=(?:M\.|Mme|Mlle|Mr|Mrs|Ms)\s)", text):
        giver, sep, holder = _split_gift(item)
        if not sep:
            continue
        mention = parse_person(giver)
        if mention and parse_person(holder):
            found.append(Mention(mention.person, None, mention.proxy or holder))
    return found


def _split_gift(item: str) -> tuple[str, str, str]:
    parts = _GIVES_TO.split(item.strip(" ."), maxsplit=1)
    if len(parts) != 2:
        return item, "", ""
    return parts[0].strip(), "à", parts[1].strip(" .")


def _people(text: str, kind: str = "present") -> list[Mention]:
    """The people of a list item, "Ville de Caen : M. X, Mme Y" giving them an organisation."""
    text = strip_markup(text).strip()
    if kind == "represented":
        gifts = _proxies(text)
        if gifts:
            return gifts
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
                    for mention in _people(listed, label.kind):
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
            near_rows = any(
                0 <= i < len(blocks) and blocks[i].kind == "table" for i in (index - 1, index + 1)
            )
            if block.kind == "para" and (
                tables.header(plain_line.split()) or (near_rows and _fragment(plain_line))
            ):
                index += 1  # a table's header or a wrapped cell, columns lost (PDF text)
                continue
            if block.kind == "heading" or (
                block.kind == "para" and not opens_list_line(plain_line)
            ):
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
    for mention in _people(unbullet(block.text), section):
        attendance.add(mention, kind, 2)


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
    people = roster.table_people(table, default)
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
