"""A corpus of attendee lists in the shapes event platforms and organisers export them
(Eventbrite, Cvent, Swapcard, Brella, b2match, Grip, published participant lists, sign-in
sheets, French, German and Spanish spreadsheets), written from a pool of people whose true
values are known, so that what an import reads can be compared with the truth.

Each builder returns a `Sample`: the file's bytes, its name, and the people it lists. The
files are deterministic (seeded); `python -m cityties.matchmaking.tests.attendee_corpus
DIR` writes them out to try the command line on them.
"""

from __future__ import annotations

import csv
import io
import json
import random
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook

# --- The pool of people -------------------------------------------------------------------

US_FIRST = [
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Charles",
    "Karen",
    "Christopher",
    "Lisa",
    "Daniel",
    "Nancy",
    "Matthew",
    "Betty",
    "Anthony",
    "Sandra",
    "Mark",
    "Ashley",
    "Donald",
    "Kimberly",
    "Steven",
    "Emily",
    "Andrew",
    "Donna",
    "Kenneth",
    "Michelle",
    "Joshua",
    "Carol",
    "Kevin",
    "Amanda",
    "Brian",
    "Melissa",
    "George",
    "Deborah",
    "Timothy",
    "LaToya",
    "DeShawn",
    "Keisha",
    "Tyrone",
    "Aaliyah",
    "Luis",
    "Carmen",
    "Jorge",
    "Rosa",
    "Wei",
    "Mei",
    "Hiroshi",
    "Yuki",
    "Priya",
    "Raj",
    "Anh",
    "Minh",
    "Olumide",
    "Chiamaka",
    "Ahmed",
    "Fatima",
]
US_LAST = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "O'Brien",
    "O'Neil",
    "McDonald",
    "MacArthur",
    "Washington",
    "Okafor",
    "Patel",
    "Chen",
    "Tanaka",
    "Kowalski",
    "Schmidt",
    "Novak",
    "Johansson",
    "Murphy",
    "Sullivan",
    "Fitzgerald",
    "Abernathy-Jones",
    "Smith-Jackson",
]
FR_FIRST = [
    "Jean",
    "Marie",
    "Pierre",
    "Anne",
    "Philippe",
    "Isabelle",
    "Michel",
    "Catherine",
    "Alain",
    "Sylvie",
    "Éric",
    "Hélène",
    "François",
    "Céline",
    "Jérôme",
    "Aurélie",
    "Stéphane",
    "Élodie",
    "Jean-Pierre",
    "Marie-Claire",
    "Anne-Sophie",
    "Gaël",
    "Noël",
    "Zoé",
    "Loïc",
    "Maëlle",
    "Benoît",
    "Françoise",
    "Thérèse",
    "Joël",
]
FR_LAST = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Lefebvre",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrin",
    "Morin",
    "Mathieu",
    "Clément",
    "Gauthier",
    "Dumont",
    "Lopez",
    "Fontaine",
    "Chevalier",
    "Robin",
    "Lecœur",
    "Hébert",
    "Château",
    "Bœuf",
    "Cœurderoy",
]
FR_PARTICLE_LAST = ("de La Fontaine", "de Villepin", "du Pont", "d'Estaing", "Le Goff", "Le Pen")
DE_FIRST = [
    "Jürgen",
    "Günter",
    "Jörg",
    "Björn",
    "Sören",
    "Käthe",
    "Müge",
    "Lukas",
    "Anna",
    "Sophie",
    "Maximilian",
    "Lena",
]
DE_LAST = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weiß",
    "Größer",
    "Bäcker",
    "Köhler",
    "Schäfer",
    "Hoffmann",
]
DE_PARTICLE_LAST = ("von Weizsäcker", "van der Berg", "von Braun", "zu Guttenberg")
ES_FIRST = (
    "María José",
    "José Luis",
    "Ana",
    "Juan Carlos",
    "Lucía",
    "Pilar",
    "Íñigo",
    "Begoña",
    "Alejandro",
    "Sofía",
    "Martín",
    "Ximena",
)
ES_LAST = (
    "García López",
    "Fernández Ruiz",
    "Martínez",
    "Sánchez Pérez",
    "Gómez",
    "Núñez",
    "Rodríguez Peña",
    "Hernández",
    "Muñoz Ibáñez",
    "Díaz",
)
US_CITIES = (
    ("Pittsburgh", "PA"),
    ("Philadelphia", "PA"),
    ("Erie", "PA"),
    ("Columbus", "OH"),
    ("Cleveland", "OH"),
    ("Nashville", "TN"),
    ("Austin", "TX"),
    ("San Antonio", "TX"),
    ("Denver", "CO"),
    ("Seattle", "WA"),
    ("Portland", "OR"),
    ("Boise", "ID"),
    ("Des Moines", "IA"),
    ("Kansas City", "MO"),
    ("Louisville", "KY"),
    ("New Orleans", "LA"),
    ("Atlanta", "GA"),
    ("Charlotte", "NC"),
    ("Richmond", "VA"),
    ("Baltimore", "MD"),
    ("Boston", "MA"),
    ("Providence", "RI"),
    ("Hartford", "CT"),
    ("Burlington", "VT"),
    ("Madison", "WI"),
    ("Saint Paul", "MN"),
    ("Salt Lake City", "UT"),
    ("Albuquerque", "NM"),
    ("Phoenix", "AZ"),
    ("Sacramento", "CA"),
    ("Anchorage", "AK"),
    ("Honolulu", "HI"),
    ("Washington", "DC"),
)
STATE_NAMES = {
    "PA": "Pennsylvania",
    "OH": "Ohio",
    "TN": "Tennessee",
    "TX": "Texas",
    "CO": "Colorado",
    "WA": "Washington",
    "OR": "Oregon",
    "ID": "Idaho",
    "IA": "Iowa",
    "MO": "Missouri",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "GA": "Georgia",
    "NC": "North Carolina",
    "VA": "Virginia",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "RI": "Rhode Island",
    "CT": "Connecticut",
    "VT": "Vermont",
    "WI": "Wisconsin",
    "MN": "Minnesota",
    "UT": "Utah",
    "NM": "New Mexico",
    "AZ": "Arizona",
    "CA": "California",
    "AK": "Alaska",
    "HI": "Hawaii",
    "DC": "District of Columbia",
}
FR_CITIES = ("Caen", "Rouen", "Le Havre", "Nantes", "Bordeaux", "Lyon", "Orléans", "Évreux")
DE_CITIES = ("München", "Köln", "Düsseldorf", "Berlin", "Nürnberg", "Wien", "Zürich")
ES_CITIES = ("Madrid", "Barcelona", "Sevilla", "Málaga", "Ciudad de México", "Bogotá")

