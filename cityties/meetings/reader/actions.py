"""Decisions, action items with their owner and due date, and the next meeting.

Actions: "Action : …", "TODO name : …", "[ ] … -> Owner", "… → Owner", "Prénom : tâche",
action tables (Action | Responsable | Échéance), "X s'occupe de …", "X se charge de …",
"X contactera …", "X doit …", "il est proposé d'écrire à …", "il faudra …"; "X prend le
leadership de cette démarche" gives X the owner-less items proposed since the last owned
one. Decisions: "Décision : …", "Il est décidé …", "Le groupe décide …", "adopté à
l'unanimité", "APPROUVE …", "It was agreed …".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import tables
from .dates import find_dates
from .header import find_time
from .model import Action, Decision
from .names import is_first_name, leading_civility, parse_person
from .text import Block, checkbox, fold, plain, sentences, strip_markup, unbullet, word_set

_ACTION_LABEL = re.compile(
    r"^\W*(?:actions?(?:\s+items?)?|a\s+faire|todo|to\s*do|ai|suite\s+a\s+donner|tache)\b"
    r"\s*(?:\([^)]*\))?\s*[:–—-]?\s*",
)
_DECISION_LABEL = re.compile(
    r"^\W*(?:(?:decisions?|resolutions?)(?:\s+prises?)?(?:\s+n[°o]?\s*[\w-]+)?|resolved"
    r"|resolution\s+\w+|deliberation|agreed|decided)\s*[:–—-]\s*",
)
_ACTION_SECTION = re.compile(
    r"^\W*(?:(?:releve|liste|plan|suivi|tableau)\s+des?\s+actions|actions?(?:\s+a\s+(?:mener|"
    r"suivre|entreprendre))?|a\s+faire|taches|suites?\s+a\s+donner|prochaines\s+etapes|next\s+"
    r"steps|action\s+(?:items|points|list)|to\s*do|todo)\s*:?\s*$"
)
_DECISION_SECTION = re.compile(
    r"^\W*(?:(?:releve|liste)\s+de(?:s)?\s+decisions|decisions(?:\s+prises)?|resolutions"
    r"|decisions?\s+and\s+actions)\s*:?\s*$"
)
_ARROW = re.compile(r"\s*(?:->|→|=>|⇒|➔|➜)\s*(?P<owner>[^→>\n]{1,60}?)\s*[.;]?\s*$")
_THEN = r"(?:(?:alors|donc|egalement|aussi|enfin|ensuite|finalement|unanimement|d'abord)\s+)?"
_DECISION = re.compile(
    r"\bil\s+(?:est|a\s+ete)\s+"
    + _THEN
    + r"(?:decide|convenu|acte|retenu|valide|propose)|\bdecide(?:nt)?\s+(?:de|d'"
    r"|que|a\s+l'unanimite)|\b(?:adopte|approuve|valide|vote)e?s?\s+(?:a\s+l'unanimite|par\s+\d"
    r"|a\s+la\s+majorite)|\ba\s+l'unanimite\b|\b(?:est|sont)\s+(?:adopte|approuve|valide|entérine"
    r"|retenu)e?s?\b|\bil\s+est\s+propose\b|\bs'accorde(?:nt)?\s+(?:sur|pour)|\b(?:sont|est)"
    r"\s+d'accord\b|\brejoin(?:t|nent)\s+(?:l'idee|cette\s+idee)|\bprendre\s+le\s+leadership"
    r"|^(?:approuve|autorise|decide|dit|valide|adopte|vote|arrete|charge)\s|\bit\s+was\s+"
    r"(?:agreed|decided|resolved)|\b(?:agreed|resolved)\s+(?:to|that|on)\b|\bapproved\b"
    r"|\bunanimously\b|\bcarried\b"
)
_MODAL = (
    r"(?P<verb>s'occupe(?:ra|nt|ront)?|se\s+charge(?:ra|nt|ront)?|s'en\s+charge(?:ra)?"
    r"|s'en\s+occupe(?:ra)?|(?:est|sont)\s+charge(?:e|es|s)?\s+de|prend(?:ra)?\s+en\s+charge"
    r"|s'engage(?:nt)?\s+a|va|vont|doit|doivent|devra|devront|compte(?:nt)?|prevoi(?:t|ent)"
    r"\s+de|propose(?:nt)?\s+de|se\s+propose\s+de|peut|peuvent|pourra|pourront|accepte(?:nt)?"
    r"\s+de|(?:est|sont)\s+invitee?s?\s+a|will|is\s+to|are\s+to|agreed\s+to)\b"
)
_NO_INFINITIVE = ("s'occup", "se charg", "s'en", "est charg", "sont charg", "prend")
_ADVERBS = r"(?:\s+(?:bien|egalement|aussi|donc|ensuite|alors|d'ores\s+et\s+deja|rapidement"
_ADVERBS += r"|essayer\s+de|tenter\s+de|also|then))*"
_COMMITMENT = re.compile(r"\s" + _MODAL + _ADVERBS + r"(?:\s+(?P<inf>[a-z'-]+))?")
_FUTURE = re.compile(r"\s(?P<verb>[a-z]{3,}(?:era|eront|ira|iront|dra|dront|ra|ront))\b")
_NOT_FUTURE = word_set(
    "sera seront aura auront pourra pourront devra devront extra opera camera sierra cobra"
    " mantra vera sara tiara aurora cara chara para contra ultra intra"
)
_PROPOSAL = re.compile(
    r"\bil\s+(?:est|a\s+ete)\s+" + _THEN + r"propose\s+(?:de|d'|que)|\bil\s+faudra\b"
    r"|\bil\s+conviendra\s+de|\bil\s+(?:est|a\s+ete)\s+" + _THEN + r"demande\s+a\s+"
    r"|\bit\s+was\s+agreed\s+to"
)
_LEADERSHIP = re.compile(
    r"\s(?:peut|va|doit|pourra|pourrait|devra|propose\s+de|accepte\s+de)?\s*(?:prendre|prend"
    r"|prendra|assurer|assure|assurera)\s+(?:le\s+leadership|la\s+tete|le\s+pilotage"
    r"|la\s+coordination|la\s+responsabilite|la\s+charge)|\ss'en\s+(?:charge|occupe)"
)
# Present-tense verbs that give someone a task ("Jean-Yves prépare le budget"), unlike those
# that tell what was said ("présente", "rappelle").
_TASK_VERB = re.compile(
    r"(?:se\s+|s')?(?:prepare|envoie|transmet|contacte|recontacte|redige|organise|relance"
    r"|verifie|ecrit|reserve|commande|renseigne|informera|etablit|diffuse|met\s+a\s+jour"
    r"|sollicite|appelle|cherche|recherche|finalise|complete|coordonne|pilote|achete|imprime"
    r"|installe|planifie|convoque|prend\s+contact|fait\s+suivre|envoient|preparent"
    r"|contactent|organisent|redigent|relancent|verifient|reservent)(?:nt)?\b"
)
_DEADLINE = re.compile(r"\b(?:d'ici|avant|pour\s+le|au\s+plus\s+tard|echeance|by|before|due)\b")
_PRONOUNS = word_set(
    "il elle ils elles on cela ce ceci ca qui nous vous je tu chacun chacune tout tous celui"
    " celle ceux celles lui y en rien personne it they we you he she this that there which"
    " plusieurs certains aucun"
)
_AGENTS = word_set(
    """president presidente tresorier tresoriere secretaire secretariat bureau groupe commission
    service equipe direction comite membres conseil region ville mairie maire departement
    association delegation cellule agence prefecture ministere coordinateur coordinatrice chef
    responsable referent referente collectif club cabinet prestataire entreprise directeur
    directrice adjoint adjointe metropole communaute agglomeration universite participants
    partenaires collectivites daect nouveau committee board chair treasurer secretary council
    team group office staff"""
)
_ARTICLES = word_set("le la les l un une des notre nos son sa ses leur leurs the a an our")
_NEXT_MEETING = re.compile(
    r"prochaine?s?\s+(?:reunion|seance|rencontre|assemblee|conseil|comite|point|rendez-vous"
    r"|rdv|ag\b|ca\b|cr\b|codir|cotech|copil|cse\b|session|bureau|commission|atelier"
    r"|permanence|visio|date)|date\s+de\s+la\s+prochaine"
    r"|next\s+(?:meeting|session|board|committee|steering)|date\s+of\s+(?:the\s+)?next"
)


# A line under an action item: "Responsable : Marie", "Échéance : 15 mars".
_FOLLOW_UP = re.compile(
    r"^\W*(?:(?P<who>responsables?|qui|pilotes?|porteurs?|referents?|owners?|lead|who|assigned\s+to)"
    r"|(?P<when>echeances?|delais?|date\s+limite|deadline|due(?:\s+date)?|pour\s+le|quand|when))"
    r"\s*:\s*(?P<value>\S.*)$"
)
# "… will be circulated. ACTION: JM, SP" (British minutes end a paragraph with its owners).
_TRAILING_ACTION = re.compile(
    r"(?:^|(?<=[.!?])\s+)(?i:actions?|action\s+points?)\s*[:–-]\s*"
    r"(?P<who>[A-ZÀ-Þ][\w.'-]*(?:\s*(?:,|&|/|\band\b|\bet\b)?\s*[A-ZÀ-Þ][\w.'-]*){0,5})\s*\.?$"
)


@dataclass
class _Item:
    action: Action
    owned_by_subject: bool


def owner_name(text: str) -> str | None:
    """An owner as written, names in capitals in title case ("Mme AUBERT" -> "Mme Aubert")."""
    text = strip_markup(text).strip(" .,;:()[]@")
    text = re.sub(
        r"^(?:(?:responsables?|resp\.?|qui|pilotes?|porteurs?|owners?|lead|référents?)\s*:\s*"
        r"|par\s+|by\s+)",
        "",
        text,
        flags=re.IGNORECASE,
    )
    if not text or len(text) > 80:
        return None
    mention = parse_person(text, lenient=False)
    if mention and mention.person.name and not mention.person.function:
        person = mention.person
        if person.civility or is_first_name(person.first_name or ""):
            return " ".join(part for part in (person.civility, person.name) if part)
    return text[:1].upper() + text[1:]


def _agent(chunk: str) -> str | None:
    """The subject before a verb when it can own an action (a person or an organisation)."""
    chunk = re.split(r"[,;:(«»\"]|\s(?:que|qu'|qui|dont|ou|où|mais|car|puis|et\s+que)\s", chunk)[-1]
    chunk = re.sub(
        r"^\s*(?:qu'|que\s|et\s|puis\s|ensuite\s|enfin\s|then\s|and\s)", "", chunk
    ).strip()
    words = chunk.split()
    if not words or len(words) > 8 or any(char.isdigit() for char in chunk):
        return None
    keys = [fold(word) for word in words]
    if keys[-1] in ("ne", "n") or chunk.endswith("n'") or keys[0] in _PRONOUNS:
        return None
    if leading_civility(chunk):
        return owner_name(chunk)
    content = [(w, k) for w, k in zip(words, keys, strict=True) if k not in _ARTICLES]
    if not content:
        return None
    word, key = content[0]
    if key in _PRONOUNS:
        return None
    capital = word[:1].isupper() and (word is not words[0] or is_first_name(word) or len(words) < 4)
    if capital or key in _AGENTS or is_first_name(word) or re.fullmatch(r"[A-Z]{2,}", word):
        if key in ("le", "la", "les", "ce", "cette", "chaque", "tout"):
            return None
        return owner_name(chunk)
    return None


def _commitment(sentence: str) -> tuple[str, int] | None:
    """(owner, position of the verb) when the sentence commits someone to do something."""
    key = plain(sentence)
    for pattern in (_COMMITMENT, _FUTURE):
        for match in pattern.finditer(key):
            verb = match.group("verb")
            if pattern is _FUTURE and verb in _NOT_FUTURE:
                continue
            if pattern is _COMMITMENT and not verb.startswith(_NO_INFINITIVE):
                infinitive = match.group("inf") or ""
                english = verb in ("will", "is to", "are to", "agreed to")
                if not english and not re.search(r"(?:er|ir|re|oir)$", infinitive):
                    continue
                if infinitive in ("etre", "avoir", "etre-", "y") and not english:
                    continue
            owner = _agent(sentence[: match.start()])
            if owner:
                return owner, match.start()
    return None


def _due(text: str, reference: dt.date | None) -> dt.date | None:
    mentions = find_dates(text, reference)
    if not mentions:
        return None
    return max(mentions, key=lambda m: m.precision == "day").end


def _clean(text: str) -> str:
    return " ".join(strip_markup(text).split()).strip(" -–—")


def _line_action(line: str, reference: dt.date | None, in_section: bool) -> Action | None:
    """Action items written as lines: labels, checkboxes, arrows, "Prénom : tâche"."""
    box = checkbox(line)
    text = _clean(unbullet(line))
    labelled = _ACTION_LABEL.match(plain(text))
    if labelled:
        text = text[labelled.end() :].strip()
    owner = None
    arrow = _ARROW.search(text)
    if arrow and owner_name(arrow.group("owner")):
        owner = owner_name(arrow.group("owner"))
        text = text[: arrow.start()].strip()
    pieces = text.split(":")
    sep = len(pieces) > 1
    for at in range(len(pieces) - 1) if not owner else ():
        candidate, tail = pieces[at].strip(), ":".join(pieces[at + 1 :]).strip()
        if not tail or not candidate or len(candidate) >= 50:
            continue
        starts_task = re.match(r"\s*[a-zà-ÿ'-]+(?:er|ir|re|oir)\b", plain(tail))
        is_person = (
            leading_civility(candidate)
            or is_first_name(candidate.split()[0])
            or (in_section and len(candidate.split()) <= 4 and _agent(candidate))
        )
        if is_person and (starts_task or in_section or labelled):
            context = ":".join(pieces[:at]).strip()
            owner = owner_name(candidate)
            text = f"{context} : {tail}" if context else tail
            break
    if not owner:
        notes = re.findall(r"\(([^()]{2,60})\)", text)
        for note in notes:
            person = parse_person(note, lenient=False)
            if person and person.person.name and not person.person.function:
                owner = owner_name(note)
                text = text.replace(f"({note})", "").replace("  ", " ").strip(" ,")
                break
    if not owner and labelled and text:
        found = _commitment(" " + text) or _subject_verb(text, loose=True)
        owner = found[0] if found else None
    if not (labelled or box or (arrow and owner) or in_section or (owner and sep)):
        return None
    if not text or len(text) < 3:
        return None
    return Action(text.rstrip(" ."), owner, _due(text, reference))


def _subject_verb(text: str, *, loose: bool = False) -> tuple[str, int] | None:
    """ "Mme Vautier relance les familles", "Hugo fait le tableau": the subject that opens
    the sentence (or its last clause after a colon) when it names a person, or, `loose`
    (an "Action :" line), any agent."""
    clause_start = text.rfind(": ") + 2 if ": " in text else 0
    for start in dict.fromkeys((0, clause_start)):
        match = re.match(
            r"\s*(?P<subject>(?:\S+\s+){0,5}?\S+)\s+(?P<verb>[a-zà-ÿ]+)\b", text[start:]
        )
        if not match:
            continue
        subject = match.group("subject")
        owner = _agent(subject) if not subject.endswith((",", ":")) else None
        if owner and (loose or leading_civility(subject) or is_first_name(subject.split()[0])):
            return owner, start + match.start("verb")
    return None


def read(
    blocks: list[Block], reference: dt.date | None, skip: set[int]
) -> tuple[list[Decision], list[Action]]:
    decisions: list[Decision] = []
    items: list[_Item] = []
    section: str | None = None
    last_action = -2
    index = -1
    while index + 1 < len(blocks):
        index += 1
        block = blocks[index]
        if index in skip:
            continue
        bare = _clean(block.text)
        key = plain(bare)
        if block.kind == "heading":
            section = (
                "actions"
                if _ACTION_SECTION.match(key)
                else "decisions"
                if _DECISION_SECTION.match(key)
                else None
            )
            continue
        if block.kind == "table":
            index = _action_table(blocks, index, reference, items) - 1
            continue
        if _ACTION_SECTION.match(key):
            section = "actions"
            continue
        if _DECISION_SECTION.match(key):
            section = "decisions"
            continue
        decision_label = _DECISION_LABEL.match(key)
        if decision_label:
            rest = bare[decision_label.end() :].strip()
            if rest:
                decisions.append(Decision(rest))
            else:
                section = "decisions"
            continue
        follow = _FOLLOW_UP.match(key)
        if follow and items and last_action == index - 1:
            action = items[-1].action
            value = bare[follow.start("value") :].strip()
            if follow.group("who") and not action.owner:
                items[-1].action = Action(action.text, owner_name(value), action.due)
            elif follow.group("when") and not action.due:
                items[-1].action = Action(action.text, action.owner, _due(value, reference))
            last_action = index
            continue
        trailing = _TRAILING_ACTION.search(bare)
        if trailing and block.kind in ("para", "bullet") and trailing.start() > 0:
            before = bare[: trailing.start()].strip()
            owner = owner_name(trailing.group("who"))
            items.append(_Item(Action(before, owner, _due(before, reference)), True))
            decisions.extend(Decision(s) for s in sentences(before) if _DECISION.search(plain(s)))
            last_action = index
            continue
        in_list = block.kind == "bullet" or checkbox(block.text) is not None
        if section == "decisions" and in_list:
            decisions.append(Decision(_clean(unbullet(block.text))))
            continue
        line_action = _line_action(block.text, reference, section == "actions" and in_list)
        if line_action:
            items.append(_Item(line_action, False))
            last_action = index
            continue
        count = len(items)
        _sentences(bare, reference, decisions, items)
        if len(items) > count:
            last_action = index
    return decisions, [item.action for item in _dedupe(items)]


def _sentences(
    text: str, reference: dt.date | None, decisions: list[Decision], items: list[_Item]
) -> None:
    for whole in sentences(text):
        if _DECISION.search(plain(whole)):
            decisions.append(Decision(whole))
        # Clauses between semicolons commit people one by one: "Élodie s'occupe des
        # inscriptions ; Nicolas réserve la salle d'ici le 15 octobre."
        for sentence in re.split(r"\s+;\s+", whole):
            _clause(sentence, reference, items)


def _clause(sentence: str, reference: dt.date | None, items: list[_Item]) -> None:
    """The action item of a clause, if it gives someone something to do."""
    key = plain(sentence)
    leader = _LEADERSHIP.search(key)
    if leader:
        owner = _agent(sentence[: leader.start()])
        if owner:
            for item in reversed(items):
                if item.action.owner:
                    break
                item.action = Action(item.action.text, owner, item.action.due)
    proposal = _PROPOSAL.search(key)
    commitment = _commitment(sentence)
    if commitment:
        owner, _ = commitment
        items.append(_Item(Action(sentence, owner, _due(sentence, reference)), True))
    elif proposal:
        asked = re.match(r"\s*(?P<who>[^,]{2,60}?)\s+(?:de|d')\s", sentence[proposal.end() :])
        owner = owner_name(asked.group("who")) if "demande" in proposal.group() and asked else None
        items.append(_Item(Action(sentence, owner, _due(sentence, reference)), False))
    else:
        found = _subject_verb(sentence)
        if found and (
            _TASK_VERB.match(key[found[1] :])
            or (_DEADLINE.search(key) and find_dates(sentence, reference))
        ):
            items.append(_Item(Action(sentence, found[0], _due(sentence, reference)), True))


def _action_table(
    blocks: list[Block], index: int, reference: dt.date | None, items: list[_Item]
) -> int:
    end = index
    while end < len(blocks) and blocks[end].kind == "table":
        end += 1
    table = tables.read_table([b.text for b in blocks[index:end]], blocks[index].line)
    if not tables.is_action_table(table):
        return end
    what, who, when = (tables.column(table, kind) for kind in ("action", "owner", "due"))
    for row in table.rows:
        text = tables.cell(row, what)
        if not text:
            continue
        owner = owner_name(tables.cell(row, who)) if tables.cell(row, who) else None
        due_text = tables.cell(row, when)
        items.append(
            _Item(Action(text, owner, _due(due_text, reference) if due_text else None), False)
        )
    return end


def _dedupe(items: list[_Item]) -> list[_Item]:
    seen: set[tuple[str, str]] = set()
    result = []
    for item in items:
        key = (fold(item.action.text), fold(item.action.owner or ""))
        if key not in seen:
            seen.add(key)
            result.append(item)
    return result


def next_meeting(blocks: list[Block], reference: dt.date | None) -> dt.datetime | None:
    """ "Prochaine réunion le jeudi 9 février 2023 à 18h30", "Next meeting: 14 June 2022"."""
    for index, block in enumerate(blocks):
        text = _clean(block.text)
        match = _NEXT_MEETING.search(plain(text))
        if not match:
            continue
        texts = [text[match.end() :]]
        if len(text) < 60 and index + 1 < len(blocks):
            texts.append(_clean(blocks[index + 1].text))  # "4. Date of next meeting", the date
        for after in texts:
            for mention in find_dates(after, reference):
                if mention.precision != "day" or (reference and mention.start < reference):
                    continue
                time = find_time(after[mention.span[1] :]) or find_time(after[: mention.span[0]])
                return dt.datetime.combine(mention.start, time or dt.time(0, 0))
    return None
