"""Reading the cells of attendee lists as event platforms and organisers write them: HTML
entities and tags, names in one column or two ("Smith, John", "DUPONT Jean", "Dr. Jane Doe,
PhD"), several e-mails in a cell, "Pittsburgh, PA", a kind of organisation guessed from
its name."""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from cityties.imports.fields import fold
from cityties.imports.reading import cell_text

from ..models import ProfileKind

_TAG = re.compile(r"<[^>]{0,200}>")
_BRACKETED_ADDRESS = re.compile(r"<\s*((?:mailto:)?[^\s<>@\"']+@[^\s<>@\"']+)\s*>")
_SPACES = re.compile(r"[\s\u00a0\u200b\u2007\u202f\ufeff]+")
PLACEHOLDERS = frozenset(
    {"", "-", "--", "n a", "na", "none", "null", "nil", "tbd", "tba", "unknown", "?"}
)


def clean(value: Any) -> str:
    """A cell as text: HTML entities decoded (twice-encoded ones too), tags removed,
    spaces collapsed; placeholders ("N/A", "-", "null") read as empty."""
    text = cell_text(value)
    for _round in range(2):
        if "&" not in text:
            break
        text = html.unescape(text)
    if "<" in text:
        # "Jane Doe <jane@x.org>" keeps its address; tags go.
        text = _TAG.sub(" ", _BRACKETED_ADDRESS.sub(r" \1 ", text))
    text = _SPACES.sub(" ", text).strip()
    return "" if fold(text) in PLACEHOLDERS else text


# --- Names ------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


HONORIFICS = _words(
    "mr mrs ms miss mx dr prof professor hon honorable honourable the sir dame rev "
    "m mme mlle pr me sen rep gov mayor councilmember councilman councilwoman "
    "commissioner judge chief capt col gen lt sgt madame monsieur"
)
SUFFIXES = _words(
    "jr sr ii iii iv phd md mba esq cpa aicp pe jd mpa ma ms msc bsc ba pmp rn dds edd ret"
)
PARTICLES = _words(
    "van von de da del della di du la le st ter ten bin al el dos das der den mac d y"
)


def _is(token: str, words: frozenset[str]) -> bool:
    # "Ph.D.", "P.E.", "Jr." as "phd", "pe", "jr".
    return fold(token).replace(" ", "") in words


def _all_suffixes(text: str) -> bool:
    """ "PhD", "Ph.D., AICP", "Jr. MPA": degrees and generations only."""
    words = text.replace(",", " ").split()
    return bool(words) and all(_is(w, SUFFIXES) for w in words)


def split_name(text: str) -> tuple[str, str]:
    """(first name, last name) of a name written in one cell."""
    text = clean(text)
    if not text:
        return "", ""
    if "," in text:
        head, _sep, tail = text.partition(",")
        tail_parts = [p.strip() for p in tail.split(",") if p.strip()]
        if all(_all_suffixes(p) for p in tail_parts):
            text = head.strip()  # "Jane Doe, PhD"
        else:
            # "Smith, John" (last name first), degrees after a further comma dropped.
            first = tail_parts[0] if tail_parts else ""
            first_tokens = [t for t in first.split() if not _is(t.rstrip("."), HONORIFICS)]
            first, family = " ".join(first_tokens), head.strip()
            if f"{first}{family}".isupper():  # "SMITH, JOHN"
                first, family = first.title(), family.title()
            return first, family
    tokens = [t for t in text.split() if t]
    tokens = _without_honorifics(tokens)
    while len(tokens) > 2 and _is(tokens[-1].rstrip("."), SUFFIXES):
        tokens.pop()
    if len(tokens) == 1:
        return "", tokens[0]
    # "DUPONT Jean" (the French convention: the family name in capitals, first).
    caps = 0
    while caps < len(tokens) and tokens[caps].isupper() and len(tokens[caps]) > 1:
        caps += 1
    if 0 < caps < len(tokens) and not any(t.isupper() for t in tokens[caps:]):
        return " ".join(tokens[caps:]), " ".join(tokens[:caps])
    last = len(tokens) - 1
    while last > 1 and _is(tokens[last - 1], PARTICLES):
        last -= 1
    first, family = " ".join(tokens[:last]), " ".join(tokens[last:])
    if text.isupper():
        first, family = first.title(), family.title()
    return first, family


