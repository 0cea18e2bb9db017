"""Spreadsheet imports of organisations, people and partnerships.

Three steps: read the file into a table (CSV or XLSX), map its columns to target fields,
validate every row. Only a file without a single error is written, in one transaction:
an import is all-or-nothing, and its report lists errors by spreadsheet row and column.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import unicodedata
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cache
from pathlib import PurePath
from typing import Any

from babel import Locale
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cityties.accounts.permissions import is_member_officer, is_network_staff, officer_org_ids
from cityties.core.audit import acting_as
from cityties.core.errors import DomainError

from .models import (
    Civility,
    ColumnMapping,
    ImportJob,
    ImportKind,
    ImportStatus,
    Organisation,
    OrganisationKind,
    Partnership,
    PartnershipKind,
    PartnershipMember,
    PartnershipStatus,
    Person,
    Theme,
)

logger = logging.getLogger(__name__)

ALLOWED_EXTENSIONS = (".csv", ".xlsx")
BATCH_SIZE = 500
PROGRESS_EVERY = 250
# Validation is reported as the first 90 % of the bar; the write pass completes it.
VALIDATION_SHARE = 0.9
MERGE, SKIP = "merge", "skip"


class ImportFileError(DomainError):
    code = "unreadable_file"


def can_import(user: Any) -> bool:
    """Network staff import anything; member officers import for their own organisations."""
    return bool(is_network_staff(user) or is_member_officer(user))


# --- Reading files ------------------------------------------------------------------------


@dataclass
class Table:
    headers: list[str]
    # (row number as shown by the spreadsheet, cells); the header is row 1.
    rows: list[tuple[int, list[Any]]]


def check_upload(filename: str, size: int) -> None:
    """Refuse a file by its name and size before reading it."""
    limit = settings.MAX_UPLOAD_BYTES
    if size > limit:
        raise ImportFileError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": round(size / 1_048_576, 1), "limit": round(limit / 1_048_576, 1)},
            code="file_too_large",
        )
    if PurePath(filename).suffix.lower() not in ALLOWED_EXTENSIONS:
        raise ImportFileError(
            _("Only CSV (.csv) and Excel (.xlsx) files can be imported."),
            code="bad_extension",
        )


def read_table(data: bytes, filename: str) -> Table:
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".xlsx":
        headers, raw_rows = _read_xlsx(data)
    elif suffix == ".csv":
        headers, raw_rows = _read_csv(data)
    else:
        raise ImportFileError(
            _("Only CSV (.csv) and Excel (.xlsx) files can be imported."), code="bad_extension"
        )
    headers = _unique_headers(headers)
    if not any(headers):
        raise ImportFileError(_("The file has no header row."), code="empty_file")
    rows = []
    for number, cells in raw_rows:
        if any(cell_text(c) for c in cells):
            cells = list(cells) + [None] * (len(headers) - len(cells))
            rows.append((number, cells[: len(headers)]))
    if not rows:
        raise ImportFileError(_("The file has no data row."), code="empty_file")
    return Table(headers=headers, rows=rows)


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Spreadsheets saved as "CSV" by Excel on Windows in France.
        return data.decode("cp1252", errors="replace")


def _read_csv(data: bytes) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    if data[:2] == b"PK" or b"\x00" in data[:1024]:
        raise ImportFileError(
            _("This file is not a CSV text file; is it an Excel file named .csv?"),
            code="unreadable_file",
        )
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        lines = list(reader)
    except csv.Error as exc:
        raise ImportFileError(
            _("The CSV file could not be read: %(error)s") % {"error": exc},
            code="unreadable_file",
        ) from exc
    if not lines:
        raise ImportFileError(_("The file is empty."), code="empty_file")
    # Row numbers follow the reader's line count so that quoted line breaks stay correct
    # enough for a person looking at the file; one record is one spreadsheet row.
    return [h.strip() for h in lines[0]], [(i, line) for i, line in enumerate(lines[1:], 2)]


def _read_xlsx(data: bytes) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    from openpyxl import load_workbook  # heavy import, only when needed

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(
            _("The Excel file could not be read; save it again as .xlsx and retry."),
            code="unreadable_file",
        ) from exc
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("The file is empty."), code="empty_file")
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise ImportFileError(_("The file is empty."), code="empty_file")
        body = [(i, list(cells)) for i, cells in enumerate(rows, 2)]
    finally:
        workbook.close()
    return [cell_text(h) for h in header], body


def _unique_headers(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    result = []
    for header in headers:
        header = header.strip()
        if header in seen:
            seen[header] += 1
            header = f"{header} ({seen[header]})"
        else:
            seen[header] = 1
        result.append(header)
    while result and not result[-1]:
        result.pop()
    return result


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --- Normalisation --------------------------------------------------------------------------


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", bare.casefold()).split())


def header_key(text: str) -> str:
    return fold(text).replace(" ", "")


_NOT_COUNTRIES = {"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"}
_COUNTRY_ALIASES = {
    "usa": "US",
    "etats unis d amerique": "US",
    "united states of america": "US",
    "uk": "GB",
    "grande bretagne": "GB",
    "great britain": "GB",
    "angleterre": "GB",
    "england": "GB",
    "hollande": "NL",
    "holland": "NL",
}


@cache
def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for lang in ("en", "fr"):
        for code, name in Locale(lang).territories.items():
            if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES:
                index[fold(name)] = code
                index[code.lower()] = code
    index.update(_COUNTRY_ALIASES)
    return index


def parse_country(value: str) -> str | None:
    return _country_index().get(fold(value))


_DATE_PATTERNS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})$"),
)


def parse_date(value: Any) -> date | None:
    """ISO (2016-03-30) or French (30/03/2016) dates; spreadsheet date cells as they are."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    text = text.split("T")[0].split(" ")[0] if re.match(r"^\d{4}-", text) else text
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return None
    return None


