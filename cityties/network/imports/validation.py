"""Validation of every row against the database; duplicates wait for a merge or skip."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _

from cityties.accounts.permissions import is_network_staff, officer_org_ids

from ..models import ImportKind, Organisation, Partnership, PartnershipMember, Person, Theme
from .fields import (
    TARGET_FIELDS,
    fold,
    parse_bool,
    parse_choice,
    parse_country,
    parse_date,
    parse_float,
    split_list,
)
from .reading import Table, cell_text

PROGRESS_EVERY = 250
MERGE, SKIP = "merge", "skip"


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
