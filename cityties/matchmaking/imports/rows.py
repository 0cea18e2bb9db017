"""Row validation of the attendee import: lenient with the layouts of real lists, strict
with what would corrupt the list.

A row needs a name, an e-mail or an organisation; everything else is optional. Values the
import cannot use (an unknown country, a sector outside the taxonomy, a kind it cannot
read) are remarks, not errors: the row is imported without them (sectors outside the
taxonomy are kept as "other interests"). Rows of the same person are merged: by e-mail,
or by name and organisation when there is none, within the file and with the attendees
already listed, whose blanks the file fills and whose values it updates.
"""

from __future__ import annotations

import json
import re
from typing import Any

import rules
from django.utils.translation import gettext as _

from cityties.imports.fields import TargetField, fold, split_list
from cityties.imports.mapping import guess_mapping_for
from cityties.imports.reading import Table
from cityties.imports.validation import CleanRow, Options, RowValidator, ValidationResult
from cityties.network.models import Sector
from cityties.solvers.relevance import resolve_sector

from ..models import Attendee
from .cleaning import (
    clean,
    footer_line,
    guess_kind,
    is_honorific,
    kind_of,
    pick_email,
    split_city,
    split_name,
    strip_honorific,
    us_state,
)

_TRAILING_BRACKETS = re.compile(r"\s*\(([^()]*)\)\s*$")
# "(she/her)", "(he/him/his)", "(they)", "(il/lui)", "(elle)": pronouns, not a name.
_PRONOUNS = re.compile(
    r"(?:(?:she|her|hers|he|him|his|they|them|theirs|ze|zir|il|lui|elle|iel|any)"
    r"(?:\s*/\s*|\s+|$))+(?:pronouns)?"
)
_ADDRESS = re.compile(r"(?:mailto:)?[^\s<>()\[\],;]+@[^\s<>()\[\],;]+")
LIMITS = {"first_name": 150, "last_name": 150, "organisation": 300, "function": 300}
LIST_FIELDS = ("sectors", "needs", "offers")


def _nested_columns(table: Table, start: int) -> dict[int, list[str]]:
    """Columns from `start` whose cells hold JSON objects, with the keys they use."""
    nested: dict[int, list[str]] = {}
    for index in range(start, len(table.headers)):
        sample = next((cells[index] for _n, cells in table.rows if cells[index]), None)
        if isinstance(sample, str) and sample.startswith("{") and sample.endswith("}"):
            keys: dict[str, None] = {}
            for _n, cells in table.rows[:200]:
                value = cells[index]
                try:
                    data = json.loads(value) if isinstance(value, str) else None
                except ValueError:
                    data = None
                if isinstance(data, dict):
                    keys.update(dict.fromkeys(str(k) for k in data))
            if keys:
                nested[index] = list(keys)
    return nested


def _list_text(value: Any) -> Any:
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        names = [
            str(v.get("name") or v.get("label") or v.get("title") or "")
            if isinstance(v, dict)
            else str(v)
            for v in value
        ]
        return " / ".join(n for n in names if n)
    return value


def flatten_records(table: Table, mapping: dict[str, str], fields: tuple[TargetField, ...]) -> None:
    """JSON records with nested objects ({"user": {"first_name": …}, "company": {"name":
    …}}) arrive as JSON text in one column: spread their keys into columns of their own
    ("user.first_name", "company.name"), three levels deep, and map them: by the whole
    path first ("company name" is the organisation), by the last key next."""
    start, spread = 0, set[str]()
    for _level in range(3):
        nested = _nested_columns(table, start)
        if not nested:
            break
        start = len(table.headers)
        spread.update(table.headers[i] for i in nested)
        for index, names in nested.items():
            parent = table.headers[index]
            table.headers.extend(f"{parent}.{key}" for key in names)
            for position, (number, cells) in enumerate(table.rows):
                try:
                    data = json.loads(cells[index]) if isinstance(cells[index], str) else {}
                except ValueError:
                    data = {}
                data = data if isinstance(data, dict) else {}
                extra = [_list_text(data.get(key)) for key in names]
                table.rows[position] = (number, [*cells, *extra])
    if not spread:
        return
    # A column of objects is no value: what was mapped to it is guessed again.
    for target in [t for t, header in mapping.items() if header in spread]:
        del mapping[target]
    used = set(mapping.values())
    candidates = [h for h in table.headers if "." in h and h not in spread and h not in used]
    for parts in (
        [h.replace(".", " ") for h in candidates],
        [h.rsplit(".", 1)[-1] for h in candidates],
    ):
        guessed = guess_mapping_for(fields, parts)
        for target, part in guessed.items():
            if target in mapping:
                continue
            header = next(
                (h for h, p in zip(candidates, parts, strict=True) if p == part and h not in used),
                None,
            )
            if header is not None:
                mapping[target] = header
                used.add(header)


