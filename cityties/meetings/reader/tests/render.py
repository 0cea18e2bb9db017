"""Fixture minutes (plain text or Markdown) rendered as a Word document or a PDF, the way a
secretary would have written them: headings, bold runs, bullet lists, real tables."""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field

from cityties.meetings.reader.text import normalise

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _cells(line: str) -> list[str]:
    stripped = line.strip()
    parts = stripped.split("\t") if "\t" in stripped else stripped.strip("|").split("|")
    return [part.strip() for part in parts]


def _is_table(line: str) -> bool:
    stripped = line.strip()
    return "\t" in stripped or stripped.startswith("|")


def _is_separator(line: str) -> bool:
    return all(re.fullmatch(r"[-:=\s]*", cell) for cell in _cells(line))


def _parts(text: str) -> list[tuple[str, bool]]:
    """(text, bold) runs of a line."""
    runs: list[tuple[str, bool]] = []
    position = 0
    for match in _BOLD.finditer(text):
        if match.start() > position:
            runs.append((text[position : match.start()], False))
        runs.append((match.group(1), True))
        position = match.end()
    if position < len(text):
        runs.append((text[position:], False))
    return runs


@dataclass
class _Unit:
    kind: str  # heading, bullet, table, para
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)


def _units(text: str) -> list[_Unit]:
    text = normalise(text)
    units: list[_Unit] = []
    rows: list[list[str]] = []
    for line in text.split("\n"):
        if _is_table(line):
            if not _is_separator(line):
                rows.append(_cells(line))
            continue
        if rows:
            units.append(_Unit("table", rows=rows))
            rows = []
        stripped = line.strip()
        if not stripped:
            continue
        heading = re.match(r"(#{1,6})\s+(.*)", stripped)
        bullet = re.match(r"(?:[-*•]\s+)(.*)", stripped)
        if heading:
            units.append(_Unit("heading", heading.group(2), len(heading.group(1))))
        elif bullet:
            units.append(_Unit("bullet", bullet.group(1)))
        else:
            units.append(_Unit("para", stripped))
    if rows:
        units.append(_Unit("table", rows=rows))
    return units


def to_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for unit in _units(text):
        if unit.kind == "heading":
            document.add_heading(unit.text.replace("**", ""), level=min(unit.level, 3))
        elif unit.kind == "table":
            width = max(len(row) for row in unit.rows)
            table = document.add_table(rows=len(unit.rows), cols=width)
            for r, row in enumerate(unit.rows):
                for c, cell in enumerate(row):
                    paragraph = table.cell(r, c).paragraphs[0]
                    for part, bold in _parts(cell):
                        paragraph.add_run(part).bold = bold
        else:
            style = "List Bullet" if unit.kind == "bullet" else None
            paragraph = document.add_paragraph(style=style)
            for part, bold in _parts(unit.text):
                paragraph.add_run(part).bold = bold
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_html(text: str) -> str:
    def inline(value: str) -> str:
        return _BOLD.sub(r"<b>\1</b>", html.escape(value))

    body: list[str] = []
    for unit in _units(text):
        if unit.kind == "heading":
            body.append(f"<h{unit.level}>{inline(unit.text)}</h{unit.level}>")
        elif unit.kind == "table":
            cells = "".join(
                "<tr>" + "".join(f"<td>{inline(cell)}</td>" for cell in row) + "</tr>"
                for row in unit.rows
            )
            body.append(f'<table style="border-collapse: collapse">{cells}</table>')
        elif unit.kind == "bullet":
            body.append(f"<ul><li>{inline(unit.text)}</li></ul>")
        else:
            body.append(f"<p>{inline(unit.text)}</p>")
    style = "body{font-family:sans-serif;font-size:10pt} td{padding:2pt 14pt 2pt 0}"
    return f"<html><head><style>{style}</style></head><body>{''.join(body)}</body></html>"


def to_pdf(text: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=to_html(text)).write_pdf()