_AND = frozenset({"&", "and", "et", "und", "y", "/"})


def _without_honorifics(tokens: list[str]) -> list[str]:
    """ "Dr. Jane Doe" -> Jane Doe; "Mr. & Mrs. John Smith" -> John Smith."""
    tokens = list(tokens)
    while len(tokens) > 1 and (
        _is(tokens[0].rstrip("."), HONORIFICS)
        or (tokens[0].lower() in _AND and _is(tokens[1].rstrip("."), HONORIFICS))
    ):
        tokens.pop(0)
    return tokens


def strip_honorific(text: str) -> str:
    return " ".join(_without_honorifics(clean(text).split()))


# What a "Title" column holds when it is a civility rather than a job ("Mayor" is a job).
CIVILITIES = _words("mr mrs ms miss mx dr prof hon honorable the m mme mlle pr me sir dame rev")


def is_honorific(text: str) -> bool:
    """A "Title" column that holds "Mr", "Dr." or "Hon." rather than a job title."""
    words = clean(text).replace(".", " ").split()
    return bool(words) and all(_is(w, CIVILITIES) for w in words) and len(words) <= 2


# --- E-mail -----------------------------------------------------------------------------

_EMAIL_SPLIT = re.compile(r"[;,\s/|]+")
_OBFUSCATED_AT = re.compile(r"\s*[\[(]\s*(?:at|arobase)\s*[\])]\s*", re.IGNORECASE)
_OBFUSCATED_DOT = re.compile(r"\s*[\[(]\s*(?:dot|point)\s*[\])]\s*", re.IGNORECASE)


def _valid(candidate: str) -> str:
    candidate = candidate.strip(" .'\"()[]").lower()
    if "@" not in candidate:
        return ""
    try:
        validate_email(candidate)
    except ValidationError:
        return ""
    return candidate


def _repaired(text: str) -> str:
    """The one address of a cell typed with the usual slips: spaces around the "@" or in
    the address, "@@", a comma for a dot after the "@", "jane [at] x [dot] org"."""
    text = _OBFUSCATED_DOT.sub(".", _OBFUSCATED_AT.sub("@", text))
    if text.count("@") != 1 and "@@" not in text:
        return ""
    text = re.sub(r"@+", "@", text)
    local, _at, domain = text.partition("@")
    local = local.split()[-1] if local.split() else ""
    domain = re.sub(r"\s*[,;]\s*", ".", domain.strip()).replace(" ", "")
    domain = re.sub(r"\.{2,}", ".", domain)
    return _valid(f"{local}@{domain}")


def pick_email(text: str) -> tuple[str, bool]:
    """(the first valid address of the cell, lowercased; whether the cell held something
    meant as an address, with an "@", that is not a valid one)."""
    text = unicodedata.normalize("NFKC", clean(text))  # "＠" is "@"
    if "@" not in text and not _OBFUSCATED_AT.search(text):
        return "", False
    text = re.sub(r"(?i)mailto:", " ", text).replace("<", " ").replace(">", " ")
    for candidate in _EMAIL_SPLIT.split(text):
        found = _valid(candidate)
        if found:
            return found, False
    found = _repaired(text)
    return (found, False) if found else ("", True)


# --- Places -----------------------------------------------------------------------------

US_STATES = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "PR": "Puerto Rico",
    "GU": "Guam",
    "VI": "U.S. Virgin Islands",
}
_STATE_NAMES = {fold(name): name for name in US_STATES.values()}