ORG_PATTERNS = (
    "City of {city}",
    "{city} City Council",
    "{county} County",
    "{city} Chamber of Commerce",
    "University of {state}",
    "{city} Community College",
    "{tech} Inc.",
    "{tech} LLC",
    "{tech} Solutions",
    "{state} Department of Transportation",
    "{state} Municipal League",
    "{city} Housing Authority",
    "{city} Regional Transit",
    "AT&T Smart Cities",
    "Johnson & Johnson",
    "Procter & Gamble",
)
COUNTIES = ("Allegheny", "Franklin", "Travis", "King", "Cook", "Hennepin", "Wayne", "Erie")
TECH = ("Civic", "UrbanLogic", "GridWorks", "Transitly", "OpenGov", "Streetwise", "Bright")
FR_ORGS = (
    "Ville de {city}",
    "Métropole de {city}",
    "CCI {city} Normandie",
    "Université de {city}",
    "Région Normandie",
    "Conseil départemental du Calvados",
    "Soyhuce SAS",
    "Agence d'urbanisme de {city}",
)
DE_ORGS = ("Stadt {city}", "Stadtwerke {city} GmbH", "IHK {city}", "Universität {city}")
ES_ORGS = ("Ayuntamiento de {city}", "Universidad de {city}", "Cámara de Comercio de {city}")
FUNCTIONS = (
    "Mayor",
    "Council Member",
    "City Manager",
    "Chief Innovation Officer",
    "Director of Economic Development",
    "Senior Planner",
    "Deputy Chief of Staff",
    "Program Manager, Smart Cities",
    "Vice President, Business Development",
    "CEO & Founder",
    "Professor of Urban Studies",
    "Legislative Aide",
    "Commissioner",
    "Policy Analyst",
    "",
)
FR_FUNCTIONS = (
    "Maire",
    "Adjoint au maire",
    "Directeur général des services",
    "Chargée de mission",
    "Responsable des relations internationales",
    "Président",
    "Chef de projet « ville intelligente »",
    "",
)
DE_FUNCTIONS = ("Oberbürgermeister", "Referentin", "Geschäftsführer", "Projektleiterin", "")
ES_FUNCTIONS = ("Alcalde", "Concejala", "Director de Innovación", "Técnica de proyectos", "")
SECTORS = ("Smart city", "Mobility", "Energy", "Health", "Water", "Housing", "Tourism")
HONORIFICS = ("Mr.", "Ms.", "Dr.", "Hon.", "Mrs.", "Prof.")
DEGREES = ("PhD", "AICP", "MPA", "Jr.", "P.E.")


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


