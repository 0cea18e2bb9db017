"""Reading an uploaded file (CSV in any delimiter and encoding, XLSX, JSON) into a table.

Spreadsheets are read with limits on columns, rows, uncompressed size and time: a file
beyond them is refused with a message, never read into memory whole. Title lines above
the header row are skipped.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from cityties.core.errors import DomainError

ALLOWED_EXTENSIONS = (".csv", ".tsv", ".txt", ".xlsx", ".json")
MAX_COLUMNS = 200
MAX_ROWS = 100_000
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 150
MAX_SECONDS = 60.0
# How many rows the header row is looked for in (title lines above it are skipped).
HEADER_SEARCH_ROWS = 15
# When the kind's headers are known, a long preamble is looked through further.
NAMED_HEADER_SEARCH_ROWS = 60

# How well a row of cells reads as a kind's header row: the number of cells naming one of
# its fields (see `mapping.header_score`). Used to find the header row below title lines
# and, in a workbook, the sheet that holds the records.
HeaderScore = Callable[[list[str]], int]


class ImportFileError(DomainError):
    code = "unreadable_file"


@dataclass
class Table:
    headers: list[str]
    # (row number as shown by the spreadsheet, cells); the header row's number is below.
    rows: list[tuple[int, list[Any]]]
    header_row: int = 1
    # Rows of a CSV whose unquoted commas were read as a value's own ("Director, Office of
    # Innovation"): their numbers, for the report.
    repaired: list[int] = field(default_factory=list)


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
        raise _bad_extension()


def _bad_extension() -> ImportFileError:
    return ImportFileError(
        _("Only CSV (.csv), Excel (.xlsx) and JSON (.json) files can be imported."),
        code="bad_extension",
    )


def _too_many_columns() -> ImportFileError:
    return ImportFileError(
        _("The file has more than %(n)s columns; keep only the columns to import.")
        % {"n": MAX_COLUMNS},
        code="too_many_columns",
    )


def _too_many_rows() -> ImportFileError:
    return ImportFileError(
        _("The file has more than %(n)s rows; split it into several files.") % {"n": MAX_ROWS},
        code="too_many_rows",
    )


def read_table(data: bytes, filename: str, kind: str | None = None) -> Table:
    """The file's table; with the kind of import, the header row and (in a workbook of
    several sheets) the sheet are the ones whose headers name the kind's fields best."""
    score = _scorer(kind)
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".xlsx":
        lines = _pick_sheet(_read_xlsx(data), score)
    elif suffix in (".csv", ".tsv", ".txt"):
        return _to_table(_read_csv(data), score, unquoted_commas=True)
    elif suffix == ".json":
        lines = _read_json(data)
    else:
        raise _bad_extension()
    return _to_table(lines, score)


def _scorer(kind: str | None) -> HeaderScore | None:
    if not kind:
        return None
    from .mapping import header_score  # the mapping reads the registry, which is above

    return header_score(kind)


def _texts(cells: list[Any]) -> list[str]:
    return [cell_text(c) for c in cells]


def _pick_sheet(
    sheets: list[list[tuple[int, list[Any]]]], score: HeaderScore | None
) -> list[tuple[int, list[Any]]]:
    """The sheet holding the records: the one whose header names most of the kind's
    fields, then the one with most rows of two cells or more (not an "Info" sheet)."""
    if len(sheets) <= 1:
        return sheets[0] if sheets else []

    def rank(lines: list[tuple[int, list[Any]]]) -> tuple[int, int]:
        top = [(n, c) for n, c in lines if _filled(c)][:NAMED_HEADER_SEARCH_ROWS]
        fit = max((score(_texts(cells)) for _n, cells in top), default=0) if score else 0
        return fit, sum(1 for _n, cells in lines if _filled(cells) >= 2)

    return max(sheets, key=rank)


def _filled(cells: list[Any]) -> int:
    return sum(1 for c in cells if cell_text(c))


def _find_header(lines: list[tuple[int, list[Any]]], score: HeaderScore | None = None) -> int:
    """Index of the header row: the row naming most of the kind's fields near the top (two
    at least), else the first row nearly as wide as the widest near the top."""
    if score is not None:
        fits = [score(_texts(cells)) for _n, cells in lines[:NAMED_HEADER_SEARCH_ROWS]]
        best = max(fits, default=0)
        if best >= 2:
            return fits.index(best)
    top = lines[:HEADER_SEARCH_ROWS]
    widest = max((_filled(cells) for _n, cells in top), default=0)
    for index, (_number, cells) in enumerate(top):
        filled = _filled(cells)
        if filled and (filled >= 2 or widest <= 1) and filled * 2 >= widest:
            return index
    return 0


