"""What validating a file produces (clean rows, row errors, duplicates, unknown values),
the options a person chose (defaults, value remapping, switches), and the helpers every
kind's row validator shares. The kinds' own rules live in their areas."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from .fields import TargetField, choice_index, fold, header_key, parse_bool, parse_date
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
class Options:
    """What a person chose beside the column mapping."""

    defaults: dict[str, str] = field(default_factory=dict)
    # field -> {value as written in the file: value to use}
    remap: dict[str, dict[str, str]] = field(default_factory=dict)
    create_missing: bool = False
    skip_invalid: bool = False

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Options:
        data = data or {}
        return cls(
            defaults={str(k): str(v) for k, v in (data.get("defaults") or {}).items() if v},
            remap={
                str(f): {str(k): str(v) for k, v in values.items() if v}
                for f, values in (data.get("remap") or {}).items()
            },
            create_missing=bool(data.get("create_missing")),
            skip_invalid=bool(data.get("skip_invalid")),
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "defaults": self.defaults,
            "remap": self.remap,
            "create_missing": self.create_missing,
            "skip_invalid": self.skip_invalid,
        }

    def remapped(self, target: str, raw: str) -> str | None:
        values = self.remap.get(target)
        if not values:
            return None
        return values.get(raw) or {fold(k): v for k, v in values.items()}.get(fold(raw))


@dataclass
class ValidationResult:
    kind: str
    rows: list[CleanRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    # field -> {value not recognised: number of rows}, for the value remapping table.
    unknown_values: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    # What the write would do: {"organisations": 12, "partnerships": 30} created…
    planned: dict[str, int] = field(default_factory=dict)
    matched: int = 0
    # Remarks that are not errors ("Springfield: the most populous of 5 places").
    notes: list[RowError] = field(default_factory=list)
    header_row: int = 1
    # What a kind keeps between its validation and its write (records planned…).
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_rows(self) -> set[int]:
        return {e.row for e in self.errors}

    @property
    def blocking(self) -> bool:
        """An error not tied to a data row (a missing column): nothing can be written."""
        return any(e.row <= self.header_row for e in self.errors)

    def valid_rows(self) -> list[CleanRow]:
        bad = self.error_rows
        return [row for row in self.rows if row.row not in bad]

    def sorted_errors(self) -> list[RowError]:
        return sorted(self.errors, key=lambda e: e.row)


class RowValidator:
    """Reads a table's cells through the mapping, the defaults and the value remapping.

    A kind subclasses it and writes one method per row; errors are collected, never
    raised, so that a report lists every one of them.
    """

    def __init__(
        self,
        kind: str,
        fields: tuple[TargetField, ...],
        table: Table,
        mapping: dict[str, str],
        options: Options,
        decisions: dict[str, str] | None,
    ) -> None:
        self.kind = kind
        self.table = table
        self.options = options
        self.decisions = decisions
        self.fields = {f.name: f for f in fields}
        positions = {h: i for i, h in enumerate(table.headers) if h}
        self.columns = {
            target: (header, positions[header])
            for target, header in mapping.items()
            if target in self.fields and header in positions
        }
        # Other columns that name a mapped field too, read where its own cell is empty (a
        # report in sections gives each section its own "Country" or "Name" column).
        taken = {position for _header, position in self.columns.values()}
        self.spares: dict[str, list[int]] = {}
        for target in self.columns:
            names = {header_key(target), *self.fields[target].aliases}
            spare = [
                i
                for i, h in enumerate(table.headers)
                if h and i not in taken and header_key(h) in names
            ]
            if spare:
                self.spares[target] = spare
        self.result = ValidationResult(kind=kind, header_row=table.header_row)
        for number in table.repaired:
            self.result.notes.append(
                RowError(
                    number,
                    "",
                    _("A comma inside a value was not quoted: the value is read whole."),
                    "unquoted_comma",
                )
            )
        self.seen: dict[Any, int] = {}
        self._indexes: dict[str, dict[str, str]] = {}

    # Reading cells ---------------------------------------------------------------------

    def header(self, target: str) -> str:
        column = self.columns.get(target)
        if column:
            return column[0]
        target_field = self.fields.get(target)
        return str(target_field.label) if target_field else target

    def has(self, target: str) -> bool:
        return target in self.columns or bool(self.options.defaults.get(target))

    def cell(self, cells: list[Any], target: str) -> Any:
        column = self.columns.get(target)
        value = cells[column[1]] if column else None
        if not cell_text(value):
            for position in self.spares.get(target, ()):
                if cell_text(cells[position]):
                    return cells[position]
        if not cell_text(value) and self.options.defaults.get(target):
            return self.options.defaults[target]
        return value

    def error(self, row: int, target: str, message: str, code: str) -> None:
        self.result.errors.append(RowError(row, self.header(target), message, code))

    def note(self, row: int, target: str, message: str, code: str) -> None:
        self.result.notes.append(RowError(row, self.header(target), message, code))

    def text(self, cells: list[Any], row: int, target: str, max_length: int) -> str:
        value = cell_text(self.cell(cells, target))
        if not value and self.fields[target].required and self.has(target):
            self.error(row, target, _("A value is required."), "required")
        elif len(value) > max_length:
            self.error(
                row,
                target,
                _("Too long: at most %(n)s characters.") % {"n": max_length},
                "too_long",
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
        if not self.has(target):
            return None
        raw = self.cell(cells, target)
        value = parse_bool(raw)
        if value is None:
            self.error(
                row,
                target,
                _("“%(value)s” is neither yes nor no.") % {"value": cell_text(raw)},
                "invalid_boolean",
            )
        return value

    def recognise(self, target: str, raw: str) -> str | None:
        """A vocabulary value from what the file says: remapped, then known spellings."""
        target_field = self.fields[target]
        remapped = self.options.remapped(target_field.vocabulary_name, raw)
        if remapped is not None:
            return remapped
        if target_field.resolver is not None:
            return target_field.resolver(raw)
        if target not in self._indexes:
            self._indexes[target] = choice_index(target_field)
        return self._indexes[target].get(fold(raw))

    def choice(
        self,
        cells: list[Any],
        row: int,
        target: str,
        *,
        raw: str | None = None,
        message: Callable[[str], str] | None = None,
        code: str = "unknown_value",
    ) -> str | None:
        """A value of the field's vocabulary; an unknown one is a row error and goes to the
        remapping table."""
        if raw is None:
            raw = cell_text(self.cell(cells, target))
        if not raw:
            if self.fields[target].required and self.has(target):
                self.error(row, target, _("A value is required."), "required")
            return None
        value = self.recognise(target, raw)
        if value is None:
            self.result.unknown_values[self.fields[target].vocabulary_name][raw] += 1
            self.error(
                row,
                target,
                message(raw) if message else _("Unknown value “%(value)s”.") % {"value": raw},
                code,
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
        decision = self.decisions.get(str(row.row), self.decisions.get("*", SKIP))
        return decision == MERGE

    def missing_columns(self) -> None:
        """A required field with neither a column nor a default, reported once."""
        for target in self.fields.values():
            if target.required and not self.has(target.name):
                self.result.errors.append(
                    RowError(
                        self.table.header_row,
                        str(target.label),
                        _("The required column “%(field)s” is missing or not mapped.")
                        % {"field": target.label},
                        "missing_column",
                    )
                )

    def run(
        self,
        handler: Callable[[int, list[Any]], CleanRow | None],
        progress: Callable[[int], None] | None = None,
    ) -> ValidationResult:
        self.missing_columns()
        for done, (number, cells) in enumerate(self.table.rows, 1):
            clean = handler(number, cells)
            if clean is not None:
                self.result.rows.append(clean)
            if progress and done % PROGRESS_EVERY == 0:
                progress(done)
        return self.result
