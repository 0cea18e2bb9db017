"""People as minutes write them: civility, given and family names, function, organisation.

"M. Jean-Pierre DUPONT, maire de Caen", "DUPONT Jean-Pierre (Ville de Caen)",
"J.-P. Dupont – trésorier", "Mme Durand, représentée par M. Martin": one `Mention` each.
A family name written in capitals is returned in title case ("Dupont").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .firstnames import FIRST_NAMES
from .model import Person
from .text import fold, plain, strip_markup, unbullet, word_set

_CIVILITIES = {
    "m": "M.",
    "monsieur": "M.",
    "mme": "Mme",
    "madame": "Mme",
    "mlle": "Mlle",
    "mademoiselle": "Mlle",
    "dr": "Dr",
    "docteur": "Dr",
    "doctor": "Dr",
    "pr": "Pr",
    "professeur": "Pr",
    "prof": "Prof",
    "professor": "Prof",
    "me": "Me",
    "maitre": "Me",
    "mr": "Mr",
    "mrs": "Mrs",
    "ms": "Ms",
    "miss": "Miss",
    "cllr": "Cllr",
}
_PLURAL_CIVILITIES = {
    "mm": "M.",
    "messieurs": "M.",
    "mmes": "Mme",
    "mesdames": "Mme",
    "mlles": "Mlle",
    "mesdemoiselles": "Mlle",
}
CIVILITY = re.compile(
    r"(?P<civ>Monsieur|Madame|Mademoiselle|Messieurs|Mesdames|Mesdemoiselles|Docteur|Doctor"
    r"|Professeur|Professor|Ma[îi]tre|MM\.?|Mmes\.?|Mlles\.?|Mme\.?|Mlle\.?|Mrs\.?|Mr\.?|Ms\.?"
    r"|Miss|Dr\.?|Pr\.?|Prof\.?|Cllr\.?|Me|M\.|M(?=\s+[A-ZÀ-Þ]))(?=\s|$)"
)
# The first word of a function ("Chargée de mission", "adjoint au maire", "Head of ...").
_FUNCTION_WORDS = word_set(
    """maire adjoint adjoints adjointe adjointes president presidente vice directeur directrice
    dg dgs dga dgas charge chargee chef cheffe conseiller conseillere conseillers conseilleres
    delegue deleguee delegues secretaire tresorier tresoriere responsable membre membres
    stagiaire redacteur redactrice coordinateur coordinatrice coordonnateur coordonnatrice elu
    elue elus elues gerant gerante administrateur administratrice agent assistant assistante
    attache attachee consul consule ambassadeur ambassadrice ministre senateur senatrice depute
    deputee professeur enseignant enseignante enseignants enseignantes ingenieur ingenieure
    technicien technicienne inspecteur inspectrice medecin infirmier infirmiere animateur
    animatrice benevole volontaire expert experte juriste avocat avocate architecte commissaire
    prefet prefete intendant principal proviseur representant representante representants
    representantes invite invitee invites observateur observatrice rapporteur rapporteure
    designer developpeur developpeuse cadre etudiant etudiante doctorant doctorante chercheur
    chercheuse economiste consultant consultante directeurs officer head director chair
    chairman chairwoman chairperson mayor deputy councillor councilor treasurer secretary
    coordinator advisor adviser representative manager chief policy project programme program
    member trustee clerk lead senior junior intern volunteer student vicepresident partner
    superviseur superviseuse comptable controleur controleuse"""
)
_ORG_WORDS = word_set(
    """ville mairie commune communaute conseil region regional regionale departement
    departemental departementale metropole agglomeration prefecture ministere ambassade consulat
    association agence universite ecole college lycee chambre cci cma societe groupe entreprise
    office institut fondation syndicat federation union cabinet bureau centre hopital chu caisse
    banque mutuelle sa sas sarl inc ltd llc gmbh city council borough county agency ministry
    embassy university school company foundation trust department france cites unies direction
    service services dsi pole maison club comite collectif reseau cooperative etablissement
    musee theatre epci sivom syndicat sdis afd onas onu unesco ue europe european europeenne
    government gouvernement assemblee senat parlement tribunal police gendarmerie armee
    district province etat state territoire communautaire intercommunalite cluster incubateur
    technopole laboratoire labo"""
)
PARTICLES = word_set("de du des d' le la van von der den di da del della dos ben bin el al ter")
_LOWER_PARTICLES = word_set("de du des d van von der den di da del della dos")

_PROXY = re.compile(
    r"(?:(?:qui\s+)?(?:est|sera|etait)\s+)?(?:represente(?:e|\(e\))?s?|represented|remplace(?:e)?)"
    r"\s+par\s+"
    r"|(?:(?:a|ont|ayant|qui\s+a)\s+donne\s+|donne\s+|donnant\s+)?(?:son\s+|sa\s+)?"
    r"(?:pouvoirs?|procuration|mandat|vote|delegation)(?:\s+(?:donnee?|remise?|confiee?|transmise?))?"
    r"\s*(?:a|au|:)\s+(?=\S)"
    r"|proxy(?:\s+(?:to|given\s+to|held\s+by|with))?\s*:?\s+(?=\S)"
)
_STATUS = (
    ("excused", re.compile(r"(?:absente?s? )?excusee?s?\b|(?:sends )?apolog|excused")),
    ("absent", re.compile(r"absente?s?\b|non excusee?s?\b|not present")),
    (
        "present",
        re.compile(
            r"presente?s?$|present (?:en|a|par)|en visio|visio|a distance|en ligne"
            r"|par telephone|remote|online|(?:arrivee?|partie?|quitte)\b"
        ),
    ),
)


@dataclass(frozen=True)
class Mention:
    """A person named in a list, with what the list says of them."""

    person: Person
    status: str | None = None  # "present", "excused", "absent" when the item says so
    proxy: str | None = None


def civility(word: str) -> tuple[str, bool] | None:
    """(canonical civility, plural) for a civility word, else None."""
    key = plain(word).rstrip(".")
    if key in _CIVILITIES:
        return _CIVILITIES[key], False
    if key in _PLURAL_CIVILITIES:
        return _PLURAL_CIVILITIES[key], True
    return None


def leading_civility(text: str) -> tuple[str, bool, str] | None:
    """(civility, plural, rest) when `text` starts with a civility."""
    match = CIVILITY.match(text.strip())
    if not match:
        return None
    found = civility(match.group("civ"))
    if not found:
        return None
    return found[0], found[1], text.strip()[match.end() :].strip()


def is_first_name(word: str) -> bool:
    parts = [part for part in re.split(r"[-\s]+", fold(word)) if part]
    return bool(parts) and all(part in FIRST_NAMES for part in parts)


def _is_caps(token: str) -> bool:
    letters = [char for char in token if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters) and not _is_initials(token)


def _is_initials(token: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-ZÀ-Þ][a-zà-ÿ]?\.-?)+", token))


def _is_name_token(token: str) -> bool:
    bare = token.strip(",;:")
    if not bare or any(char.isdigit() for char in bare):
        return False
    return bare[0].isupper() or _is_initials(bare) or bare[:2] in ("d'", "O'")


def title_case(name: str) -> str:
    """'AMIRAULT DEISS' -> 'Amirault Deiss', 'DE LA FONTAINE' -> 'de La Fontaine'."""
    if not _is_caps(name):
        return name
    words = []
    for index, word in enumerate(re.split(r"(\s+|-|')", name.lower())):
        if word in _LOWER_PARTICLES and (index > 0 or len(name.split()) > 1):
            words.append(word)
        else:
            words.append(word[:1].upper() + word[1:])
    return "".join(words)


def looks_function(text: str) -> bool:
    """Whether a part reads as a function ("Chargée de mission", "UX designer", "maire")."""
    bare = strip_markup(text).strip()
    if not bare:
        return False
    words = fold(bare).split()
    if not words:
        return False
    if words[0] in _FUNCTION_WORDS or (bare[0].islower() and words[0] not in PARTICLES):
        return True
    return len(words) > 1 and words[0] not in _ORG_WORDS and words[1] in _FUNCTION_WORDS


def looks_organisation(text: str) -> bool:
    bare = strip_markup(text).strip()
    words = set(fold(bare).split())
    if words & _ORG_WORDS:
        return True
    return bool(re.fullmatch(r"[A-Z0-9&'’\- ]{2,}", bare))


def _name_tokens(text: str) -> tuple[list[str], str]:
    """The leading tokens that make a name, and what follows them."""
    tokens = text.split()
    taken: list[str] = []
    for index, token in enumerate(tokens):
        bare = token.strip(",;:")
        word = fold(bare)
        if (
            plain(bare) in PARTICLES
            and index + 1 < len(tokens)
            and _is_name_token(tokens[index + 1])
        ):
            taken.append(bare)
            continue
        if not _is_name_token(bare) or (word in _FUNCTION_WORDS and taken) or word in _ORG_WORDS:
            return _without_particles(taken), " ".join(tokens[index:])
        taken.append(bare)
        if token.endswith((",", ";", ":")):
            return _without_particles(taken), " ".join(tokens[index + 1 :])
    return _without_particles(taken), ""


def _without_particles(tokens: list[str]) -> list[str]:
    while tokens and plain(tokens[-1]) in PARTICLES:
        tokens = tokens[:-1]
    return tokens if any(plain(token) not in PARTICLES for token in tokens) else []


def split_name(tokens: list[str], *, with_civility: bool) -> tuple[str | None, str | None]:
    """(first name, last name) from the tokens of a name."""
    if not tokens:
        return None, None
    caps = [_is_caps(token) for token in tokens]
    if len(tokens) == 1:
        token = tokens[0]
        if with_civility or (caps[0] and not is_first_name(token)):
            return None, title_case(token)
        return token.title() if caps[0] else token, None
    if any(caps) and not all(caps):
        first = " ".join(
            t for t, c in zip(tokens, caps, strict=True) if not c and plain(t) not in PARTICLES
        )
        last = " ".join(t for t, c in zip(tokens, caps, strict=True) if c or plain(t) in PARTICLES)
        return first or None, title_case(last)
    if all(caps):
        if is_first_name(tokens[-1]) and not is_first_name(tokens[0]):
            return tokens[-1].title(), title_case(" ".join(tokens[:-1]))
        return tokens[0].title(), title_case(" ".join(tokens[1:]))
    # Mixed case: initials and known given names come first; particles open the family name.
    for index in range(1, len(tokens)):
        if plain(tokens[index]) in PARTICLES:
            return " ".join(tokens[:index]), " ".join(tokens[index:])
    if (
        len(tokens) == 2
        and not is_first_name(tokens[0])
        and is_first_name(tokens[1])
        and not _is_initials(tokens[0])
    ):
        return tokens[1], tokens[0]
    return " ".join(tokens[:-1]), tokens[-1]


def _take_proxy(text: str) -> tuple[str, str | None]:
    """The text without its "représenté par X" phrase, and X."""
    match = _PROXY.search(plain(text))
    if not match:
        return text, None
    rest = text[match.end() :]
    end = re.search(r"[),;]|\s[–—-]\s", rest)
    proxy = strip_markup(rest[: end.start()] if end else rest).strip(" .")
    remainder = rest[end.start() :] if end else ""
    head = text[: match.start()].rstrip(" ,(–—-")
    return f"{head}{remainder.lstrip(')')}", proxy or None


def _status(text: str) -> str | None:
    """ "excused", "absent" or "present" when a short note says so ("excusée", "en visio")."""
    key = fold(text)
    if len(key.split()) > 5:
        return None
    for status, pattern in _STATUS:
        if pattern.match(key):
            return status
    return None


def parse_person(chunk: str, *, lenient: bool = True) -> Mention | None:
    """One person from a list item; None when the item does not name a person."""
    text = strip_markup(unbullet(chunk)).strip(" .;,:")
    if not text or len(text) > 300:
        return None
    text, proxy = _take_proxy(text)
    notes: list[str] = []
    status = None

    def keep_note(match: re.Match[str]) -> str:
        inner = match.group(1).strip()
        inner_text, inner_proxy = _take_proxy(inner)
        nonlocal proxy, status
        if inner_proxy:
            proxy = proxy or inner_proxy
        if _status(inner_text):
            status = status or _status(inner_text)
        elif re.fullmatch(r"[A-Z]{2,3}", inner_text.strip()) and inner_text.strip()[0] == (
            next((t[0] for t in text_before.split() if t[:1].isupper() and not civility(t)), "")
        ):
            pass  # the person's initials: "John Smith (JS)"
        elif inner_text.strip(" ,"):
            notes.append(inner_text.strip(" ,"))
        return " "

    text_before = text.split("(")[0]
    text = re.sub(r"\(([^()]*)\)", keep_note, text).strip(" ,;")
    parts = [part.strip() for part in re.split(r"\s+[–—-]\s+|\s*[,;|]\s*", text) if part.strip()]
    if not parts:
        return None
    civ_found = leading_civility(parts[0])
    civ = civ_found[0] if civ_found else None
    name_text = civ_found[2] if civ_found else parts[0]
    tokens, tail = _name_tokens(name_text)
    if not tokens or len(tokens) > 6:
        return None
    if not civ and not lenient and not _confident(tokens):
        return None
    first, last = split_name(tokens, with_civility=bool(civ))
    extras = ([tail] if tail else []) + parts[1:]
    function = organisation = None
    for extra in [*extras, *(part.strip() for note in notes for part in note.split(","))]:
        if not extra:
            continue
        if _status(extra):
            status = status or _status(extra)
            continue
        if looks_function(extra) and function is None:
            function = extra
        elif organisation is None and not looks_function(extra):
            organisation = extra
        elif function is None:
            function = extra
        else:
            organisation = f"{organisation}, {extra}" if organisation else extra
    person = Person(civ, first, last, function, organisation)
    return Mention(person, status, proxy)


def _confident(tokens: list[str]) -> bool:
    """Whether bare tokens (no civility) surely name a person."""
    if any(_is_caps(token) for token in tokens) and not all(_is_caps(t) for t in tokens):
        return True
    if _is_initials(tokens[0]):
        return len(tokens) > 1
    if all(_is_caps(token) for token in tokens):
        return any(is_first_name(token) for token in tokens) and len(tokens) > 1
    return is_first_name(tokens[0])


def _segments(text: str) -> list[tuple[str, str]]:
    """(separator before, segment) at the top level of parentheses."""
    result: list[tuple[str, str]] = []
    depth = 0
    start = 0
    separator = ""
    index = 0
    while index < len(text):
        char = text[index]
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            word = re.match(r"\s+(et|and|&|ainsi que)\s+", text[index:])
            if char in ",;\n" or word:
                result.append((separator, text[start:index]))
                separator = word.group(1) if word else char
                index += word.end() if word else 1
                start = index
                continue
        index += 1
    result.append((separator, text[start:]))
    return [(sep, seg.strip()) for sep, seg in result if seg.strip(" .")]


def starts_person(segment: str, *, plural: bool = False) -> bool:
    """Whether a list segment opens a new person (rather than adding to the previous one)."""
    text = strip_markup(segment).strip()
    found = leading_civility(text)
    if found:
        return bool(_name_tokens(found[2])[0]) or found[1]
    if looks_function(text) or _PROXY.match(plain(text)) or _status(text):
        return False
    tokens, _ = _name_tokens(text)
    if not tokens:
        return False
    if plural and len(tokens) <= 3:
        return True
    return _confident(tokens)


def opens_list_line(text: str) -> bool:
    """Whether a line of an attendance list names a person: `starts_person`, or two to four
    capitalised words with nothing after them but attributes ("Aïssatou Sow, trésorière")."""
    if starts_person(text):
        return True
    tokens, tail = _name_tokens(strip_markup(text))
    return (
        2 <= len(tokens) <= 4
        and _attribute_tail(tail)
        and not looks_organisation(" ".join(tokens))
        and not looks_function(" ".join(tokens))
    )


def _attribute_tail(tail: str) -> bool:
    """Whether what follows a name reads as its attributes (" – trésorier", "(Caen)",
    "maire adjoint"), not as the rest of a sentence ("APPROUVE l'avant-projet de …")."""
    if not tail or re.match(r"\s*[–—\-(:|/]", tail):
        return True
    words = fold(tail).split()
    return bool(words) and words[0] in _FUNCTION_WORDS and len(words) <= 8


def split_people(text: str, *, lenient: bool = True) -> list[Mention]:
    """The people of an inline list: "M. X, maire, Mme Y et MM. Z, W, conseillers"."""
    if not re.search(r"[,;(]", text):
        # "Jean Dupont - Marie Durand / Paul Martin": dashes or slashes between people.
        pieces = re.split(r"\s+[-–—/]\s+|(?<=\w)/(?=[A-ZÀ-Þ][a-zà-ÿ])", text)
        if len(pieces) > 1 and all(starts_person(piece) for piece in pieces):
            text = ", ".join(pieces)
    groups: list[tuple[str | None, str]] = []
    plural: str | None = None
    for separator, segment in _segments(text):
        found = leading_civility(segment)
        if found and found[1]:
            plural = found[0]
            segment = found[2]
            if not segment:
                continue
            groups.append((plural, segment))
            continue
        if found:
            plural = None
        if starts_person(segment, plural=plural is not None):
            groups.append((plural if not found else None, segment))
            continue
        bare_tokens, tail = _name_tokens(strip_markup(segment))
        if groups and separator in ("et", "and", "&", "ainsi que"):
            civ, previous = groups[-1]
            groups[-1] = (civ, f"{previous} et {segment}")
        elif groups and not (
            lenient
            and 2 <= len(bare_tokens) <= 3
            and (not tail or tail.startswith("("))
            and not looks_organisation(" ".join(bare_tokens))
            and not looks_function(segment)
        ):
            civ, previous = groups[-1]
            groups[-1] = (civ, f"{previous}, {segment}")
            if looks_function(segment):
                plural = None
        elif lenient and bare_tokens and _attribute_tail(tail):
            groups.append((plural, segment))
    mentions = []
    for civ, chunk in groups:
        mention = parse_person(f"{civ} {chunk}" if civ else chunk, lenient=lenient)
        if mention:
            mentions.append(mention)
    return mentions


def same_person(a: Person, b: Person) -> bool:
    """Whether two mentions name the same person (initials match given names)."""
    if a.last_name and b.last_name:
        if fold(a.last_name) != fold(b.last_name):
            return False
        if a.first_name and b.first_name:
            fa, fb = fold(a.first_name), fold(b.first_name)
            return fa == fb or _initials_match(a.first_name, b.first_name)
        return True
    if a.last_name or b.last_name:
        lone, full = (a, b) if not a.last_name else (b, a)
        return bool(
            lone.first_name and full.first_name and fold(lone.first_name) == fold(full.first_name)
        )
    return bool(a.first_name and b.first_name and fold(a.first_name) == fold(b.first_name))


def _initials_match(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    if "." not in short:
        return False
    letters = [part[0].lower() for part in re.split(r"[.\-\s]+", short) if part]
    words = [part[0].lower() for part in re.split(r"[-\s]+", long) if part]
    return letters == words[: len(letters)]