def _section_headers(
    lines: list[tuple[int, list[Any]]], start: int, score: HeaderScore | None
) -> list[int]:
    """The header rows of a report in sections, each with its own columns (a webinar
    report: hosts, panelists, then attendees): besides the best one, the rows of three
    cells or more that name two of the kind's fields or more and have a row below."""
    if score is None:
        return [start]
    found = [start]
    for index, (_number, cells) in enumerate(lines[:-1]):
        if index != start and _filled(cells) >= 3 and score(_texts(cells)) >= 2:
            found.append(index)
    return sorted(found)


_PAGE_NUMBER = re.compile(
    r"^(?:page|p|seite|pagina|folio)?\s*\d+(?:\s*(?:of|sur|de|von|/)?\s*\d+)?$"
)


def _trimmed(texts: list[str]) -> list[str]:
    while texts and not texts[-1]:
        texts = texts[:-1]
    return texts


def _rejoined(cells: list[Any], width: int) -> list[Any] | None:
    """A CSV row longer than its header because a value held an unquoted comma followed by
    a space ("Director, Office of Innovation", "Pittsburgh, PA"): the pieces that begin
    with a space joined back to the one before, when they are exactly the extra cells."""
    extra = len(_trimmed([cell_text(c) for c in cells])) - width
    if extra <= 0:
        return None
    pieces = [k for k in range(1, len(cells)) if isinstance(cells[k], str) and cells[k][:1] == " "]
    if len(pieces) != extra:
        return None
    joined = list(cells)
    for k in reversed(pieces):
        joined[k - 1] = f"{joined[k - 1]},{joined.pop(k)}"
    return joined


def _to_table(
    lines: list[tuple[int, list[Any]]],
    score: HeaderScore | None = None,
    *,
    unquoted_commas: bool = False,
) -> Table:
    lines = [(n, cells) for n, cells in lines if _filled(cells)]
    if not lines:
        raise ImportFileError(_("The file is empty."), code="empty_file")
    start = _find_header(lines, score)
    header_row, header_cells = lines[start]
    headers = _unique_headers([cell_text(h) for h in header_cells])
    if not any(headers):
        raise ImportFileError(_("The file has no header row."), code="empty_file")
    sections = _section_headers(lines, start, score)
    # Each section's columns laid onto the best header's, by name; the others added.
    layouts: dict[int, list[int]] = {}
    for index in sections:
        if index == start:
            layouts[index] = list(range(len(headers)))
            continue
        layout: list[int] = []
        folded_headers = [fold_cell(h) for h in headers]
        for name in (cell_text(c) for c in lines[index][1]):
            folded = fold_cell(name)
            known = next(
                (
                    i
                    for i, h in enumerate(folded_headers)
                    if folded and h == folded and i not in layout
                ),
                None,
            )
            if known is None and name:
                headers.append(name)
                folded_headers.append(folded)
                known = len(headers) - 1
            layout.append(known if known is not None else -1)
        layouts[index] = layout
    if len(headers) > MAX_COLUMNS:
        raise _too_many_columns()
    headers = _unique_headers(headers)
    width = len(headers)
    rows, repaired = [], []
    # Only where the header itself has no value after ", " (else it is the separator).
    unquoted_commas = unquoted_commas and not any(
        isinstance(c, str) and c[:1] == " " for c in header_cells
    )
    layout = layouts[sections[0]]
    section_texts = _trimmed([fold_cell(c) for c in lines[sections[0]][1]])
    for position in range(sections[0] + 1, len(lines)):
        number, cells = lines[position]
        if position in layouts:
            layout, section_texts = layouts[position], _trimmed([fold_cell(c) for c in cells])
            continue
        # A section's title ("Panelist Details") is the lone cell above its header row;
        # a page's number above the header repeated on the next page is left to the kind.
        if (
            position + 1 in layouts
            and _filled(cells) == 1
            and not _PAGE_NUMBER.match(fold_cell(next(c for c in cells if cell_text(c))))
        ):
            continue
        # The header repeated at the top of each printed page is no record.
        if _trimmed([fold_cell(c) for c in cells]) == section_texts:
            continue
        if unquoted_commas:
            joined = _rejoined(cells, len(section_texts))
            if joined is not None:
                cells = joined
                repaired.append(number)
        laid: list[Any] = [None] * width
        for column, cell in zip(layout, cells, strict=False):
            if column >= 0:
                laid[column] = cell
        rows.append((number, laid))
    if not rows:
        raise ImportFileError(_("The file has no data row."), code="empty_file")
    if len(rows) > MAX_ROWS:
        raise _too_many_rows()
    return Table(headers=headers, rows=rows, header_row=header_row, repaired=repaired)