_TRUE = {"1", "oui", "yes", "true", "vrai", "x", "o", "y"}
_FALSE = {"0", "non", "no", "false", "faux", "n", ""}


def parse_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    key = fold(cell_text(value))
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    return None


def parse_float(value: Any) -> float | None:
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(cell_text(value).replace(",", ".").replace(" ", ""))
    except ValueError:
        return None


# Extra spellings met in real files, beyond the choices' own labels in both languages.
_CHOICE_ALIASES: dict[str, dict[str, str]] = {
    "partnership_kind": {
        "jumelage": "twinning",
        "sister city": "twinning",
        "ville jumelle": "twinning",
        "ville soeur": "twinning",
        "cooperation": "cooperation",
        "accord de cooperation": "cooperation",
        "convention de cooperation": "cooperation",
        "amitie": "friendship",
        "pacte d amitie": "friendship",
        "friendship": "friendship",
        "memorandum": "memorandum",
        "mou": "memorandum",
        "protocole d accord": "memorandum",
        "lettre d intention": "memorandum",
        "en negociation": "negotiation",
        "negociation": "negotiation",
        "contacts": "contact",
        "contacts a developper": "contact",
    },
    "partnership_status": {
        "actif": "active",
        "active": "active",
        "en sommeil": "dormant",
        "dormant": "dormant",
        "inactif": "dormant",
        "termine": "ended",
        "ended": "ended",
        "fini": "ended",
        "rompu": "ended",
    },
    "organisation_kind": {
        "ville": "commune",
        "mairie": "commune",
        "metropole": "intercommunality",
        "communaute d agglomeration": "intercommunality",
        "communaute de communes": "intercommunality",
        "conseil departemental": "departement",
        "department": "departement",
        "conseil regional": "region",
        "city": "foreign_city",
        "ville etrangere": "foreign_city",
        "comte": "foreign_county",
        "etat": "foreign_state",
        "province": "foreign_state",
        "etat ou province etrangere": "foreign_state",
        "county": "foreign_county",
        "state": "foreign_state",
        "entreprise": "company",
        "startup": "company",
        "agence": "agency",
        "ministere": "ministry",
        "reseau": "association",
        "cci": "chamber",
        "chambre de commerce": "chamber",
        "universite": "university",
        "autre": "other",
    },
    "civility": {
        "m": "mr",
        "mr": "mr",
        "monsieur": "mr",
        "mme": "ms",
        "madame": "ms",
        "mrs": "ms",
        "ms": "ms",
        "miss": "ms",
    },
}
_CHOICES = {
    "partnership_kind": PartnershipKind,
    "partnership_status": PartnershipStatus,
    "organisation_kind": OrganisationKind,
    "civility": Civility,
}


@cache
def _choice_index(name: str) -> dict[str, str]:
    choices = _CHOICES[name]
    index: dict[str, str] = {}
    for lang in ("en", "fr"):
        with translation.override(lang):
            for value, label in choices.choices:
                if value:
                    index[fold(str(label))] = value
                    # "Twinning / sister city": each half is a way to say it too.
                    for part in str(label).split("/"):
                        index.setdefault(fold(part), value)
    for value in choices.values:
        if value:
            index[fold(value)] = value
    index.update(_CHOICE_ALIASES.get(name, {}))
    return index


def parse_choice(name: str, value: Any) -> str | None:
    return _choice_index(name).get(fold(cell_text(value)))


def split_list(value: Any) -> list[str]:
    """Partners as "Caen / Nashville" or "Caen; Nashville"; themes also with commas."""
    return [part.strip() for part in re.split(r"\s+/\s+|;|\|", cell_text(value)) if part.strip()]


# --- Target fields and mapping --------------------------------------------------------------


@dataclass(frozen=True)
class TargetField:
    name: str
    label: Any  # a lazy translation
    required: bool = False
    aliases: tuple[str, ...] = ()