IDENTITY = ("first_name", "last_name", "full_name", "email")
NAMES = ("first_name", "last_name", "full_name")
# Words of headers that name something else than the person ("Company Name", "Event
# Name", "Ticket Title"): never read as their name or their function.
OTHER_THINGS = frozenset(
    [
        "company",
        "organization",
        "organisation",
        "organisme",
        "employer",
        "agency",
        "event",
        "ticket",
        "order",
        "group",
        "booth",
        "stand",
        "session",
        "talk",
        "workshop",
        "presentation",
        "paper",
        "file",
        "badge",
        "table",
        "team",
        "societe",
        "entreprise",
        "structure",
        "firma",
        "empresa",
        "hotel",
        "guest",
    ]
)
# Words of a question or a long header that name a field ("What is your role?", "Which
# city are you from?"), for the fields no header named.
KEYWORDS: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "organisation",
        frozenset(
            [
                "organization",
                "organisation",
                "company",
                "employer",
                "agency",
                "affiliation",
                "institution",
                "organisme",
                "entreprise",
                "structure",
                "firma",
                "empresa",
                "organizacion",
            ]
        ),
    ),
    (
        "function",
        frozenset(["role", "position", "title", "job", "function", "fonction", "poste", "cargo"]),
    ),
    ("city", frozenset(["city", "ville", "town", "ciudad", "stadt"])),
    ("state", frozenset(["state", "province"])),
    ("country", frozenset(["country", "pays", "land", "pais"])),
)


def rescue_names(table: Table, mapping: dict[str, str]) -> None:
    """Headers that name no known column ("Employer / Person Name", "Nom et prénom du
    participant", "Last Name, First Name", "What is your role?") would leave the rows
    without names, or refused: read names, e-mails and the other fields from the headers
    that contain their words, for the fields no header named."""
    used = set(mapping.values())
    names_mapped = any(mapping.get(target) for target in NAMES)
    for header in table.headers:
        if not header or header in used:
            continue
        words = set(fold(header).replace("-", " ").split())
        if words & {"mail", "email", "courriel", "e"} and "mail" in fold(header):
            target = "email"
        elif names_mapped or words & OTHER_THINGS:
            continue
        elif words & {"first", "given", "prenom", "forename"} and not words & {"nom", "last"}:
            target = "first_name"
        elif words & {"last", "surname", "family"}:
            target = "last_name"
        elif words & {"name", "nom", "names", "noms", "participant", "attendee", "person"}:
            target = "full_name"
        else:
            continue
        if target not in mapping:
            mapping[target] = header
            used.add(header)
    for target, keywords in KEYWORDS:
        if target in mapping:
            continue
        for header in table.headers:
            words = set(fold(header).split())
            if (
                header
                and header not in used
                and words & keywords
                and not any(words & other for name, other in KEYWORDS if name != target)
                and not (target == "function" and words & OTHER_THINGS)
                and "mail" not in fold(header)
            ):
                mapping[target] = header
                used.add(header)
                break


