"""Attendance labels: "Présents :", "Étaient présents", "Absents excusés :", "présents ou
représentés", "Apologies received from", "Secrétaire de séance :", and where they start."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import leading_civility
from .text import plain

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
        r"(?:(?:les\s+)?(?:membres|personnes|elus|administrateurs|participants|conseillers"
        r"|trustees|members|directors|governors|councillors|board\s+members)\s+)?"
        r"(?:(?:etaient|sont|etait|est)\s+(?:egalement\s+)?present~|present~|participants?"
        r"|liste\s+des\s+(?:participants|presents|presences|membres(?:\s+presents)?"
        r"|personnes\s+presentes)|feuille\s+de\s+presence|(?:ont\s+)?particip(?:aient|ait|ent)"
        r"|assistai(?:en)?t(?:\s+egalement)?|(?:assistent|assiste)(?:\s+egalement)?"
        r"|en\s+presence\s+de|invit~"
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


# "Membres du bureau présents :", "Excusés et représentés :", "Liste d'émargement :": a
# few words, then a status word (or an attendance sheet), then a colon.
_STATUS_WORD = r"(?:present|excus|absent|represent)" + _E
_GENERIC = re.compile(
    r"(?P<words>(?:[a-z'-]+\s+){0,4}?)(?P<status>"
    + _STATUS_WORD
    + r"(?:\s+(?:et|ou|and|or)\s+"
    + _STATUS_WORD
    + r")?|(?:liste|feuille)\s+d'emargement|emargement)"
    r"(?:\s*\(\s*\d+\s*\))?\s*(?P<end>:|$)\s*"
)


def _generic(text: str, key: str) -> Label | None:
    match = _GENERIC.match(key)
    if not match or (match.group("end") != ":" and match.group("words")):
        return None
    status = match.group("status")
    if "excus" in status:
        kind = "excused"
    elif "represent" in status:
        kind = "present_or_represented" if "present" in status.split()[0] else "represented"
    elif status.startswith("absent"):
        kind = "absent"
    else:
        kind = "present"
    return Label(kind, 0, match.end(), True)


def find_label(text: str, *, loose: bool = True) -> Label | None:
    """An attendance label at the start of `text` (after bullets and emphasis); `loose`
    also reads labels of a few words ending with a status word and a colon."""
    key = plain(text)
    match = _LABEL.match(key)
    if not match or (not match.group("colon") and _GENERIC.match(key)):
        return _generic(text, key) if loose else None
    kind = next(k for k, _ in _LABELS if match.group(k))
    rest = text[match.end() :].strip()
    colon = bool(match.group("colon"))
    if not colon and rest:
        said = key[match.start(kind) : match.end()].strip()
        if not (_SENTENCE_LABEL.match(said) or leading_civility(rest)) or kind == "role":
            return _generic(text, key) if loose else None
    return Label(kind, match.start(), match.end(), colon)


def labels_in(text: str) -> list[Label]:
    """Every label of a line: at its start, or after a sentence with a colon."""
    found = []
    first = find_label(text)
    if first:
        found.append(first)
    for boundary in re.finditer(r"(?<=[.;])\s+(?=[A-ZÀ-Þ])", text):
        label = find_label(text[boundary.end() :], loose=False)
        if label and label.colon:
            offset = boundary.end()
            found.append(Label(label.kind, label.start + offset, label.end + offset, True))
    return found
