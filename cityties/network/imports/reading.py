"""Reading an uploaded CSV or XLSX file into a table of cells."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from cityties.core.errors import DomainError

ALLOWED_EXTENSIONS = (".csv", ".xlsx")


class ImportFileError(DomainError):
    code = "unreadable_file"


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
