"""The people of the corpus, what an import must give for each, and the writers of CSV
and XLSX files."""

from __future__ import annotations

import csv
import io
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook

from .pool import (
    COUNTIES,
    DE_CITIES,
    DE_FIRST,
    DE_FUNCTIONS,
    DE_LAST,
    DE_ORGS,
    DE_PARTICLE_LAST,
    DEGREES,
    ES_CITIES,
    ES_FIRST,
    ES_FUNCTIONS,
    ES_LAST,
    ES_ORGS,
    FR_CITIES,
    FR_FIRST,
    FR_FUNCTIONS,
    FR_LAST,
    FR_ORGS,
    FR_PARTICLE_LAST,
    FUNCTIONS,
    HONORIFICS,
    ORG_PATTERNS,
    SECTORS,
    STATE_NAMES,
    TECH,
    US_CITIES,
    US_FIRST,
    US_LAST,
)


@dataclass
class Person:
    first: str
    last: str
    email: str = ""
    organisation: str = ""
    function: str = ""
    city: str = ""
    state: str = ""  # a US state's code
    country: str = ""  # ISO alpha-2
    honorific: str = ""
    degree: str = ""
    sectors: list[str] = field(default_factory=list)

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}".strip()


@dataclass
class Expected:
    """What the import must give for one person of the file."""

    first: str
    last: str
    email: str
    organisation: str
    country: str = ""  # "" when the file gives no country


@dataclass
class Sample:
    name: str
    shape: str
    data: bytes
    people: list[Expected]
    # Lines of the file that hold a person (merged duplicates included).
    person_rows: int
    # Rows the importer may rightly refuse, at most (a file's own broken rows).
    broken_rows: int = 0


_TRANSLITERATION = str.maketrans({"ß": "ss", "œ": "oe", "æ": "ae", "ø": "o", "ł": "l"})


def _ascii(text: str) -> str:
    bare = unicodedata.normalize("NFKD", text.lower().translate(_TRANSLITERATION))
    kept = "".join(c for c in bare if not unicodedata.combining(c))
    return "".join(c for c in kept.lower() if c.isalnum() or c in ".-")


def _email(rng: random.Random, first: str, last: str, organisation: str) -> str:
    domain_words = [w for w in _ascii(organisation.replace(" ", "")).split(".") if w] or ["mail"]
    domain = domain_words[0][:18] or "mail"
    tld = rng.choice(("org", "gov", "com", "us", "fr", "de", "edu"))
    local = rng.choice(("{f}.{l}", "{f0}{l}", "{f}{l}", "{l}.{f}", "{f}_{l}"))
    return (
        local.format(
            f=_ascii(first.split()[0]).replace("-", ""),
            l=_ascii(last.replace(" ", "")).replace("'", ""),
            f0=_ascii(first)[:1],
        )
        + f"@{domain}.{tld}"
    )


def _us_person(rng: random.Random) -> Person:
    city, state = rng.choice(US_CITIES)
    pattern = rng.choice(ORG_PATTERNS)
    organisation = pattern.format(
        city=city,
        county=rng.choice(COUNTIES),
        state=STATE_NAMES[state],
        tech=rng.choice(TECH),
    )
    first = rng.choice(US_FIRST)
    if rng.random() < 0.08:
        first = f"{first} {rng.choice(('Ann', 'Lee', 'Ellen', 'Jo'))}"
    last = rng.choice(US_LAST)
    return Person(
        first=first,
        last=last,
        organisation=organisation,
        function=rng.choice(FUNCTIONS),
        city=city,
        state=state,
        country="US",
        honorific=rng.choice(HONORIFICS) if rng.random() < 0.3 else "",
        degree=rng.choice(DEGREES) if rng.random() < 0.1 else "",
        sectors=rng.sample(SECTORS, rng.randint(0, 3)),
    )


def _fr_person(rng: random.Random) -> Person:
    city = rng.choice(FR_CITIES)
    last = rng.choice(FR_PARTICLE_LAST) if rng.random() < 0.1 else rng.choice(FR_LAST)
    return Person(
        first=rng.choice(FR_FIRST),
        last=last,
        organisation=rng.choice(FR_ORGS).format(city=city),
        function=rng.choice(FR_FUNCTIONS),
        city=city,
        country="FR",
        honorific=rng.choice(("M.", "Mme")),
        sectors=rng.sample(SECTORS, rng.randint(0, 2)),
    )


def _de_person(rng: random.Random) -> Person:
    city = rng.choice(DE_CITIES)
    country = {"Wien": "AT", "Zürich": "CH"}.get(city, "DE")
    last = rng.choice(DE_PARTICLE_LAST) if rng.random() < 0.15 else rng.choice(DE_LAST)
    return Person(
        first=rng.choice(DE_FIRST),
        last=last,
        organisation=rng.choice(DE_ORGS).format(city=city),
        function=rng.choice(DE_FUNCTIONS),
        city=city,
        country=country,
        honorific=rng.choice(("Herr", "Frau")),
        degree="Dr." if rng.random() < 0.2 else "",
    )


def _es_person(rng: random.Random) -> Person:
    city = rng.choice(ES_CITIES)
    country = {"Ciudad de México": "MX", "Bogotá": "CO"}.get(city, "ES")
    return Person(
        first=rng.choice(ES_FIRST),
        last=rng.choice(ES_LAST),
        organisation=rng.choice(ES_ORGS).format(city=city),
        function=rng.choice(ES_FUNCTIONS),
        city=city,
        country=country,
    )


def people(
    seed: int, n: int, makers: tuple[Callable[[random.Random], Person], ...] = (_us_person,)
) -> list[Person]:
    """n distinct people (by name and by e-mail), each with an e-mail."""
    rng = random.Random(seed)
    chosen: list[Person] = []
    names: set[str] = set()
    emails: set[str] = set()
    while len(chosen) < n:
        person = rng.choice(makers)(rng)
        key = _ascii(person.full)
        if key in names:
            continue
        person.email = _email(rng, person.first, person.last, person.organisation)
        if person.email in emails:
            continue
        names.add(key)
        emails.add(person.email)
        chosen.append(person)
    return chosen


def expect(person: Person, *, country: bool = True, email: bool = True) -> Expected:
    return Expected(
        person.first,
        person.last,
        person.email.lower() if email else "",
        person.organisation,
        person.country if country else "",
    )


# --- Writers ------------------------------------------------------------------------------


def _csv(rows: list[list[Any]], delimiter: str = ",", quoting: int = csv.QUOTE_MINIMAL) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
    writer.writerows(rows)
    return out.getvalue()


def _xlsx(sheets: list[tuple[str, list[list[Any]]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- The files ----------------------------------------------------------------------------