def eventbrite() -> Sample:
    """Eventbrite's attendee report: one line per ticket, orders of several tickets bought
    by one person whose e-mail is on every ticket, home and work addresses."""
    crowd = people(1, 110)
    rng = random.Random(1)
    header = [
        "Order #",
        "Order Date",
        "First Name",
        "Last Name",
        "Email",
        "Quantity",
        "Ticket Type",
        "Attendee #",
        "Group",
        "Order Type",
        "Currency",
        "Total Paid",
        "Fees Paid",
        "Eventbrite Fees",
        "Eventbrite Payment Processing",
        "Attendee Status",
        "Home Address 1",
        "Home Address 2",
        "Home City",
        "Home State",
        "Home Zip",
        "Home Country",
        "Job Title",
        "Company",
        "Work Phone",
    ]
    rows: list[list[Any]] = [header]
    expected = []
    order = 512_000_000
    index = 0
    while index < len(crowd):
        order += rng.randint(1, 90)
        size = 1 if rng.random() < 0.85 else min(3, len(crowd) - index)
        buyer = crowd[index]
        for ticket in range(size):
            person = crowd[index + ticket]
            # The buyer's e-mail stands on each ticket of the order.
            email = buyer.email
            rows.append(
                [
                    order,
                    f"2016-0{rng.randint(7, 9)}-{rng.randint(10, 28)} 10:{rng.randint(10, 59)}",
                    person.first,
                    person.last,
                    email,
                    1,
                    rng.choice(("Member Rate", "Non-Member Rate", "Early Bird", "Speaker")),
                    order * 10 + ticket,
                    "",
                    rng.choice(("Eventbrite Completed", "Invitation", "Free Order")),
                    "USD",
                    f"{rng.choice((495, 625, 0))}.00",
                    "0.00",
                    "12.38",
                    "15.11",
                    rng.choice(("Attending", "Attending", "Checked In")),
                    f"{rng.randint(1, 999)} Main St",
                    "",
                    person.city,
                    person.state,
                    f"{rng.randint(10000, 99999)}",
                    "US",
                    person.function,
                    person.organisation,
                    f"({rng.randint(200, 999)}) 555-{rng.randint(1000, 9999)}",
                ]
            )
            expected.append(
                Expected(person.first, person.last, "", person.organisation, "US")
                if ticket
                else expect(person)
            )
        index += size
    return Sample(
        "eventbrite_attendees.csv",
        "Eventbrite attendee report (UTF-8, comma; tickets of one order share the buyer's e-mail)",
        _csv(rows).encode(),
        expected,
        len(rows) - 1,
    )


def cvent() -> Sample:
    """Cvent's registration report in Excel: report title lines, prefix/middle/suffix
    columns, dates as date cells, a total line at the foot."""
    crowd = people(2, 85)
    rng = random.Random(2)
    rows: list[list[Any]] = [
        ["Registration Summary Report"],
        ["NLC City Summit 2016 - Pittsburgh, PA"],
        ["Report run on: 11/02/2016 09:14 AM EDT"],
        [],
        [
            "Confirmation Number",
            "Registration Status",
            "Registration Type",
            "Prefix",
            "First Name",
            "Middle Name",
            "Last Name",
            "Suffix",
            "Email Address",
            "Company Name",
            "Title",
            "Work City",
            "Work State/Prov.",
            "Work Postal Code",
            "Work Country",
            "Registration Date",
            "Mobile Phone",
        ],
    ]
    for person in crowd:
        rows.append(
            [
                f"{rng.choice('ABCDEFGHJK')}{rng.randint(1000000, 9999999)}",
                "Accepted",
                rng.choice(("Elected Official", "City Staff", "Corporate Partner", "Guest")),
                person.honorific,
                person.first,
                rng.choice(("", "", "A.", "J.")),
                person.last,
                person.degree,
                person.email.upper() if rng.random() < 0.1 else person.email,
                person.organisation,
                person.function,
                person.city,
                STATE_NAMES[person.state],
                f"{rng.randint(10000, 99999)}",
                "United States",
                datetime(2016, 9, 1) + timedelta(days=rng.randint(0, 60)),
                float(f"412555{rng.randint(1000, 9999)}"),
            ]
        )
    rows.append([])
    rows.append(["Total Count: 85"])
    return Sample(
        "cvent_registration_report.xlsx",
        "Cvent registration report (XLSX; 4 title lines, prefix/middle/suffix, date cells, "
        "a total line)",
        _xlsx([("Registration Report", rows)]),
        [expect(p) for p in crowd],
        len(crowd),
    )


