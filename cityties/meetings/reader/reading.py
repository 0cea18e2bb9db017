"""From the text of minutes to a `Proposal`: each concern's reader, put together."""

from __future__ import annotations

import datetime as dt
import re

from . import actions, attendance, header
from .dates import find_dates
from .model import Event, Person, Proposal
from .names import Mention, leading_civility, split_people
from .text import Block, blocks, bold_spans, fold, normalise, plain, sentences, strip_markup

_SPEECH = re.compile(
    r"\s(?:ouvre|presente|rappelle|explique|indique|propose|souligne|precise|informe|remercie"
    r"|annonce|demande|interroge|detaille|evoque|fait|expose|note|ajoute|rapporte|insiste"
    r"|signale|repond|estime|accueille|conclut|clot|cloture|introduit|emet|expliquent"
    r"|presentent|rappellent|proposent|soulignent|reports|reported|presents|presented"
    r"|explains|explained|opens|opened|welcomes|welcomed|thanks|thanked|notes|noted|says"
    r"|said|asks|asked|updates|updated|introduces|introduced)\b"
)
_VERB = re.compile(r"\s(?:a|ont|est|sont|avait|avaient|sera|seront|qui|que)\s")
_NOT_ORGANISATION = re.compile(
    r"^(?:date|lieu|ordre|objet|present|excuse|absent|decision|action|point|note|annexe"
    r"|compte|proces|venue|attendees|apologies|next|prochain|important|rappel|remarque)"
)
_EVENT_TEXT = 300


def speakers(text: str, blocks_: list[Block]) -> tuple[list[Person], list[str]]:
    """People named in bold (or opening a paragraph with a civility and a verb of speech),
    and organisations named in bold."""
    people: list[Person] = []
    organisations: list[str] = []

    def add(mentions: list[Mention]) -> None:
        for mention in mentions:
            if not mention.person.last_name and not mention.person.civility:
                continue
            for index, known in enumerate(people):
                if _same(known, mention.person):
                    people[index] = known.filled_from(mention.person)
                    break
            else:
                people.append(mention.person)

    for span, whole in bold_spans(text):
        span = span.strip(" ,;:")
        if not span:
            continue
        mentions = split_people(span, lenient=False)
        if mentions and (leading_civility(span) or not whole):
            add(mentions)
            continue
        words = span.split()
        key = plain(span)
        if (
            not whole
            and 1 <= len(words) <= 8
            and span[:1].isupper()
            and not any(char.isdigit() for char in span)
            and not _NOT_ORGANISATION.match(key)
            and not find_dates(span, None)
        ):
            organisations.append(span)
    for block in blocks_:
        if block.kind != "para":
            continue
        line = strip_markup(block.text)
        if not leading_civility(line):
            continue
        match = _SPEECH.search(plain(line[:250]))
        if match and not _VERB.search(plain(line[: match.start()])):
            add(split_people(line[: match.start()], lenient=False))
    return people, organisations


def _same(a: Person, b: Person) -> bool:
    from .names import same_person

    return same_person(a, b)


def _events(blocks_: list[Block], date: dt.date | None) -> list[Event]:
    events: list[Event] = []
    seen: set[tuple[dt.date, dt.date, str]] = set()
    for block in blocks_:
        if block.kind == "table":
            continue
        for sentence in sentences(strip_markup(block.text)):
            for mention in find_dates(sentence, date):
                if mention.precision == "day" and mention.start == date == mention.end:
                    continue
                text = sentence if len(sentence) <= _EVENT_TEXT else _around(sentence, mention.span)
                key = (mention.start, mention.end, fold(text))
                if key in seen:
                    continue
                seen.add(key)
                events.append(Event(text, mention.start, mention.end, mention.precision))
    return events


def _around(sentence: str, span: tuple[int, int]) -> str:
    start = max(0, span[0] - _EVENT_TEXT // 2)
    end = min(len(sentence), span[1] + _EVENT_TEXT // 2)
    return (
        ("…" if start else "") + sentence[start:end].strip() + ("…" if end < len(sentence) else "")
    )


# About 100 pages: longer texts are read by their beginning and their end (the annex).
MAX_CHARACTERS = 500_000


def read_text(text: str) -> Proposal:
    """Read minutes given as text (plain or Markdown)."""
    if len(text) > MAX_CHARACTERS:
        text = f"{text[: MAX_CHARACTERS * 4 // 5]}\n\n{text[-MAX_CHARACTERS // 5 :]}"
    text = normalise(text)
    found_blocks = blocks(text)
    date = header.meeting_date(found_blocks, text)
    present = attendance.read(found_blocks)
    bold_people, bold_organisations = speakers(text, found_blocks)
    if not any(entry.strength > 0 for entry in present.entries):
        # No list of who attended (a chair or secretary at most): the speakers were there.
        for person in bold_people:
            present.add(Mention(person), "present", 0)
    enriched = []
    for person in bold_people:
        for entry in present.entries:
            if _same(person, entry.person):
                person = person.filled_from(entry.person)
                break
        enriched.append(person)
    organisations = list(present.organisations)
    for entry in present.entries:
        if entry.person.organisation:
            organisations.append(entry.person.organisation)
    organisations.extend(bold_organisations)
    decisions, action_items = actions.read(found_blocks, date, present.used_blocks)
    return Proposal(
        date=date,
        place=header.place(found_blocks, date),
        title=header.title(found_blocks),
        present=[entry.person for entry in present.of("present")],
        excused=[entry.person for entry in present.of("excused")],
        absent=[entry.person for entry in present.of("absent")],
        represented=[(entry.person, entry.proxy or "") for entry in present.of("represented")],
        organisations=_distinct(organisations),
        speakers=enriched,
        events=_events(
            [b for i, b in enumerate(found_blocks) if i not in present.used_blocks], date
        ),
        decisions=decisions,
        actions=action_items,
        next_meeting=actions.next_meeting(found_blocks, date),
    )


def _distinct(names: list[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for name in names:
        key = fold(name)
        if key and key not in seen:
            seen.add(key)
            result.append(name)
    return result