_ORG_FIELDS = (
    TargetField(
        "name",
        gettext_lazy("Name"),
        True,
        ("nom", "name", "organisation", "organization", "raisonsociale", "denomination"),
    ),
    TargetField("short_name", gettext_lazy("Short name"), False, ("nomcourt", "sigle", "acronym")),
    TargetField(
        "kind", gettext_lazy("Kind"), False, ("type", "kind", "categorie", "category", "nature")
    ),
    TargetField(
        "country", gettext_lazy("Country"), True, ("pays", "country", "codepays", "countrycode")
    ),
    TargetField("region", gettext_lazy("Region or state"), False, ("region", "etat", "state")),
    TargetField("city", gettext_lazy("City"), False, ("ville", "city", "commune", "town")),
    TargetField("latitude", gettext_lazy("Latitude"), False, ("latitude", "lat")),
    TargetField("longitude", gettext_lazy("Longitude"), False, ("longitude", "lon", "lng")),
    TargetField(
        "website", gettext_lazy("Website"), False, ("siteweb", "siteinternet", "website", "url")
    ),
    TargetField(
        "email", gettext_lazy("E-mail"), False, ("courriel", "email", "mail", "adressemail")
    ),
    TargetField("is_member", gettext_lazy("Member"), False, ("membre", "member", "adherent")),
    TargetField("description", gettext_lazy("Description"), False, ("description",)),
)
_PERSON_FIELDS = (
    TargetField("civility", gettext_lazy("Civility"), False, ("civilite", "civility", "titre")),
    TargetField(
        "first_name", gettext_lazy("First name"), True, ("prenom", "firstname", "givenname")
    ),
    TargetField(
        "last_name",
        gettext_lazy("Last name"),
        True,
        ("nom", "nomdefamille", "lastname", "surname", "familyname", "name"),
    ),
    TargetField(
        "function", gettext_lazy("Function"), False, ("fonction", "function", "poste", "jobtitle")
    ),
    TargetField(
        "organisation",
        gettext_lazy("Organisation"),
        True,
        ("organisation", "organization", "structure", "collectivite", "employeur", "entreprise"),
    ),
    TargetField(
        "email", gettext_lazy("E-mail"), False, ("courriel", "email", "mail", "adressemail")
    ),
    TargetField(
        "phone", gettext_lazy("Phone"), False, ("telephone", "tel", "phone", "mobile", "portable")
    ),
    TargetField("languages", gettext_lazy("Languages"), False, ("langues", "languages", "langue")),
    TargetField("consent", gettext_lazy("Consent"), False, ("consentement", "consent", "optin")),
    TargetField(
        "consent_date",
        gettext_lazy("Consent date"),
        False,
        ("dateduconsentement", "dateconsentement", "consentdate"),
    ),
)
_PARTNERSHIP_FIELDS = (
    TargetField("title", gettext_lazy("Title"), False, ("titre", "title", "intitule", "libelle")),
    TargetField(
        "partners",
        gettext_lazy("Partners"),
        True,
        ("partenaires", "partners", "membres", "members", "collectivites"),
    ),
    TargetField(
        "kind", gettext_lazy("Kind"), True, ("type", "kind", "nature", "typedepartenariat")
    ),
    TargetField("status", gettext_lazy("Status"), False, ("statut", "status", "etat")),
    TargetField(
        "signed_on",
        gettext_lazy("Signed on"),
        False,
        ("datedesignature", "signele", "signedon", "signed", "signature", "datesignature"),
    ),
    TargetField(
        "renewed_on",
        gettext_lazy("Renewed on"),
        False,
        ("datederenouvellement", "renouvelele", "renewedon", "renewed", "renouvellement"),
    ),
    TargetField(
        "themes", gettext_lazy("Themes"), False, ("themes", "theme", "thematiques", "topics")
    ),
    TargetField("description", gettext_lazy("Description"), False, ("description",)),
    TargetField("is_public", gettext_lazy("Public"), False, ("public", "publie", "ispublic")),
)
TARGET_FIELDS: dict[str, tuple[TargetField, ...]] = {
    ImportKind.ORGANISATIONS: _ORG_FIELDS,
    ImportKind.PEOPLE: _PERSON_FIELDS,
    ImportKind.PARTNERSHIPS: _PARTNERSHIP_FIELDS,
}


def guess_mapping(kind: str, headers: list[str]) -> dict[str, str]:
    """Target field -> header, from header names in French or English."""
    keys = {header_key(h): h for h in reversed(headers) if h}
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for target in TARGET_FIELDS[kind]:
        for alias in (header_key(target.name), *target.aliases):
            header = keys.get(alias)
            if header and header not in used:
                mapping[target.name] = header
                used.add(header)
                break
    return mapping