def swapcard_csv() -> Sample:
    """Swapcard's people export: UTF-8 with BOM, biographies over several lines, interests
    separated by commas."""
    crowd = people(3, 150, (_us_person, _us_person, _fr_person, _de_person))
    rng = random.Random(3)
    rows: list[list[Any]] = [
        [
            "First name",
            "Last name",
            "Email",
            "Job title",
            "Organization",
            "Country",
            "City",
            "Phone number",
            "Biography",
            "Interests",
            "Groups",
            "Created at",
            "",
            "",
        ]
    ]
    country_names = {"US": "United States", "FR": "France", "DE": "Germany", "AT": "Austria"}
    for person in crowd:
        rows.append(
            [
                person.first,
                person.last,
                person.email,
                person.function,
                person.organisation,
                country_names.get(person.country, "Switzerland"),
                person.city,
                f"+1 412 555 {rng.randint(1000, 9999)}",
                f"{person.first} leads {person.organisation}.\n\nPreviously: consultant.\n"
                if rng.random() < 0.4
                else "",
                ", ".join(person.sectors),
                "Attendees",
                "2016-10-03T14:22:10.000Z",
                "",
                "",
            ]
        )
    rows += [["", "", "", ""], [""] * 14]
    return Sample(
        "swapcard_people.csv",
        "Swapcard people export (UTF-8 with BOM, multi-line biographies, trailing empty "
        "columns and rows, country names)",
        b"\xef\xbb\xbf" + _csv(rows).encode(),
        [expect(p) for p in crowd],
        len(crowd),
    )


def swapcard_json() -> Sample:
    """An event app's API export: the records under a key beside paging data, camelCase
    keys, a nested address, lists of objects."""
    crowd = people(4, 60, (_us_person, _fr_person))
    nodes = []
    for i, person in enumerate(crowd):
        nodes.append(
            {
                "id": f"UGVvcGxlXzE{i:05d}",
                "firstName": person.first,
                "lastName": person.last,
                "email": person.email,
                "jobTitle": person.function or None,
                "organization": person.organisation,
                "address": {
                    "city": person.city,
                    "country": {"US": "US", "FR": "FR"}[person.country],
                },
                "socialNetworks": [{"type": "LINKEDIN", "profile": "https://linkedin.com/in/x"}],
                "tags": [{"id": str(k), "name": s} for k, s in enumerate(person.sectors)],
                "photoUrl": None,
            }
        )
    data = {"totalCount": len(nodes), "pageInfo": {"hasNextPage": False}, "nodes": nodes}
    return Sample(
        "swapcard_people_api.json",
        "Event app API export (JSON: records under a key beside paging data, camelCase, "
        "nested address, lists of objects)",
        json.dumps(data, ensure_ascii=False, indent=2).encode(),
        [expect(p) for p in crowd],
        len(crowd),
    )


def brella_json() -> Sample:
    """Nested objects: {"user": {...}, "company": {...}}, interests with an intent."""
    crowd = people(5, 80, (_us_person, _de_person, _es_person))
    records = []
    for i, person in enumerate(crowd):
        records.append(
            {
                "id": 9000 + i,
                "user": {
                    "first_name": person.first,
                    "last_name": person.last,
                    "email": person.email,
                },
                "company": {"name": person.organisation, "country": person.country},
                "job_title": person.function,
                "interests": [{"name": s, "intent": "looking_for"} for s in person.sectors],
                "created_at": "2016-10-01T09:00:00+02:00",
            }
        )
    return Sample(
        "brella_attendees.json",
        "Networking app export (JSON list; nested user and company objects, lists of objects)",
        json.dumps(records, ensure_ascii=False).encode(),
        [expect(p) for p in crowd],
        len(crowd),
    )


def b2match_xlsx() -> Sample:
    """A matchmaking platform's workbook: an information sheet first, the participants in
    the second, a longer sheet of meetings in the third."""
    crowd = people(6, 70, (_us_person, _fr_person, _de_person, _es_person))
    rng = random.Random(6)
    names = {"US": "USA", "FR": "France", "DE": "Germany", "AT": "Austria", "CH": "Switzerland"}
    names |= {"ES": "Spain", "MX": "Mexico", "CO": "Colombia"}
    info = [
        ["Smart Cities B2B Meetings 2016"],
        ["Exported", "2016-11-05"],
        ["Participants", len(crowd)],
        ["Meetings", 180],
    ]
    participants: list[list[Any]] = [
        [
            "#",
            "First Name",
            "Last Name",
            "Organisation",
            "Type",
            "Position",
            "Country",
            "City",
            "Email",
            "Areas of Activities",
            "Marketplace items",
        ]
    ]
    for i, person in enumerate(crowd, 1):
        participants.append(
            [
                i,
                person.first,
                person.last,
                person.organisation,
                rng.choice(
                    ("Company", "University", "R&D Institution", "Association/Agency", "Other")
                ),
                person.function,
                names[person.country],
                person.city,
                person.email,
                "; ".join(person.sectors),
                rng.randint(0, 3),
            ]
        )
    meetings: list[list[Any]] = [["Time", "Table", "Requester", "Responder", "Status"]]
    for k in range(180):
        a, b = rng.sample(crowd, 2)
        meetings.append([f"10:{k % 60:02d}", k % 30 + 1, a.full, b.full, "accepted"])
    return Sample(
        "b2match_participants.xlsx",
        "B2B matchmaking workbook (XLSX; info sheet first, participants second, a longer "
        "meetings sheet third)",
        _xlsx([("Info", info), ("Participants", participants), ("Meetings", meetings)]),
        [expect(p) for p in crowd],
        len(crowd),
    )