def us_state(text: str) -> str | None:
    """The full name of a US state from its code or name ("PA", "Penn." aside)."""
    key = clean(text).replace(".", "").strip()
    if key.upper() in US_STATES:
        return US_STATES[key.upper()]
    return _STATE_NAMES.get(fold(key))


def split_city(text: str) -> tuple[str, str]:
    """ "Pittsburgh, PA" -> ("Pittsburgh", "Pennsylvania"); otherwise (text, "")."""
    text = clean(text)
    head, sep, tail = text.rpartition(",")
    if sep:
        state = us_state(tail.strip().split(" ")[0] if tail.strip() else "")
        if state:
            return head.strip(), state
    return text, ""


# --- Kinds ------------------------------------------------------------------------------

KIND_ALIASES = {
    "city": ProfileKind.CITY,
    "cities": ProfileKind.CITY,
    "municipality": ProfileKind.CITY,
    "municipal": ProfileKind.CITY,
    "municipal government": ProfileKind.CITY,
    "local government": ProfileKind.CITY,
    "town": ProfileKind.CITY,
    "township": ProfileKind.CITY,
    "village": ProfileKind.CITY,
    "borough": ProfileKind.CITY,
    "ville": ProfileKind.CITY,
    "commune": ProfileKind.CITY,
    "collectivite": ProfileKind.CITY,
    "city official": ProfileKind.CITY,
    "elected official": ProfileKind.CITY,
    "county": ProfileKind.COUNTY,
    "county government": ProfileKind.COUNTY,
    "comte": ProfileKind.COUNTY,
    "departement": ProfileKind.COUNTY,
    "state": ProfileKind.STATE,
    "state government": ProfileKind.STATE,
    "state agency": ProfileKind.STATE,
    "province": ProfileKind.STATE,
    "region": ProfileKind.STATE,
    "etat": ProfileKind.STATE,
    "federal": ProfileKind.STATE,
    "federal government": ProfileKind.STATE,
    "government": ProfileKind.STATE,
    "chamber": ProfileKind.CHAMBER,
    "chamber of commerce": ProfileKind.CHAMBER,
    "cci": ProfileKind.CHAMBER,
    "chambre de commerce": ProfileKind.CHAMBER,
    "economic development": ProfileKind.CHAMBER,
    "company": ProfileKind.COMPANY,
    "business": ProfileKind.COMPANY,
    "corporate": ProfileKind.COMPANY,
    "corporation": ProfileKind.COMPANY,
    "private sector": ProfileKind.COMPANY,
    "private": ProfileKind.COMPANY,
    "sponsor": ProfileKind.COMPANY,
    "exhibitor": ProfileKind.COMPANY,
    "vendor": ProfileKind.COMPANY,
    "startup": ProfileKind.COMPANY,
    "entreprise": ProfileKind.COMPANY,
    "societe": ProfileKind.COMPANY,
    "industry": ProfileKind.COMPANY,
    "university": ProfileKind.UNIVERSITY,
    "academia": ProfileKind.UNIVERSITY,
    "academic": ProfileKind.UNIVERSITY,
    "college": ProfileKind.UNIVERSITY,
    "education": ProfileKind.UNIVERSITY,
    "research": ProfileKind.UNIVERSITY,
    "universite": ProfileKind.UNIVERSITY,
    "association": ProfileKind.ASSOCIATION,
    "nonprofit": ProfileKind.ASSOCIATION,
    "non profit": ProfileKind.ASSOCIATION,
    "not for profit": ProfileKind.ASSOCIATION,
    "ngo": ProfileKind.ASSOCIATION,
    "foundation": ProfileKind.ASSOCIATION,
    "league": ProfileKind.ASSOCIATION,
    "reseau": ProfileKind.ASSOCIATION,
    "other": ProfileKind.OTHER,
    "autre": ProfileKind.OTHER,
}