class Sectors:
    """Sector labels (French or English, codes, near spellings) to network sectors."""

    def __init__(self) -> None:
        self.by_key: dict[str, int] = {}
        self.by_engine: dict[str, int] = {}
        for sector in Sector.objects.all():
            for label in (sector.code, sector.label_fr, sector.label_en):
                self.by_key[fold(label)] = sector.pk
            for label in (sector.code, sector.label_en, sector.label_fr):
                engine = resolve_sector(label)
                if engine:
                    self.by_engine.setdefault(engine, sector.pk)

    def find(self, label: str) -> int | None:
        key = fold(label)
        if key in self.by_key:
            return self.by_key[key]
        singular = re.sub(r"s\b", "", key)
        if singular in self.by_key:
            return self.by_key[singular]
        engine = resolve_sector(label)
        return self.by_engine.get(engine) if engine else None


class AttendeeRows(RowValidator):
    def __init__(self, *args: Any, user: Any) -> None:
        super().__init__(*args)
        self.user = user
        self.sectors = Sectors()
        self.allowed: dict[str, bool] = {}
        # Per event: e-mail -> attendee id, (name, organisation) -> attendee id.
        self.known_email: dict[tuple[int, str], int] = {}
        self.known_name: dict[tuple[int, str, str], int] = {}
        self.known_name_without_email: dict[tuple[int, str, str], int] = {}
        self.loaded: set[int] = set()
        # Rows of this file, by the same keys, to merge repeated people.
        self.rows_by_email: dict[tuple[int, str], CleanRow] = {}
        self.rows_by_name: dict[tuple[int, str, str], CleanRow] = {}
        self.merged = 0
        # A heading line of a list grouped by organisation or by country ("CITY OF
        # PITTSBURGH", "FRANCE"): what the rows below it lack.
        self.section: dict[str, str] = {}

    def _load(self, event_id: int) -> None:
        if event_id in self.loaded:
            return
        self.loaded.add(event_id)
        for pk, email, name_key, org_key in Attendee.objects.filter(
            event_id=event_id, erased_at__isnull=True
        ).values_list("pk", "email", "name_key", "organisation_key"):
            if email:
                self.known_email[(event_id, email)] = pk
            if name_key:
                self.known_name.setdefault((event_id, name_key, org_key), pk)
                if not email:
                    self.known_name_without_email.setdefault((event_id, name_key, org_key), pk)

    def event(self, cells: list[Any], row: int) -> int | None:
        from cityties.events.models import Event

        raw = clean(self.cell(cells, "event"))
        if not raw:
            if self.has("event"):
                self.error(row, "event", _("A value is required."), "required")
            return None
        value = self.recognise("event", raw)
        if value is None:
            self.error(
                row, "event", _("Unknown event “%(value)s”.") % {"value": raw}, "unknown_event"
            )
            return None
        if value not in self.allowed:
            event = Event.objects.filter(pk=int(value)).first()
            self.allowed[value] = bool(
                event and rules.test_rule("matchmaking.manage", self.user, event)
            )
        if not self.allowed[value]:
            self.error(
                row,
                "event",
                _("You may not import the attendees of this event."),
                "event_not_allowed",
            )
            return None
        return int(value)

    def lines(self, cells: list[Any], target: str) -> list[str]:
        if not self.has(target):
            return []
        raw = clean(self.cell(cells, target))
        parts = split_list(raw)
        if target == "sectors":
            parts = [p.strip() for part in parts for p in part.split(",") if p.strip()]
        return list(dict.fromkeys(parts))

    def heading(self, number: int, cells: list[Any]) -> bool:
        """Whether the row is a heading of a grouped list: one cell filled, in a file of
        several columns, that names a country or reads as an organisation, outside the
        columns of organisations and countries."""
        filled = [i for i, c in enumerate(cells) if clean(c)]
        if len(filled) != 1 or len(self.columns) < 3:
            return False
        index = filled[0]
        if any(
            position == index
            for t, (_h, position) in self.columns.items()
            if t
            in (
                "organisation",
                "country",
                "email",
            )
        ):
            return False
        text = clean(cells[index])
        if "@" in text or len(text) > 150:
            return False
        country = self.recognise("country", text) if "country" in self.fields else None
        if country and len(text) > 3:
            self.section = {"country": text}
        elif guess_kind(text, "") != "other":
            self.section = {**self.section, "organisation": text}
        else:
            return False
        self.note(
            number,
            "organisation" if "organisation" in self.section else "country",
            _("A heading “%(value)s”: given to the rows below it that lack one.") % {"value": text},
            "heading",
        )
        return True

    def name_cell(self, cells: list[Any], target: str) -> str:
        """A cell of names without the address some lists write in it ("Jane Doe
        (jane@x.org)", "Jane Doe <jane@x.org>") or the pronouns of online events ("Jane
        Doe (she/her)"); under a header "User Name (Original Name)" (Zoom), the name the
        person registered with when they were renamed ("Jane (Jane Doe)")."""
        text = clean(self.cell(cells, target))
        if "@" in text:
            text = _ADDRESS.sub(" ", text)
            text = re.sub(r"\(\s*\)|\[\s*\]|<\s*>", " ", text)
            text = " ".join(text.split()).strip(" ,;-")
        found = _TRAILING_BRACKETS.search(text)
        if found:
            inside = found.group(1).strip()
            if _PRONOUNS.fullmatch(fold(inside)):
                text = text[: found.start()].strip()
            elif "original name" in fold(self.header(target) or "") and inside:
                text = inside
        return text

    def names(self, cells: list[Any], row: int) -> tuple[str, str]:
        first = strip_honorific(self.name_cell(cells, "first_name"))
        last = self.name_cell(cells, "last_name")
        if (
            not first
            and last
            and not self.has("full_name")
            and ("," in last or len(last.split()) > 1)
        ):
            first, last = split_name(last)
        elif (
            first
            and not last
            and self.has("last_name")
            and not self.has("full_name")
            and ("," in first or len(first.split()) > 1)
        ):
            # The whole name typed in the first-name field of a form.
            first, last = split_name(first)
        if not (first or last):
            first, last = split_name(self.name_cell(cells, "full_name"))
        elif first and not last and self.has("full_name"):
            # "Vorname" and "Name", "Prénom" and "Nom": the name column is the family name
            # unless it holds the first name too.
            full = strip_honorific(self.name_cell(cells, "full_name"))
            if fold(first) and fold(full).startswith(fold(first) + " "):
                first, last = split_name(full)
            elif fold(full).endswith(" " + fold(first)):
                last = full[: len(full) - len(first)].strip().rstrip(",")
            else:
                last = full
        elif not first and self.has("full_name"):
            full_first, full_last = split_name(self.name_cell(cells, "full_name"))
            first, last = full_first, last or full_last
        for target, value in (("first_name", first), ("last_name", last)):
            if len(value) > LIMITS[target]:
                self.error(
                    row,
                    target,
                    _("Too long: at most %(n)s characters.") % {"n": LIMITS[target]},
                    "too_long",
                )
        return first, last

    def handle(self, number: int, cells: list[Any]) -> CleanRow | None:
        if footer_line([clean(c) for c in cells]):
            self.note(
                number,
                "full_name",
                _("A line of totals or a page number, no person: left out."),
                "not_a_person",
            )
            return None
        if self.heading(number, cells):
            return None
        errors = len(self.result.errors)
        event_id = self.event(cells, number)
        first, last = self.names(cells, number)
        email, bad = pick_email(self.cell(cells, "email"))
        if not clean(self.cell(cells, "email")):
            # No e-mail column, or an empty one: the address some lists write by the name.
            for target in NAMES:
                found, _bad = pick_email(self.cell(cells, target))
                if found:
                    email = found
                    break
        if not email and not bad and clean(self.cell(cells, "email")):
            self.note(
                number,
                "email",
                _("“%(value)s” is no e-mail address: left out.")
                % {"value": clean(self.cell(cells, "email"))},
                "not_an_email",
            )
        organisation = clean(self.cell(cells, "organisation")) or self.section.get(
            "organisation", ""
        )
        if not organisation and (first or last):
            # An organisation's own account in the name column of an online event's report
            # ("National League of Cities" as the webinar's host): no one's name.
            full = self.name_cell(cells, "full_name")
            named = clean(self.cell(cells, "first_name")) or clean(self.cell(cells, "last_name"))
            if full and not named and guess_kind(full, "") != "other":
                organisation, first, last = full, "", ""
                self.note(
                    number,
                    "full_name",
                    _("“%(value)s” names an organisation: imported as such, without a name.")
                    % {"value": full},
                    "organisation_in_name",
                )
        if bad and (first or last):
            # A person named is worth meeting without their address: kept, said so.
            self.note(
                number,
                "email",
                _("“%(value)s” is not a valid e-mail address: the person is kept without it.")
                % {"value": clean(self.cell(cells, "email"))},
                "invalid_email_left_out",
            )
        elif bad:
            self.error(
                number,
                "email",
                _("“%(value)s” is not an e-mail address.")
                % {"value": clean(self.cell(cells, "email"))},
                "invalid_email",
            )
        organisation = organisation[: LIMITS["organisation"] + 1]
        function = clean(self.cell(cells, "function"))
        if is_honorific(function):
            function = ""
        for target, value in (("organisation", organisation), ("function", function)):
            if len(value) > LIMITS[target]:
                self.error(
                    number,
                    target,
                    _("Too long: at most %(n)s characters.") % {"n": LIMITS[target]},
                    "too_long",
                )
        if not (first or last or email or organisation):
            self.error(
                number,
                "full_name",
                _("A name, an e-mail or an organisation is needed."),
                "name_required",
            )
        if len(self.result.errors) > errors or event_id is None:
            return None
        if not (first or last):
            self.note(
                number,
                "full_name",
                _("No person named: listed under the e-mail address.")
                if email
                else _("No person named: the organisation is listed as the attendee."),
                "no_name",
            )
        values = self.details(cells, number, organisation, function)
        values.update(
            event=event_id,
            first_name=first,
            last_name=last,
            email=email,
            organisation=organisation,
            function=function,
            name_key=fold(f"{first} {last}"),
            organisation_key=fold(organisation),
        )
        return self.merge(number, values)

    def details(
        self, cells: list[Any], row: int, organisation: str, function: str
    ) -> dict[str, Any]:
        city, state = split_city(self.cell(cells, "city"))
        raw_state = clean(self.cell(cells, "state"))
        state = us_state(raw_state) or raw_state or state
        country_text = clean(self.cell(cells, "country")) or self.section.get("country", "")
        country = self.recognise("country", country_text) if country_text else None
        if country_text and country is None:
            self.note(
                row,
                "country",
                _("Country “%(value)s” not recognised: left out.") % {"value": country_text},
                "unknown_country",
            )
        if not country and state and us_state(state):
            country = "US"
        raw_kind = clean(self.cell(cells, "kind"))
        kind = (self.recognise("kind", raw_kind) or kind_of(raw_kind)) if raw_kind else None
        if kind is None:
            kind = guess_kind(organisation, function)
        sectors, others = [], []
        for label in self.lines(cells, "sectors"):
            found = self.sectors.find(label)
            if found is None:
                others.append(label)
            else:
                sectors.append(found)
        raw_language = fold(clean(self.cell(cells, "language")))
        language = (
            "fr"
            if raw_language.startswith(("fr", "francais"))
            else "en"
            if raw_language.startswith(("en", "anglais"))
            else ("fr" if country == "FR" else "en")
        )
        return {
            "city": city[:150],
            "state": state[:120],
            "country": country or "",
            "kind": kind,
            "sectors": list(dict.fromkeys(sectors)),
            "interests": ", ".join(others)[:500],
            "needs": self.lines(cells, "needs"),
            "offers": self.lines(cells, "offers"),
            "language": language,
        }

    def merge(self, number: int, values: dict[str, Any]) -> CleanRow | None:
        """The first row of a person carries the others' values; returns None for a row
        merged into an earlier one."""
        event_id = values["event"]
        self._load(event_id)
        email_key = (event_id, values["email"]) if values["email"] else None
        name_key = (
            (event_id, values["name_key"], values["organisation_key"])
            if values["name_key"]
            else None
        )
        earlier = self.rows_by_email.get(email_key) if email_key else None
        if earlier is not None and not same_person(earlier.values, values):
            # One address for several people: tickets bought together, an assistant who
            # registered the delegation. The first keeps it; the others come without.
            self.note(
                number,
                "email",
                _(
                    "“%(email)s” is already the address of %(name)s (row %(row)s): "
                    "imported without an e-mail."
                )
                % {
                    "email": values["email"],
                    "name": f"{earlier.values['first_name']} {earlier.values['last_name']}",
                    "row": earlier.row,
                },
                "shared_email",
            )
            values["email"] = ""
            email_key, earlier = None, None
        if earlier is None and name_key:
            # By name and organisation: a row without an e-mail, or an earlier one without.
            candidate = self.rows_by_name.get(name_key)
            if candidate is not None and (not values["email"] or not candidate.values["email"]):
                earlier = candidate
        if earlier is not None:
            combine(earlier.values, values)
            self.merged += 1
            self.note(
                number,
                "email" if email_key else "full_name",
                _("The same person as row %(row)s: merged.") % {"row": earlier.row},
                "merged",
            )
            return None
        clean_row = CleanRow(number, values)
        existing = self.known_email.get(email_key) if email_key else None
        if existing is None and name_key:
            names = self.known_name_without_email if values["email"] else self.known_name
            existing = names.get(name_key)
        if existing is not None:
            clean_row.existing_id = existing
            self.result.matched += 1
        if email_key:
            self.rows_by_email[email_key] = clean_row
        if name_key:
            self.rows_by_name.setdefault(name_key, clean_row)
        return clean_row