def _last_first(person: Person, rng: random.Random) -> str:
    first = person.first
    if person.honorific and rng.random() < 0.5:
        first = f"{person.honorific} {first}"
    text = f"{person.last}, {first}"
    if person.degree and rng.random() < 0.6:
        text += f", {person.degree}"
    return text


def published_list_xlsx() -> Sample:
    """A participant list published as a spreadsheet: a title and a date above the
    header, merged-looking empty columns, "Last, First" names, a state code, a total."""
    crowd = people(7, 143)
    rng = random.Random(7)
    rows: list[list[Any]] = [
        ["2016 City Summit — List of Participants", None, None, None, None, None, None],
        ["As of November 10, 2016"],
        [],
        ["No.", "Name", None, "Title", None, "Organization", "City", "State"],
    ]
    for i, person in enumerate(crowd, 1):
        rows.append(
            [
                i,
                _last_first(person, rng),
                None,
                person.function,
                None,
                person.organisation,
                person.city,
                person.state,
            ]
        )
    rows.append([None, None, None, None, None, None, None, None])
    rows.append(["Total participants: 143"])
    expected = [Expected(p.first, p.last, "", p.organisation, "US") for p in crowd]
    return Sample(
        "summit_participants_published.xlsx",
        "Published participant list (XLSX; title and date lines, empty merged-looking "
        "columns, 'Last, First[, PhD]' names, 2-letter states, a total line)",
        _xlsx([("Participants", rows)]),
        expected,
        len(crowd),
    )


def pdf_to_csv() -> Sample:
    """A printed list converted to CSV: the header repeated on every page, page numbers,
    names with honorifics and degrees in one column, full state names, country names."""
    crowd = people(8, 160, (_us_person, _us_person, _us_person, _fr_person))
    header = ["Name", "Position", "Affiliation", "State", "Country", "Email"]
    rows: list[list[Any]] = [["Conference of Mayors - Annual Meeting"], ["Attendee Roster"], header]
    country = {"US": "United States of America", "FR": "France"}
    for i, person in enumerate(crowd):
        if i and i % 40 == 0:
            rows.append([f"Page {i // 40} of 4"])
            rows.append(header)
        name = person.full
        if person.honorific and person.country == "US":
            name = f"{person.honorific} {name}"
        if person.degree:
            name = f"{name}, {person.degree}"
        rows.append(
            [
                name,
                person.function,
                person.organisation,
                STATE_NAMES.get(person.state, ""),
                country[person.country],
                person.email,
            ]
        )
    rows.append(["Page 4 of 4"])
    return Sample(
        "roster_from_pdf.csv",
        "Roster converted from a PDF (CSV; header repeated on each page, 'Page n of 4' "
        "lines, 'Dr. Jane A. Doe, PhD' names, full state names)",
        _csv(rows).encode(),
        [expect(p) for p in crowd],
        len(crowd),
    )


def french_excel_csv() -> Sample:
    """A French Excel "CSV (séparateur : point-virgule)": Windows-1252, a title line,
    civility, NOM in capitals, French country names, empty lines of separators."""
    crowd = people(9, 70, (_fr_person, _fr_person, _us_person, _de_person))
    pays = {"FR": "France", "US": "États-Unis", "DE": "Allemagne", "AT": "Autriche"}
    pays["CH"] = "Suisse"
    rows: list[list[Any]] = [
        ["Liste des inscrits – Rencontres franco-américaines 2016", "", "", "", "", "", "", ""],
        ["", "", "", "", "", "", "", ""],
        [
            "Civilité",
            "Nom",
            "Prénom",
            "Organisme",
            "Fonction",
            "Adresse électronique",
            "Ville",
            "Pays",
        ],
    ]
    for person in crowd:
        rows.append(
            [
                person.honorific or "M.",
                person.last.upper() if person.country == "FR" else person.last,
                person.first,
                person.organisation,
                person.function,
                person.email,
                person.city,
                pays[person.country],
            ]
        )
    rows += [[""] * 8, [""] * 8]
    expected = [
        replace(expect(p), last=p.last.upper() if p.country == "FR" else p.last) for p in crowd
    ]
    return Sample(
        "inscrits_excel_fr.csv",
        "French Excel CSV (Windows-1252, semicolons; title line, Civilité/Nom/Prénom/"
        "Organisme/Fonction/Pays, NOM in capitals, French country names)",
        _csv(rows, ";").encode("cp1252"),
        expected,
        len(crowd),
    )