# Words in an organisation's name that tell its kind, tried in this order.
_NAME_HINTS: tuple[tuple[str, str], ...] = (
    (r"\bchambers? of commerce\b|\bchamber\b|\bchambre de commerce\b|\bcci\b", ProfileKind.CHAMBER),
    (
        r"\buniversit|\bcollege\b|\binstitute of technology\b|\bschool of\b|\becole\b",
        ProfileKind.UNIVERSITY,
    ),
    (
        r"\bcounty\b|\bparish\b|\bcomte\b|\bdepartement\b|\bconseil departemental\b",
        ProfileKind.COUNTY,
    ),
    (
        r"^state of\b|\bstate department\b|\bdepartment of\b|\bcommonwealth of\b|\bgovernor\b"
        r"|\bregion\b|\bconseil regional\b",
        ProfileKind.STATE,
    ),
    (
        r"\bcity of\b|\btown of\b|\bvillage of\b|\bborough of\b|\btownship\b|\bcity council\b"
        r"|\bville de\b|\bmairie\b|\bmetropole\b|\bcity$",
        ProfileKind.CITY,
    ),
    (
        r"\bassociation\b|\bleague\b|\bfoundation\b|\bcouncil of\b|\bconference of\b"
        r"|\bnetwork\b|\bfederation\b|\bsociety\b|\balliance\b",
        ProfileKind.ASSOCIATION,
    ),
    (
        r"\binc\b|\bllc\b|\bltd\b|\bcorp\b|\bcorporation\b|\bcompany\b|\bgroup\b|\bsas\b"
        r"|\bsarl\b|\bgmbh\b|\bco\b|\btechnologies\b|\bsolutions\b|\bpartners\b|\bconsulting\b",
        ProfileKind.COMPANY,
    ),
)
_FUNCTION_HINTS: tuple[tuple[str, str], ...] = (
    (r"\bmayor\b|\bcouncil ?(member|man|woman)\b|\bcity manager\b|\balderman\b", ProfileKind.CITY),
    (r"\bcounty (executive|commissioner|judge|administrator)\b", ProfileKind.COUNTY),
    (r"\bprofessor\b|\bdean\b|\bresearcher\b|\bprovost\b", ProfileKind.UNIVERSITY),
    (r"\bceo\b|\bfounder\b|\bsales\b|\baccount manager\b", ProfileKind.COMPANY),
)


def kind_of(text: str) -> str | None:
    key = fold(text)
    if key in KIND_ALIASES:
        return KIND_ALIASES[key]
    if key in ProfileKind.values:
        return key
    return None


def guess_kind(organisation: str, function: str) -> str:
    name = fold(organisation)
    for pattern, kind in _NAME_HINTS:
        if name and re.search(pattern, name):
            return kind
    role = fold(function)
    for pattern, kind in _FUNCTION_HINTS:
        if role and re.search(pattern, role):
            return kind
    return ProfileKind.OTHER


# --- Lines that hold no person ----------------------------------------------------------

_FOOTER = re.compile(
    r"^(?:(?:grand |sub )?totals?\b|sum\b|count\b|nombre total\b|anzahl\b|gesamt\b"
    r"|summe\b|page \d+(?: (?:of|sur|de|von) \d+)?$|seite \d+|\d+ (?:participants?|attendees?"
    r"|registrants?|records?|rows?|people|persons?|inscrits?|entries|results?)$"
    r"|(?:report )?(?:generated|printed|exported|created|run)(?: on| by| at)?\b"
    r"|end of (?:report|list)\b|source\b|confidential\b|fin de (?:la )?liste\b"
    r"|edite le\b|imprime le\b)"
)
_AMOUNT = re.compile(r"^[\d\s.,:%$€£()+-]*$")


def footer_line(texts: list[str]) -> bool:
    """A line of totals, a page number or a print stamp ("Total: 143", "Page 2 of 4",
    "Report generated on 11/02/2016"): its only words are those, beside numbers."""
    filled = [t for t in texts if t]
    if not filled or len(filled) > 3 or any("@" in t for t in filled):
        return False
    words = [t for t in filled if not _AMOUNT.match(t)]
    return len(words) == 1 and bool(_FOOTER.match(fold(words[0])))
