"""The meeting's own date, title and place, from the title, the header or the opening."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from .dates import MONTH, MONTHS, find_dates, safe_date
from .text import Block, plain, strip_markup

_MEETING_WORDS = re.compile(
    r"reunion|seance|meeting|assemblee|conseil|comite|bureau|compte[- ]?rendu|\bcr\b"
    r"|proces[- ]verbal|\bpv\b|minutes|held|reuni|deliberation|\bpoint\b|rencontre|copil"
    r"|atelier|session|\bag\b|groupe|commission|steering|committee|board"
)
_NOT_THE_MEETING = re.compile(
    r"prochaine?|\bnext\b|convoqu|convocation|redige|diffuse|envoye|approbation|adoption"
    r"|approuve|valide|version|imprime|edite|precedente?|previous|date limite|mis a jour"
    r"|updated|circulated|derniere|\blast\b|minutes of the meeting held"
)
_HEADER_BLOCKS = 14
_LABEL = re.compile(r"^\W*(?:date|le|on)\b", re.IGNORECASE)


_NUMBER_WORDS = {
    "un": 1, "une": 1, "premier": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100, "cents": 100,
}  # fmt: skip
_WORDS = r"[a-z]+(?:[\s-]+(?:et[\s-]+)?[a-z]+)*?"
_WORD_DATE = re.compile(
    r"l'an\s+(?P<year>" + _WORDS + r")\s*,?\s+le\s+(?P<day>" + _WORDS + r")\s+"
    r"(?:du\s+mois\s+d[e']\s*)?(?P<month>" + MONTH + r")\b"
    r"|\ble\s+(?P<day2>" + _WORDS + r")\s+(?P<month2>" + MONTH + r")\s+(?:de\s+l'an\s+)?"
    r"(?P<year2>(?:deux\s+)?mil(?:le)?(?:[\s-]+" + _WORDS + r")?)(?=[\s,.;]|$)"
)


def number_from_words(words: str) -> int | None:
    """'deux mille vingt-trois' -> 2023, 'cinq' -> 5, 'mil neuf cent quatre-vingt-dix' -> 1990."""
    total = current = 0
    previous = ""
    for word in re.split(r"[\s-]+", words.strip()):
        if word in ("et", ""):
            continue
        if word in ("mille", "mil"):
            total += (current or 1) * 1000
            current = 0
        elif word in ("cent", "cents"):
            current = (current or 1) * 100
        elif word in ("vingt", "vingts") and previous == "quatre":
            current += 80 - 4
        elif word in _NUMBER_WORDS:
            current += _NUMBER_WORDS[word]
        else:
            return None
        previous = word
    value = total + current
    return value or None


def word_date(text: str) -> dt.date | None:
    """The date of a deliberation written in words: "L'an deux mille vingt-trois, le cinq
    octobre", "le trente mars deux mille seize"."""
    for match in _WORD_DATE.finditer(plain(text)):
        year = number_from_words(match.group("year") or match.group("year2") or "")
        day = number_from_words(match.group("day") or match.group("day2") or "")
        month = MONTHS.get((match.group("month") or match.group("month2") or "").rstrip("."))
        if year and day and month and 1950 <= year <= 2100:
            found = safe_date(year, month, day)
            if found:
                return found
    return None


def _header(blocks: list[Block]) -> list[Block]:
    return blocks[:_HEADER_BLOCKS]


def meeting_date(blocks: list[Block], text: str) -> dt.date | None:
    """The date of the meeting: a full date in the title or header (preferring lines that
    name a meeting, never one that names the next or a previous one), a date in words
    ("L'an deux mille vingt-trois, le cinq octobre"), a yearless header date with the
    document's year, then the first full date of the text."""
    candidates: list[tuple[int, dt.date]] = []
    for rank, block in enumerate(_header(blocks)):
        line = strip_markup(block.text)
        key = plain(line)
        for mention in find_dates(line, None):
            if mention.precision != "day" or not mention.explicit_year:
                continue
            before = key[max(0, mention.span[0] - 60) : mention.span[0]]
            score = 40 - rank
            if _MEETING_WORDS.search(key):
                score += 6
            if _LABEL.search(line) or re.search(r"(?:date|held on|tenue? le)\W*$", before):
                score += 6
            if _NOT_THE_MEETING.search(before) or (
                _NOT_THE_MEETING.search(key) and not _MEETING_WORDS.search(before)
            ):
                continue  # the next meeting, a previous one, the notice's date
            if len(line) > 250:
                score -= 8
            candidates.append((score, mention.start))
    if candidates:
        return max(candidates, key=lambda item: item[0])[1]
    in_words = word_date(text[:4000])
    if in_words:
        return in_words
    year = _usual_year(text)
    if year:
        reference = dt.date(year, 1, 1)
        for block in _header(blocks):
            line = strip_markup(block.text)
            if not _MEETING_WORDS.search(plain(line)):
                continue
            for mention in find_dates(line, reference):
                if mention.precision == "day":
                    return mention.start
    for block in blocks:
        line = strip_markup(block.text)
        if _NOT_THE_MEETING.search(plain(line)):
            continue
        for mention in find_dates(line, None):
            if mention.precision == "day" and mention.explicit_year:
                return mention.start
    return _dateparser_date(" ".join(strip_markup(b.text) for b in _header(blocks)))