def french_one_column() -> Sample:
    """ "NOM Prénom" in one column, as French organisers write it."""
    crowd = people(10, 50, (_fr_person,))
    rows: list[list[Any]] = [["Nom Prénom", "Structure", "Fonction", "Courriel", "Pays"]]
    for person in crowd:
        rows.append(
            [
                f"{person.last.upper()} {person.first}",
                person.organisation,
                person.function,
                person.email,
                "France",
            ]
        )
    expected = [replace(expect(p), last=p.last.upper()) for p in crowd]
    return Sample(
        "participants_nom_prenom.csv",
        "French list with 'NOM Prénom' in one column (UTF-8, comma)",
        _csv(rows).encode(),
        expected,
        len(crowd),
    )


def german_csv() -> Sample:
    """German headers (Anrede, Titel, Vorname, Nachname, Firma, E-Mail, Ort, Land)."""
    crowd = people(11, 60, (_de_person, _de_person, _us_person))
    land = {"DE": "Deutschland", "AT": "Österreich", "CH": "Schweiz", "US": "USA"}
    rows: list[list[Any]] = [
        [
            "Anrede",
            "Titel",
            "Vorname",
            "Nachname",
            "Firma / Organisation",
            "Position",
            "E-Mail",
            "PLZ",
            "Ort",
            "Land",
        ]
    ]
    for person in crowd:
        rows.append(
            [
                person.honorific or "Herr",
                person.degree if person.degree == "Dr." else "",
                person.first,
                person.last,
                person.organisation,
                person.function,
                person.email,
                "80331",
                person.city,
                land[person.country],
            ]
        )
    return Sample(
        "teilnehmerliste.csv",
        "German list (UTF-8 with BOM, semicolons; Anrede/Titel/Vorname/Nachname/Firma/Ort/Land)",
        b"\xef\xbb\xbf" + _csv(rows, ";").encode(),
        [expect(p) for p in crowd],
        len(crowd),
    )


def spanish_xlsx() -> Sample:
    """Spanish headers; two family names in "Apellidos"."""
    crowd = people(12, 50, (_es_person,))
    pais = {"ES": "España", "MX": "México", "CO": "Colombia"}
    rows: list[list[Any]] = [
        ["Listado de inscritos"],
        ["Nombre", "Apellidos", "Correo electrónico", "Organización", "Cargo", "Ciudad", "País"],
    ]
    for person in crowd:
        rows.append(
            [
                person.first,
                person.last,
                person.email,
                person.organisation,
                person.function,
                person.city,
                pais[person.country],
            ]
        )
    return Sample(
        "inscritos.xlsx",
        "Spanish list (XLSX; title line, Nombre/Apellidos/Correo electrónico/Organización/"
        "Cargo/País)",
        _xlsx([("Hoja1", rows)]),
        [expect(p) for p in crowd],
        len(crowd),
    )


def unicode_text() -> Sample:
    """Excel's "Unicode text": UTF-16 with a byte order mark, tab-separated."""
    crowd = people(13, 90, (_us_person, _fr_person, _de_person, _es_person))
    rows: list[list[Any]] = [
        [
            "First Name",
            "Last Name",
            "E-mail Address",
            "Organization",
            "Job Title",
            "City",
            "State",
            "Country",
        ]
    ]
    for person in crowd:
        rows.append(
            [
                person.first,
                person.last,
                person.email,
                person.organisation,
                person.function,
                person.city,
                person.state,
                person.country,
            ]
        )
    return Sample(
        "excel_unicode_text.txt",
        "Excel 'Unicode text' (UTF-16 LE with BOM, tab-separated, .txt)",
        _csv(rows, "\t").encode("utf-16"),
        [expect(p) for p in crowd],
        len(crowd),
    )


