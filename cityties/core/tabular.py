"""The one writer of every CSV and XLSX file the platform produces.

Cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
return) are prefixed with an apostrophe. CSV files carry a UTF-8 BOM and use the separator
Excel expects in the reader's locale (";" in French, "," in English); XLSX files have a bold
header, column widths, a frozen first row and filters.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import get_language

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 60


def neutralise(value: Any) -> Any:
    """A text cell that would run as a formula, made inert; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_delimiter(language: str | None = None) -> str:
    language = language or get_language() or "fr"
    return "," if language.startswith("en") else ";"


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return neutralise(value) if isinstance(value, str) else value


def to_csv(
    headers: Sequence[Any], rows: Iterable[Sequence[Any]], *, language: str | None = None
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=csv_delimiter(language))
    writer.writerow([neutralise(str(h)) for h in headers])
    for row in rows:
        writer.writerow([_plain(v) for v in row])
    # With a BOM, Excel opens the file as UTF-8 (accents intact).
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, Decimal | int | float | date | datetime | bool) or value is None:
        return value
    return neutralise(str(value))


def to_xlsx(
    headers: Sequence[Any], rows: Iterable[Sequence[Any]], *, sheet_title: str = "Sheet"
) -> bytes:
    return to_xlsx_book([(sheet_title, headers, rows)])


def to_xlsx_book(sheets: Sequence[tuple[str, Sequence[Any], Iterable[Sequence[Any]]]]) -> bytes:
    """One workbook, a sheet per (title, headers, rows), each with bold frozen headers and
    a filter."""
    from openpyxl import Workbook  # heavy import, only when exporting

    workbook = Workbook()
    first = workbook.active
    assert first is not None
    for index, (title, headers, rows) in enumerate(sheets):
        sheet = first if index == 0 else workbook.create_sheet()
        _fill_sheet(sheet, title, headers, rows)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _fill_sheet(
    sheet: Any, title: str, headers: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    # Excel refuses sheet titles over 31 characters or with []:*?/\ in them.
    sheet.title = "".join(c for c in str(title) if c not in "[]:*?/\\")[:31] or "Sheet"
    header_cells = [neutralise(str(h)) for h in headers]
    sheet.append(header_cells)
    widths = [len(h) for h in header_cells]
    for row in rows:
        values = [_xlsx_value(v) for v in row]
        sheet.append(values)
        for i, value in enumerate(values[: len(widths)]):
            widths[i] = max(widths[i], len(str(value)) if value is not None else 0)
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    for i, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(i)].width = min(MAX_WIDTH, width + 2)
    sheet.freeze_panes = "A2"
    if headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, sheet.max_row)}"