def same_person(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """Whether two rows with one e-mail address name one person: a row without a name
    does; "J. Doe" and "Jane Doe" do; "Jane Doe" and "John Roe" do not."""
    names = [(fold(v["first_name"]), fold(v["last_name"])) for v in (one, other) if v["name_key"]]
    if len(names) < 2:
        return True
    (first_a, last_a), (first_b, last_b) = names
    if fold(f"{first_a} {last_a}") == fold(f"{first_b} {last_b}"):
        return True
    if last_a != last_b and not (last_a in last_b or last_b in last_a):
        return False
    return not first_a or not first_b or first_a[0] == first_b[0]


def _better_written(value: str, other: str) -> bool:
    """ "Jane Doe" is better written than "JANE DOE" or "jane doe"."""
    return (
        fold(value) == fold(other)
        and (other.isupper() or other.islower())
        and not (value.isupper() or value.islower())
    )


def combine(first: dict[str, Any], later: dict[str, Any]) -> None:
    """Fill the blanks of a person's first row from a later one; lists are joined; a
    value written in capitals or in lower case takes the later row's spelling."""
    for key, value in later.items():
        if isinstance(value, list):
            first[key] = list(dict.fromkeys([*first.get(key, []), *value]))
        elif (value and not first.get(key)) or (
            isinstance(value, str)
            and isinstance(first.get(key), str)
            and key != "email"
            and _better_written(value, first[key])
        ):
            first[key] = value


def validate(
    table: Table,
    mapping: dict[str, str],
    *,
    user: Any,
    options: Options,
    decisions: dict[str, str] | None = None,
    progress: Any = None,
) -> ValidationResult:
    from .fields import ATTENDEE_FIELDS

    mapping = dict(mapping)
    flatten_records(table, mapping, ATTENDEE_FIELDS)
    rescue_names(table, mapping)
    validator = AttendeeRows(
        "attendees", ATTENDEE_FIELDS, table, mapping, options, decisions, user=user
    )
    result = validator.run(validator.handle, progress)
    if not any(validator.has(f) for f in ("first_name", "last_name", "full_name", "email")):
        validator.error(
            table.header_row,
            "full_name",
            _("No column of names or e-mails is mapped."),
            "missing_column",
        )
    result.planned = {
        "new_rows": sum(1 for r in result.rows if r.existing_id is None),
        "skipped": validator.merged,
    }
    return result