def messy_csv() -> Sample:
    """An export from a registration form: HTML entities, "Name <address>" and mailto:
    e-mails in capitals, no-break spaces, notes over several lines, an empty column, a
    totals line at the foot, trailing separators."""
    crowd = people(14, 112)
    rng = random.Random(14)
    rows: list[list[Any]] = [
        [
            "Registrant First Name",
            "Registrant Last Name",
            "Email Address",
            "Organization Name",
            "Job Title",
            "",
            "Notes",
            "Amount",
        ]
    ]
    for person in crowd:
        organisation = person.organisation.replace("&", "&amp;")
        last = person.last.replace("'", "&#39;")
        email = person.email
        roll = rng.random()
        if roll < 0.1:
            email = f"{person.full} <{email.upper()}>"
        elif roll < 0.2:
            email = f"mailto:{email}"
        elif roll < 0.3:
            email = email.capitalize()
        rows.append(
            [
                f"\u00a0{person.first}",
                f"{last} ",
                email,
                organisation,
                person.function.replace("&", "&amp;"),
                "",
                "Dietary: vegetarian\nArrives Tuesday" if rng.random() < 0.2 else "",
                f"{rng.choice((495, 625))}.00",
            ]
        )
    rows += [["", "", "", "", "", "", "", ""], ["Total", "", "", "", "", "", "", "61,250.00"]]
    return Sample(
        "registration_form_export.csv",
        "Registration form export (HTML entities, 'Name <ADDRESS>' and mailto: e-mails, "
        "no-break spaces, multi-line notes, an empty column, a totals line)",
        _csv(rows, quoting=csv.QUOTE_ALL).encode(),
        [expect(p, country=False) for p in crowd],
        len(crowd),
    )


def sign_in_sheet() -> Sample:
    """A sign-in sheet typed up: a number, "Name", an e-mail only for some, an empty
    signature column, tables booked by an organisation without a name yet, and people
    known only by their e-mail."""
    crowd = people(15, 36)
    rng = random.Random(15)
    rows: list[list[Any]] = [
        ["Workshop: Smart Cities Partnerships — Sign-in sheet"],
        ["#", "Name", "Title", "Organization/Agency", "Phone", "Email", "Signature"],
    ]
    expected = []
    for i, person in enumerate(crowd, 1):
        roll = rng.random()
        if roll < 0.1:
            rows.append([i, "", "", "", "", person.email, ""])
            expected.append(Expected("", "", person.email, "", ""))
        elif roll < 0.18:
            rows.append([i, "", "", person.organisation, "", "", ""])
            expected.append(Expected("", "", "", person.organisation, ""))
        else:
            email = person.email if rng.random() < 0.7 else ""
            rows.append([i, person.full, person.function, person.organisation, "", email, ""])
            expected.append(Expected(person.first, person.last, email, person.organisation, ""))
    return Sample(
        "sign_in_sheet.csv",
        "Sign-in sheet (numbered, 'Organization/Agency', empty signature column, rows with "
        "only an e-mail, rows with only an organisation)",
        _csv(rows).encode(),
        expected,
        len(crowd),
    )


def with_duplicates() -> Sample:
    """People registered twice: the same e-mail in other capitals, the same name and
    organisation without e-mail."""
    crowd = people(16, 85)
    rng = random.Random(16)
    rows: list[list[Any]] = [["First Name", "Last Name", "Email", "Company", "Title", "Country"]]
    expected = []
    for person in crowd:
        has_email = rng.random() < 0.85
        email = person.email if has_email else ""
        line = [person.first, person.last, email, person.organisation, person.function, "USA"]
        rows.append(line)
        expected.append(expect(person, email=has_email))
        if rng.random() < 0.2:
            again = list(line)
            if email:
                again[2] = email.upper()
            else:
                again[0], again[1] = again[0].upper(), again[1].upper()
                again[3] = again[3].lower()
            again[4] = ""
            rows.insert(rng.randint(1, len(rows)), again)
    return Sample(
        "registrations_with_duplicates.csv",
        "Registrations with repeats (same e-mail in capitals; same name and organisation "
        "without e-mail)",
        _csv(rows).encode(),
        expected,
        len(rows) - 1,
    )


def grip_csv() -> Sample:
    """An event networking platform's CSV: "Location" as "City, Country", what they look
    for and offer."""
    crowd = people(17, 70, (_us_person, _de_person, _fr_person, _es_person))
    country = {"US": "United States", "DE": "Germany", "AT": "Austria", "CH": "Switzerland"}
    country |= {"FR": "France", "ES": "Spain", "MX": "Mexico", "CO": "Colombia"}
    rows: list[list[Any]] = [
        [
            "First Name",
            "Last Name",
            "Job Title",
            "Company Name",
            "Email",
            "Location",
            "Headline",
            "Interests",
            "Looking For",
            "Offering",
            "Registration Type",
        ]
    ]
    for person in crowd:
        rows.append(
            [
                person.first,
                person.last,
                person.function,
                person.organisation,
                person.email,
                f"{person.city}, {country[person.country]}",
                f"{person.function} at {person.organisation}",
                ", ".join(person.sectors),
                "Partners; Investors",
                "Consulting",
                "Delegate",
            ]
        )
    return Sample(
        "grip_export.csv",
        "Networking platform CSV ('Location' as 'City, Country', Looking For / Offering)",
        _csv(rows).encode(),
        [expect(p, country=False) for p in crowd],
        len(crowd),
    )