# --- CSV ------------------------------------------------------------------------------------


def _utf16_without_bom(data: bytes) -> str | None:
    """ "Unicode text" written without its byte order mark: every other byte is zero."""
    head = data[:1024]
    if len(head) < 4:
        return None
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if odd * 10 >= len(head) * 4 and even == 0:
        return "utf-16-le"
    if even * 10 >= len(head) * 4 and odd == 0:
        return "utf-16-be"
    return None


def _decode(data: bytes) -> str:
    encoding16 = _utf16_without_bom(data)
    if encoding16:
        return data.decode(encoding16, errors="replace")
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    try:
        return _repair_double_encoding(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:
        # Spreadsheets saved as "CSV" by Excel on Windows in France.
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


# "é", "è", "à", "â", "ç", "ô", "ï", "ë", "ü", "ö", "ä", "ñ", "ó", "í", "á" so misread.
_MOJIBAKE = tuple(
    "\u00c3" + chr(code) for code in (0xA9, 0xA8, 0xA0, 0xA2, 0xA7, 0xB4, 0xAF, 0xAB, 0xBC)
) + tuple("\u00c3" + chr(code) for code in (0xB6, 0xA4, 0xB1, 0xB3, 0xAD, 0xA1))


def _repair_double_encoding(text: str) -> str:
    """UTF-8 read once as Windows-1252 and saved again ("JosÃ© GarcÃ­a"): undone when
    the whole text reads back as UTF-8."""
    if not any(marker in text for marker in _MOJIBAKE):
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


DELIMITERS = (",", ";", "\t", "|")


def _delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        # The sniffer gives up on ragged files; the most frequent candidate per line wins.
        lines = [line for line in sample.splitlines() if line.strip()][:HEADER_SEARCH_ROWS]
        return max(DELIMITERS, key=lambda d: sum(min(line.count(d), 50) for line in lines))


def _read_csv(data: bytes) -> list[tuple[int, list[Any]]]:
    if data[:2] == b"PK" or (
        b"\x00" in data[:1024]
        and data[:2] not in (b"\xff\xfe", b"\xfe\xff")
        and not _utf16_without_bom(data)
    ):
        raise ImportFileError(
            _("This file is not a CSV text file; is it an Excel file named .csv?"),
            code="unreadable_file",
        )
    text = _decode(data)
    if not text.strip():
        raise ImportFileError(_("The file is empty."), code="empty_file")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    lines = []
    try:
        for number, line in enumerate(reader, 1):
            if len(line) > MAX_COLUMNS:
                while line and not line[-1].strip():
                    line.pop()
                if len(line) > MAX_COLUMNS:
                    raise _too_many_columns()
            lines.append((number, line))
            if number > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise _too_many_rows()
    except csv.Error as exc:
        raise ImportFileError(
            _("The CSV file could not be read: %(error)s") % {"error": exc},
            code="unreadable_file",
        ) from exc
    return lines


# --- JSON -----------------------------------------------------------------------------------


def _read_json(data: bytes) -> list[tuple[int, list[Any]]]:
    text = _decode(data)
    try:
        records = json.loads(text)
    except json.JSONDecodeError as exc:
        # JSON Lines: one record a line.
        try:
            records = [json.loads(line) for line in text.splitlines() if line.strip()]
        except (ValueError, RecursionError):
            raise ImportFileError(
                _("The JSON file could not be read: %(error)s") % {"error": exc},
                code="unreadable_file",
            ) from exc
    except (ValueError, RecursionError) as exc:
        raise ImportFileError(
            _("The JSON file could not be read: %(error)s") % {"error": exc},
            code="unreadable_file",
        ) from exc
    if isinstance(records, dict):
        # {"data": [...], "meta": {...}}, {"attendees": [...], "total": 120}: the records
        # are the one list of objects beside paging data.
        lists = [v for v in records.values() if isinstance(v, list) and v and _objects(v)]
        if len(lists) == 1:
            records = lists[0]
        elif len(records) == 1:
            records = next(iter(records.values()))
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise ImportFileError(
            _("A JSON file to import is a list of records ([{…}, {…}])."),
            code="unreadable_file",
        )
    if len(records) > MAX_ROWS:
        raise _too_many_rows()
    headers: dict[str, None] = {}
    for record in records:
        headers.update(dict.fromkeys(str(k) for k in record))
        if len(headers) > MAX_COLUMNS:
            raise _too_many_columns()
    names = list(headers)

    def value(v: Any) -> Any:
        if isinstance(v, list):
            return " / ".join(t for t in (_item_text(x) for x in v) if t)
        return json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v

    lines: list[tuple[int, list[Any]]] = [(1, names)]
    lines += [(i, [value(r.get(n)) for n in names]) for i, r in enumerate(records, 2)]
    return lines


def _objects(values: list[Any]) -> bool:
    return all(isinstance(v, dict) for v in values)


# The key that names an object in a list ([{"id": 3, "name": "Energy"}] reads "Energy").
_NAME_KEYS = ("name", "label", "title", "value", "text", "displayName", "display_name")


def _item_text(item: Any) -> str:
    if isinstance(item, dict):
        for key in _NAME_KEYS:
            if item.get(key) not in (None, "") and not isinstance(item[key], dict | list):
                return cell_text(item[key])
        return json.dumps(item, ensure_ascii=False)
    return cell_text(item)


# --- XLSX -----------------------------------------------------------------------------------


def _unreadable_xlsx() -> ImportFileError:
    return ImportFileError(
        _("The Excel file is damaged or incomplete; save it again as .xlsx and retry."),
        code="unreadable_file",
    )


def _check_archive(data: bytes) -> None:
    """Refuse compression bombs from the archive's directory, before decompressing."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _unreadable_xlsx() from exc
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos) or 1
    if total > MAX_UNCOMPRESSED_BYTES or (
        total > 10 * 1024 * 1024 and total / packed > MAX_COMPRESSION_RATIO
    ):
        raise ImportFileError(
            _("The Excel file unpacks to %(size)s MB, more than can be imported.")
            % {"size": round(total / 1_048_576)},
            code="file_too_large",
        )


def _read_xlsx(data: bytes) -> list[list[tuple[int, list[Any]]]]:
    """The lines of each sheet (the limits hold for all of them together)."""
    from openpyxl import load_workbook  # heavy import, only when needed

    _check_archive(data)
    started = time.monotonic()
    sheets: list[list[tuple[int, list[Any]]]] = []
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise _unreadable_xlsx() from exc
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("The file is empty."), code="empty_file")
        filled_rows = 0
        for sheet in workbook.worksheets:
            if not hasattr(sheet, "iter_rows"):
                continue  # a chart sheet
            lines: list[tuple[int, list[Any]]] = []
            sheets.append(lines)
            # The declared dimension ("A1:XFD400") is not trusted: only real cells are read.
            sheet.reset_dimensions()
            for number, cells in enumerate(sheet.iter_rows(values_only=True), 1):
                row = list(cells)
                while row and (row[-1] is None or row[-1] == ""):
                    row.pop()
                if len(row) > MAX_COLUMNS:
                    raise _too_many_columns()
                if row:
                    filled_rows += 1
                    lines.append((number, row))
                    if filled_rows > MAX_ROWS + HEADER_SEARCH_ROWS:
                        raise _too_many_rows()
                if number % 1000 == 0 and time.monotonic() - started > MAX_SECONDS:
                    raise ImportFileError(
                        _("The Excel file takes too long to read; save it as CSV and retry."),
                        code="too_slow",
                    )
    except ImportFileError:
        raise
    except Exception as exc:  # a truncated sheet fails while it is parsed
        raise _unreadable_xlsx() from exc
    finally:
        workbook.close()
    return sheets


def _unique_headers(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    result = []
    for header in headers:
        header = header.strip()
        if header in seen:
            seen[header] += 1
            header = f"{header} ({seen[header]})"
        elif header:
            seen[header] = 1
        result.append(header)
    while result and not result[-1]:
        result.pop()
    return result


def fold_cell(value: Any) -> str:
    return " ".join(cell_text(value).casefold().split())


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