def _usual_year(text: str) -> int | None:
    years = Counter(int(y) for y in re.findall(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)", text))
    return years.most_common(1)[0][0] if years else None


def _dateparser_date(text: str) -> dt.date | None:
    """Last resort for unusual spellings ("March 30th, 2016", "30-III-2016")."""
    if not text.strip():
        return None
    from dateparser.search import search_dates  # slow to import: only when needed

    found = search_dates(
        text[:2000],
        languages=["fr", "en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY"},
    )
    for _, value in found or []:
        if 1950 <= value.year <= 2100:
            return value.date()
    return None


def title(blocks: list[Block]) -> str | None:
    """The first heading or opening block that names a meeting, else the first block."""
    first: str | None = None
    for block in blocks[:6]:
        if block.kind == "table":
            continue
        text = strip_markup(block.text).strip(" :")
        if not text or len(text) > 200:
            continue
        first = first or text
        if _MEETING_WORDS.search(plain(text)):
            return text
    return first


_PLACE_LABEL = re.compile(
    r"^\W*(?:lieu|adresse|location|venue|place|salle|ou)\s*\**\s*:\s*\**\s*(?P<place>.+)$",
    re.IGNORECASE,
)
_AFTER_DATE = re.compile(
    r"^\s*(?:[,–—-]\s*)?(?:(?:a|à|at)\s+\d{1,2}\s*(?:heures?|h|:)\s*\d{0,2}\s*(?:am|pm)?,?\s*)?"
    r"(?:[,–—-]\s*)?(?:(?:held|tenue?|réunie?)\s+)?(?:(?P<at>à|au|aux|at|in|en)\s+)?"
    r"(?P<place>(?:la |le |l'|les |the )?"
    r"[A-ZÀ-Þa-zà-ÿ][^.;()\n]{1,80})"
)
_PLACE_WORDS = re.compile(
    r"\b(?:salle|mairie|hotel|maison|centre|siege|rue|avenue|place|bd|boulevard|visio"
    r"|visioconference|teams|zoom|en ligne|online|hall|room|town hall|building|bureaux|locaux)\b"
)
_HELD = re.compile(
    r"(?:s'est\s+(?:réunie?|tenue?)|se\s+réunit|s'est\s+déroulée?|(?:was|were)\s+held)"
    r"(?:[^.]*?\b(?:à|a)\s+\d{1,2}\s*(?:heures?|h)\s*\d{0,2})?"
    r"(?:\s+en\s+session\s+\w+)?\s+(?:à|au|aux|dans|at|in)\s+(?P<place>(?:la |le |l'|les |the )?"
    r"[^,.;()\n]{2,60}?)(?=\s*(?:,|\.|;|\(|$|\s+sous\b|\s+under\b|\s+pour\b|\s+avec\b|\s+with\b"
    r"|\s+en\s+présence\b|\s+in\s+the\s+presence\b|\s+le\s+\d|\s+on\s+\d))",
    re.IGNORECASE,
)


def _clean_place(place: str) -> str | None:
    place = strip_markup(place).strip(" ,.:–—-")
    place = re.sub(r"^(?:the)\s+", "", place, flags=re.IGNORECASE)
    place = re.sub(r"\s+en\s+(?:séance|session)\b.*$", "", place)
    if not place or (find_time(place) and len(place) < 12) or re.fullmatch(r"[\d\s:h]+", place):
        return None
    return place[:120]


def place(blocks: list[Block], date: dt.date | None) -> str | None:
    """A "Lieu :" line, what follows the meeting's date in the header ("du 30 mars 2016 à
    CUF"), "Paris, le 8 février 2022", or where the opening says the meeting was held."""
    header = _header(blocks)
    for block in header:
        match = _PLACE_LABEL.match(strip_markup(block.text))
        if match and _clean_place(match.group("place")):
            return _clean_place(match.group("place"))
    for block in header:
        line = strip_markup(block.text)
        for mention in find_dates(line, None):
            if mention.start != date:
                continue
            before = line[: mention.span[0]]
            letter = re.search(
                r"(?:^|[–—-]\s*)(?P<place>[A-ZÀ-Þ][\w'-]*(?: [\w'-]+){0,2}),\s*(?:le\s*)?$", before
            )
            if letter:
                return letter.group("place").strip()
            after = _AFTER_DATE.match(line[mention.span[1] :])
            if (
                after
                and len(line) < 120
                and (after.group("at") or _PLACE_WORDS.search(plain(line)))
            ):
                found = _clean_place(after.group("place"))
                if found and not _MEETING_WORDS.search(plain(found)):
                    return found
    for block in blocks[: _HEADER_BLOCKS * 2]:
        match = _HELD.search(strip_markup(block.text))
        if match:
            return _clean_place(match.group("place"))
    return None


_TIME = re.compile(
    r"(?<![\d/.])(?P<h>[01]?\d|2[0-3])\s*(?:h|heures?)\s*(?P<min>[0-5]\d)?(?!\w)"
    r"|(?<![\d/.])(?P<h2>[01]?\d|2[0-3])[:.](?P<min2>[0-5]\d)\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)?"
    r"(?![\d/.]\d)"
    r"|(?<![\d/.])(?P<h3>1[0-2]|0?\d)\s*(?P<ampm3>am|pm|a\.m\.|p\.m\.)"
    r"|\b(?P<noon>midi|noon)\b"
)


def find_time(text: str) -> dt.time | None:
    """The first time of day: "14h30", "14 h", "18 heures", "6.30 pm", "14:00", "midi"."""
    match = _TIME.search(plain(text))
    if not match:
        return None
    if match.group("noon"):
        return dt.time(12, 0)
    hour = int(match.group("h") or match.group("h2") or match.group("h3"))
    minute = int(match.group("min") or match.group("min2") or 0)
    ampm = match.group("ampm") or match.group("ampm3") or ""
    if ampm.startswith("p") and hour < 12:
        hour += 12
    if ampm.startswith("a") and hour == 12:
        hour = 0
    return dt.time(hour, minute)