def initial_mapping(
    kind: str, headers: list[str], source_name: str, organisation: Organisation | None
) -> dict[str, str]:
    """The mapping saved for this source where it still fits the file, guesses elsewhere."""
    mapping = guess_mapping(kind, headers)
    saved = ColumnMapping.objects.filter(
        kind=kind, source_name=source_name, organisation=organisation
    ).first()
    if saved is not None:
        for target, header in saved.mapping.items():
            if header in headers:
                mapping[target] = header
    return mapping


def save_mapping(
    kind: str, source_name: str, organisation: Organisation | None, mapping: dict[str, str]
) -> None:
    ColumnMapping.objects.update_or_create(
        kind=kind,
        source_name=source_name,
        organisation=organisation,
        defaults={"mapping": {k: v for k, v in mapping.items() if v}},
    )


# --- Validation -----------------------------------------------------------------------------


@dataclass
class RowError:
    row: int
    column: str
    message: str
    code: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message, "code": self.code}


@dataclass
class Duplicate:
    row: int
    existing_id: int
    existing_label: str


@dataclass
class CleanRow:
    row: int
    values: dict[str, Any]
    existing_id: int | None = None


@dataclass
class ValidationResult:
    kind: str
    rows: list[CleanRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Directory:
    """What the database already holds, loaded once with a handful of queries."""

    orgs_by_name: dict[str, list[tuple[int, str]]]  # folded name -> [(id, country)]
    org_names: dict[int, str]
    sponsors: dict[int, int | None]
    people_by_email: dict[str, tuple[int, int]]  # e-mail -> (person id, organisation id)
    partnerships: dict[tuple[frozenset[int], str], int]
    partnership_titles: dict[int, str]
    themes: dict[str, int]

    @classmethod
    def load(cls, kind: str) -> _Directory:
        orgs_by_name: dict[str, list[tuple[int, str]]] = defaultdict(list)
        org_names: dict[int, str] = {}
        sponsors: dict[int, int | None] = {}
        for pk, name, country, sponsor_id in Organisation.objects.filter(
            archived_at=None
        ).values_list("pk", "name", "country", "sponsor_id"):
            orgs_by_name[fold(name)].append((pk, country))
            org_names[pk] = name
            sponsors[pk] = sponsor_id
        people: dict[str, tuple[int, int]] = {}
        if kind == ImportKind.PEOPLE:
            for pk, email, org_id in (
                Person.objects.filter(erased_at=None)
                .exclude(email="")
                # Oldest first so that the first record with an e-mail wins.
                .order_by("-pk")
                .values_list("pk", "email", "organisation_id")
            ):
                people[email.lower()] = (pk, org_id)
        partnerships: dict[tuple[frozenset[int], str], int] = {}
        titles: dict[int, str] = {}
        themes: dict[str, int] = {}
        if kind == ImportKind.PARTNERSHIPS:
            members: dict[int, set[int]] = defaultdict(set)
            for p_id, o_id in PartnershipMember.objects.filter(
                partnership__archived_at=None
            ).values_list("partnership_id", "organisation_id"):
                members[p_id].add(o_id)
            for pk, p_kind, title in Partnership.objects.filter(archived_at=None).values_list(
                "pk", "kind", "title"
            ):
                partnerships.setdefault((frozenset(members.get(pk, ())), p_kind), pk)
                titles[pk] = title
            for pk, code, label_fr, label_en in Theme.objects.values_list(
                "pk", "code", "label_fr", "label_en"
            ):
                themes[fold(label_fr)] = pk
                themes[fold(label_en)] = pk
                themes[fold(code)] = pk
        return cls(dict(orgs_by_name), org_names, sponsors, people, partnerships, titles, themes)


class _Validator:
    def __init__(
        self,
        kind: str,
        table: Table,
        mapping: dict[str, str],
        user: Any,
        decisions: dict[str, str] | None,
    ) -> None:
        self.kind = kind
        self.table = table
        self.user = user
        self.decisions = decisions
        self.fields = {f.name: f for f in TARGET_FIELDS[kind]}
        positions = {h: i for i, h in enumerate(table.headers)}
        self.columns = {
            target: (header, positions[header])
            for target, header in mapping.items()
            if target in self.fields and header in positions
        }
        self.result = ValidationResult(kind=kind)
        self.directory = _Directory.load(kind)
        self.staff = bool(is_network_staff(user))
        self.officer_orgs = officer_org_ids(user)
        self.seen: dict[Any, int] = {}

    # Helpers --------------------------------------------------------------------------------

    def header(self, target: str) -> str:
        column = self.columns.get(target)
        return column[0] if column else str(self.fields[target].label)

    def cell(self, cells: list[Any], target: str) -> Any:
        column = self.columns.get(target)
        return cells[column[1]] if column else None

    def error(self, row: int, target: str, message: str, code: str) -> None:
        self.result.errors.append(RowError(row, self.header(target), message, code))

    def may_edit_org(self, org_id: int) -> bool:
        if self.staff:
            return True
        return org_id in self.officer_orgs or self.directory.sponsors.get(org_id) in (
            self.officer_orgs
        )

    def find_org(self, row: int, target: str, name: str) -> int | None:
        matches = self.directory.orgs_by_name.get(fold(name), [])
        if len(matches) == 1:
            return matches[0][0]
        if not matches:
            self.error(
                row,
                target,
                _("Unknown organisation “%(name)s”: import it or create it first.")
                % {"name": name},
                "unknown_organisation",
            )
        else:
            self.error(
                row,
                target,
                _("Several organisations are named “%(name)s”; rename one of them first.")
                % {"name": name},
                "ambiguous_organisation",
            )
        return None

    def text(self, cells: list[Any], row: int, target: str, max_length: int) -> str:
        value = cell_text(self.cell(cells, target))
        if not value and self.fields[target].required and target in self.columns:
            self.error(row, target, _("A value is required."), "required")
        elif len(value) > max_length:
            self.error(
                row,
                target,
                _("Too long: at most %(n)s characters.") % {"n": max_length},
                "too_long",
            )
        return value

    def email(self, cells: list[Any], row: int, target: str = "email") -> str:
        value = cell_text(self.cell(cells, target)).lower()
        if value:
            try:
                validate_email(value)
            except ValidationError:
                self.error(
                    row,
                    target,
                    _("“%(value)s” is not a valid e-mail address.") % {"value": value},
                    "invalid_email",
                )
        return value

    def date(self, cells: list[Any], row: int, target: str) -> date | None:
        raw = self.cell(cells, target)
        if not cell_text(raw):
            return None
        value = parse_date(raw)
        if value is None:
            self.error(
                row,
                target,
                _("“%(value)s” is not a date; write 2016-03-30 or 30/03/2016.")
                % {"value": cell_text(raw)},
                "invalid_date",
            )
        return value

    def boolean(self, cells: list[Any], row: int, target: str) -> bool | None:
        raw = self.cell(cells, target)
        if target not in self.columns:
            return None
        value = parse_bool(raw)
        if value is None:
            self.error(
                row,
                target,
                _("“%(value)s” is neither yes nor no.") % {"value": cell_text(raw)},
                "invalid_boolean",
            )
        return value

    def choice(
        self, cells: list[Any], row: int, target: str, choices: str, default: str | None
    ) -> str | None:
        raw = cell_text(self.cell(cells, target))
        if not raw:
            if self.fields[target].required and target in self.columns:
                self.error(row, target, _("A value is required."), "required")
            return default
        value = parse_choice(choices, raw)
        if value is None:
            self.error(
                row,
                target,
                _("Unknown value “%(value)s”.") % {"value": raw},
                "invalid_choice",
            )
        return value

    def in_file_duplicate(self, row: int, target: str, key: Any) -> bool:
        first = self.seen.setdefault(key, row)
        if first != row:
            self.error(
                row,
                target,
                _("Duplicate of row %(row)s in this file.") % {"row": first},
                "duplicate_in_file",
            )
            return True
        return False

    def existing(self, row: CleanRow, existing_id: int | None, label: str) -> bool:
        """Record a duplicate of the database; False when the row is to be skipped."""
        if existing_id is None:
            return True
        row.existing_id = existing_id
        self.result.duplicates.append(Duplicate(row.row, existing_id, label))
        if self.decisions is None:
            return True  # preview: every row is shown, the person decides afterwards
        # "*" holds the choice for the duplicates the preview did not list one by one.
        decision = self.decisions.get(str(row.row), self.decisions.get("*"))
        if decision not in (MERGE, SKIP):
            self.result.errors.append(
                RowError(
                    row.row,
                    "",
                    _("“%(label)s” already exists: choose to merge or to skip this row.")
                    % {"label": label},
                    "undecided_duplicate",
                )
            )
            return False
        return decision == MERGE

    # Per kind -------------------------------------------------------------------------------

    def organisation(self, row: int, cells: list[Any]) -> CleanRow | None:
        values: dict[str, Any] = {
            "name": self.text(cells, row, "name", 200),
            "short_name": self.text(cells, row, "short_name", 60),
            "region": self.text(cells, row, "region", 120),
            "city": self.text(cells, row, "city", 120),
            "description": self.text(cells, row, "description", 10_000),
            "email": self.email(cells, row),
        }
        values["kind"] = self.choice(cells, row, "kind", "organisation_kind", None)
        raw_country = cell_text(self.cell(cells, "country"))
        country = parse_country(raw_country) if raw_country else None
        if not raw_country and "country" in self.columns:
            self.error(row, "country", _("A value is required."), "required")
        elif raw_country and country is None:
            self.error(
                row,
                "country",
                _("Unknown country “%(value)s”.") % {"value": raw_country},
                "unknown_country",
            )
        values["country"] = country
        for target, bound in (("latitude", 90), ("longitude", 180)):
            raw = self.cell(cells, target)
            number = parse_float(raw) if cell_text(raw) else None
            if cell_text(raw) and (number is None or abs(number) > bound):
                self.error(
                    row,
                    target,
                    _("“%(value)s” is not a valid coordinate.") % {"value": cell_text(raw)},
                    "invalid_coordinate",
                )
            values[target] = number
        website = cell_text(self.cell(cells, "website"))
        if website and not website.startswith(("http://", "https://")):
            website = "https://" + website
        if website:
            try:
                URLValidator()(website)
            except ValidationError:
                self.error(
                    row,
                    "website",
                    _("“%(value)s” is not a valid web address.") % {"value": website},
                    "invalid_url",
                )
        values["website"] = website
        values["is_member"] = self.boolean(cells, row, "is_member")
        clean = CleanRow(row, values)
        if not values["name"] or not country:
            return clean
        key = (fold(values["name"]), country)
        if self.in_file_duplicate(row, "name", ("org", *key)):
            return None
        existing = next(
            (pk for pk, c in self.directory.orgs_by_name.get(key[0], []) if c == country), None
        )
        if existing is not None and not self.may_edit_org(existing):
            self.error(
                row,
                "name",
                _("“%(name)s” already exists and you may not change it.")
                % {"name": values["name"]},
                "forbidden",
            )
            return None
        label = self.directory.org_names.get(existing or 0, "")
        return clean if self.existing(clean, existing, label) else None

    def person(self, row: int, cells: list[Any]) -> CleanRow | None:
        values: dict[str, Any] = {
            "first_name": self.text(cells, row, "first_name", 100),
            "last_name": self.text(cells, row, "last_name", 100),
            "function": self.text(cells, row, "function", 200),
            "phone": self.text(cells, row, "phone", 40),
            "languages": self.text(cells, row, "languages", 60),
            "email": self.email(cells, row),
        }
        values["civility"] = self.choice(cells, row, "civility", "civility", None)
        values["consent"] = self.boolean(cells, row, "consent")
        values["consent_date"] = self.date(cells, row, "consent_date")
        org_name = self.text(cells, row, "organisation", 200)
        org_id = self.find_org(row, "organisation", org_name) if org_name else None
        if org_id is not None and not self.may_edit_org(org_id):
            self.error(
                row,
                "organisation",
                _("You may not add people to “%(name)s”.") % {"name": org_name},
                "forbidden",
            )
            org_id = None
        values["organisation_id"] = org_id
        clean = CleanRow(row, values)
        email = values["email"]
        if not email:
            return clean
        if self.in_file_duplicate(row, "email", ("person", email)):
            return None
        found = self.directory.people_by_email.get(email)
        if found is not None and not self.may_edit_org(found[1]):
            self.error(
                row,
                "email",
                _("A person with this e-mail exists in an organisation you may not change."),
                "forbidden",
            )
            return None
        label = email
        return clean if self.existing(clean, found[0] if found else None, label) else None

    def partnership(self, row: int, cells: list[Any]) -> CleanRow | None:
        values: dict[str, Any] = {
            "title": self.text(cells, row, "title", 200),
            "description": self.text(cells, row, "description", 10_000),
        }
        values["kind"] = self.choice(cells, row, "kind", "partnership_kind", None)
        values["status"] = self.choice(cells, row, "status", "partnership_status", None)
        values["signed_on"] = self.date(cells, row, "signed_on")
        values["renewed_on"] = self.date(cells, row, "renewed_on")
        if (
            values["signed_on"]
            and values["renewed_on"]
            and values["renewed_on"] < values["signed_on"]
        ):
            self.error(
                row, "renewed_on", _("Renewed before it was signed."), "renewed_before_signed"
            )
        values["is_public"] = self.boolean(cells, row, "is_public")
        theme_ids = []
        for label in split_list(self.cell(cells, "themes")):
            for part in label.split(","):
                theme_id = self.directory.themes.get(fold(part))
                if theme_id is None:
                    self.error(
                        row,
                        "themes",
                        _("Unknown theme “%(value)s”.") % {"value": part.strip()},
                        "unknown_theme",
                    )
                else:
                    theme_ids.append(theme_id)
        values["theme_ids"] = sorted(set(theme_ids))
        names = split_list(self.cell(cells, "partners"))
        if not names and "partners" in self.columns:
            self.error(row, "partners", _("A value is required."), "required")
        elif len(names) == 1:
            self.error(
                row,
                "partners",
                _("A partnership needs at least two partners, separated by “ / ” or “;”."),
                "too_few_partners",
            )
        partner_ids = [self.find_org(row, "partners", name) for name in names]
        ids = [pk for pk in partner_ids if pk is not None]
        if len(ids) != len(names) or len(names) < 2:
            return CleanRow(row, values)
        if not self.staff and not self.officer_orgs.intersection(ids):
            self.error(
                row,
                "partners",
                _("You may only import partnerships of your own organisation."),
                "forbidden",
            )
            return None
        values["partner_ids"] = list(dict.fromkeys(ids))
        if not values["title"]:
            values["title"] = " \u2013 ".join(self.directory.org_names[pk] for pk in ids)[:200]
        clean = CleanRow(row, values)
        if values["kind"] is None:
            return clean
        key = (frozenset(ids), values["kind"])
        if self.in_file_duplicate(row, "partners", ("partnership", key)):
            return None
        existing = self.directory.partnerships.get(key)
        label = self.directory.partnership_titles.get(existing or 0, "")
        return clean if self.existing(clean, existing, label) else None

    def run(self, progress: Callable[[int], None] | None = None) -> ValidationResult:
        missing = [f for f in self.fields.values() if f.required and f.name not in self.columns]
        # A missing column is reported once, on the header row, before any data row.
        for target in missing:
            self.result.errors.append(
                RowError(
                    1,
                    str(target.label),
                    _("The required column “%(field)s” is missing or not mapped.")
                    % {"field": target.label},
                    "missing_column",
                )
            )
        handler = {
            ImportKind.ORGANISATIONS: self.organisation,
            ImportKind.PEOPLE: self.person,
            ImportKind.PARTNERSHIPS: self.partnership,
        }[ImportKind(self.kind)]
        for done, (number, cells) in enumerate(self.table.rows, 1):
            clean = handler(number, cells)
            if clean is not None:
                self.result.rows.append(clean)
            if progress and done % PROGRESS_EVERY == 0:
                progress(done)
        return self.result


def validate_table(
    kind: str,
    table: Table,
    mapping: dict[str, str],
    *,
    user: Any,
    decisions: dict[str, str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> ValidationResult:
    """Check every row; `decisions=None` is the preview, where duplicates are only listed."""
    return _Validator(kind, table, mapping, user, decisions).run(progress)


# --- Writing --------------------------------------------------------------------------------


def _updates(values: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """Fields to change on a merge: the file's non-empty values only."""
    return {n: values[n] for n in names if values.get(n) not in (None, "")}


def _write_organisations(rows: list[CleanRow], now: datetime) -> tuple[int, int]:
    names = [
        "name",
        "short_name",
        "kind",
        "country",
        "region",
        "city",
        "latitude",
        "longitude",
        "website",
        "email",
        "is_member",
        "description",
    ]
    new = [
        Organisation(
            **{
                **{n: row.values[n] for n in names if row.values.get(n) is not None},
                "kind": row.values["kind"] or OrganisationKind.OTHER,
                "is_member": bool(row.values["is_member"]),
            }
        )
        for row in rows
        if row.existing_id is None
    ]
    Organisation.objects.bulk_create(new, batch_size=BATCH_SIZE)
    merged = [row for row in rows if row.existing_id is not None]
    existing = Organisation.objects.in_bulk([row.existing_id for row in merged])
    changed: set[str] = {"updated_at"}
    for row in merged:
        organisation = existing[row.existing_id]
        for name, value in _updates(row.values, names).items():
            setattr(organisation, name, value)
            changed.add(name)
        organisation.updated_at = now
    Organisation.objects.bulk_update(list(existing.values()), sorted(changed), BATCH_SIZE)
    return len(new), len(merged)


def _consent_time(values: dict[str, Any], now: datetime) -> datetime | None:
    if not values["consent"]:
        return None
    if values["consent_date"]:
        return timezone.make_aware(datetime.combine(values["consent_date"], time(12)))
    return now


def _write_people(rows: list[CleanRow], now: datetime) -> tuple[int, int]:
    names = "civility first_name last_name function email phone languages organisation_id"
    fields = names.split()
    new = []
    for row in rows:
        if row.existing_id is None:
            person = Person(**{n: row.values[n] or "" for n in fields if n != "organisation_id"})
            person.organisation_id = row.values["organisation_id"]
            person.consent_given = bool(row.values["consent"])
            person.consent_date = _consent_time(row.values, now)
            new.append(person)
    Person.objects.bulk_create(new, batch_size=BATCH_SIZE)
    merged = [row for row in rows if row.existing_id is not None]
    existing = Person.objects.in_bulk([row.existing_id for row in merged])
    changed: set[str] = {"updated_at"}
    for row in merged:
        person = existing[row.existing_id]
        for name, value in _updates(row.values, fields).items():
            setattr(person, name, value)
            changed.add(name)
        if row.values["consent"] is not None:
            person.consent_given = row.values["consent"]
            person.consent_date = _consent_time(row.values, now)
            changed |= {"consent_given", "consent_date"}
        person.updated_at = now
    Person.objects.bulk_update(list(existing.values()), sorted(changed), BATCH_SIZE)
    return len(new), len(merged)


def _write_partnerships(rows: list[CleanRow], user: Any, now: datetime) -> tuple[int, int]:
    fields = ["title", "kind", "status", "signed_on", "renewed_on", "description", "is_public"]
    created_rows = [row for row in rows if row.existing_id is None]
    new = [
        Partnership(
            **{n: row.values[n] for n in fields if row.values.get(n) is not None},
            created_by=user,
        )
        for row in created_rows
    ]
    Partnership.objects.bulk_create(new, batch_size=BATCH_SIZE)
    through = Partnership.themes.through
    members = []
    themes = []
    for row, partnership in zip(created_rows, new, strict=True):
        members += [
            PartnershipMember(partnership_id=partnership.pk, organisation_id=org_id)
            for org_id in row.values["partner_ids"]
        ]
        themes += [
            through(partnership_id=partnership.pk, theme_id=theme_id)
            for theme_id in row.values["theme_ids"]
        ]
    merged = [row for row in rows if row.existing_id is not None]
    existing = Partnership.objects.in_bulk([row.existing_id for row in merged])
    have = set(
        through.objects.filter(partnership_id__in=existing).values_list(
            "partnership_id", "theme_id"
        )
    )
    changed: set[str] = {"updated_at"}
    for row in merged:
        partnership = existing[row.existing_id]
        for name, value in _updates(row.values, fields).items():
            setattr(partnership, name, value)
            changed.add(name)
        partnership.updated_at = now
        themes += [
            through(partnership_id=partnership.pk, theme_id=theme_id)
            for theme_id in row.values["theme_ids"]
            if (partnership.pk, theme_id) not in have
        ]
    Partnership.objects.bulk_update(list(existing.values()), sorted(changed), BATCH_SIZE)
    PartnershipMember.objects.bulk_create(members, batch_size=BATCH_SIZE)
    through.objects.bulk_create(themes, batch_size=BATCH_SIZE)
    return len(new), len(merged)


def write_rows(result: ValidationResult, *, user: Any) -> tuple[int, int]:
    """Write a validated file in one transaction; returns (created, updated)."""
    if not result.ok:
        raise DomainError(_("The file has errors; nothing was imported."), code="invalid_file")
    now = timezone.now()
    with transaction.atomic(), acting_as(user):
        if result.kind == ImportKind.ORGANISATIONS:
            return _write_organisations(result.rows, now)
        if result.kind == ImportKind.PEOPLE:
            return _write_people(result.rows, now)
        return _write_partnerships(result.rows, user, now)


# --- Jobs -----------------------------------------------------------------------------------


def load_job_table(job: ImportJob) -> Table:
    with job.file.open("rb") as handle:
        data = handle.read()
    return read_table(data, job.original_filename)


def _fail(job: ImportJob, errors: list[RowError]) -> None:
    job.status = ImportStatus.FAILED
    job.report = [e.as_dict() for e in sorted(errors, key=lambda e: e.row)]
    job.processed_rows = 0
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "report", "processed_rows", "finished_at"])


def run_job(job_id: int) -> dict[str, Any]:
    """Validate then write an import job; on any error nothing is written."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status not in (ImportStatus.QUEUED, ImportStatus.MAPPED):
        return {"status": job.status}
    user = job.created_by
    with translation.override(getattr(user, "language", None) or settings.LANGUAGE_CODE):
        job.status = ImportStatus.RUNNING
        job.save(update_fields=["status"])
        try:
            table = load_job_table(job)
        except (ImportFileError, OSError) as exc:
            _fail(job, [RowError(0, "", str(exc), getattr(exc, "code", "unreadable_file"))])
            return {"status": job.status}
        total = len(table.rows)
        job.total_rows = total
        job.save(update_fields=["total_rows"])

        def progress(done: int) -> None:
            # Progress is written during validation, outside the write transaction, so
            # other connections see it (on PostgreSQL a write inside it would stay hidden).
            ImportJob.objects.filter(pk=job.pk).update(processed_rows=int(done * VALIDATION_SHARE))

        result = validate_table(
            job.kind,
            table,
            job.mapping,
            user=user,
            decisions={str(k): v for k, v in job.decisions.items()},
            progress=progress,
        )
        if not result.ok:
            _fail(job, result.errors)
            return {"status": job.status, "errors": len(result.errors)}
        try:
            created, updated = write_rows(result, user=user)
        except Exception:
            logger.exception("Import job %s failed while writing", job.pk)
            _fail(
                job,
                [
                    RowError(
                        0,
                        "",
                        _("The import failed unexpectedly; nothing was written."),
                        "write_failed",
                    )
                ],
            )
            return {"status": job.status}
        job.status = ImportStatus.DONE
        job.processed_rows = total
        job.created_count = created
        job.updated_count = updated
        job.report = []
        job.finished_at = timezone.now()
        job.save(
            update_fields=[
                "status",
                "processed_rows",
                "created_count",
                "updated_count",
                "report",
                "finished_at",
            ]
        )
        return {"status": job.status, "created": created, "updated": updated}


def summary(created: int, updated: int) -> str:
    return ngettext(
        "%(created)s record created, %(updated)s updated.",
        "%(created)s records created, %(updated)s updated.",
        created,
    ) % {"created": created, "updated": updated}