def name_variants() -> Sample:
    """One "Full Name" column in every way people write names."""
    crowd = people(18, 60, (_us_person, _us_person, _fr_person, _de_person))
    rng = random.Random(18)
    rows: list[list[Any]] = [["Full Name", "Organization", "E-mail"]]
    for person in crowd:
        style = rng.randrange(5)
        if style == 0:
            name = _last_first(person, rng)
        elif style == 1:
            honorific = person.honorific if person.country == "US" else ""
            name = f"{honorific} {person.full}".strip()
            if person.degree and person.degree != "Dr.":
                name += f", {person.degree}"
        elif style == 2:
            name = f"{person.last}, {person.first}"
        elif style == 3 and person.country != "DE":
            name = f"{person.first}   {person.last}"
        else:
            name = person.full
        rows.append([name, person.organisation, person.email])
    return Sample(
        "full_name_variants.csv",
        "One 'Full Name' column: 'Last, First', 'Dr. First Last, PhD', particles (de La, "
        "van der, von), hyphens, apostrophes, double first names",
        _csv(rows).encode(),
        [expect(p, country=False) for p in crowd],
        len(crowd),
    )


def agency_roster() -> Sample:
    """A government roster: "Agency", "Position", state codes and names mixed, countries
    as USA / U.S. / United States, interests separated by semicolons."""
    crowd = people(19, 55)
    rng = random.Random(19)
    rows: list[list[Any]] = [["Agency", "Position", "Last Name", "First Name", "State", "Country"]]
    rows[0] += ["Areas of Interest", "Email"]
    for person in crowd:
        state = person.state if rng.random() < 0.5 else STATE_NAMES[person.state]
        rows.append(
            [
                person.organisation,
                person.function,
                person.last,
                person.first,
                state,
                rng.choice(("USA", "U.S.", "United States", "United States of America")),
                "; ".join(person.sectors),
                person.email,
            ]
        )
    return Sample(
        "agency_roster.csv",
        "Government roster (Agency/Position, Last Name before First Name, states as codes "
        "or names, USA / U.S. / United States)",
        _csv(rows).encode(),
        [expect(p) for p in crowd],
        len(crowd),
    )


def organisations_only() -> Sample:
    """Exhibitors and sponsors registered as organisations, with a contact e-mail for
    some but no person named."""
    crowd = people(20, 30)
    rng = random.Random(20)
    rows: list[list[Any]] = [["Exhibitor", "Booth", "Type", "Contact email", "Country"]]
    expected = []
    seen = set()
    for person in crowd:
        if person.organisation in seen:
            continue
        seen.add(person.organisation)
        email = f"info@{person.email.split('@')[1]}" if rng.random() < 0.5 else ""
        rows.append([person.organisation, f"B{rng.randint(100, 400)}", "Exhibitor", email, "US"])
        expected.append(Expected("", "", email, person.organisation, "US"))
    return Sample(
        "exhibitors.csv",
        "Exhibitors registered as organisations (no person named, a contact e-mail for some)",
        _csv(rows).encode(),
        expected,
        len(rows) - 1,
    )


def latin1_tsv() -> Sample:
    """An old system's tab-separated export in ISO-8859-1, with no header decoration."""
    crowd = people(21, 45, (_fr_person, _es_person))
    rows: list[list[Any]] = [["PRENOM", "NOM", "EMAIL", "SOCIETE", "PAYS"]]
    for person in crowd:
        rows.append([person.first, person.last, person.email, person.organisation, person.country])
    # ISO-8859-1 has no "œ": such systems wrote "oe".
    safe = _csv(rows, "\t").replace("œ", "oe").encode("latin-1")
    expected = [replace(expect(p), last=p.last.replace("œ", "oe")) for p in crowd]
    return Sample(
        "export_latin1.tsv",
        "Legacy tab-separated export (ISO-8859-1, capital headers PRENOM/NOM/SOCIETE/PAYS)",
        safe,
        expected,
        len(crowd),
    )


BUILDERS = (
    eventbrite,
    cvent,
    swapcard_csv,
    swapcard_json,
    brella_json,
    b2match_xlsx,
    published_list_xlsx,
    pdf_to_csv,
    french_excel_csv,
    french_one_column,
    german_csv,
    spanish_xlsx,
    unicode_text,
    messy_csv,
    sign_in_sheet,
    with_duplicates,
    grip_csv,
    name_variants,
    agency_roster,
    organisations_only,
    latin1_tsv,
)


def corpus() -> list[Sample]:
    return [build() for build in BUILDERS]


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "attendee_corpus")
    target.mkdir(parents=True, exist_ok=True)
    for sample in corpus():
        (target / sample.name).write_bytes(sample.data)
        print(f"{sample.name}: {sample.person_rows} rows — {sample.shape}")
