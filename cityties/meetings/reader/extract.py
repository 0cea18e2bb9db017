"""The text of a minutes file: TXT, Markdown, DOCX (python-docx) or PDF (pypdf).

Word bold runs become Markdown bold (speakers are often named in bold), Word headings
become Markdown headings, list paragraphs become bullets and tables become tab-separated
rows, in document order. PDF text is extracted in layout mode; wide gaps between words
become tabs so that aligned annex tables read as tables.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from .model import UnreadableMinutes

MAX_BYTES = 10 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".mdown")


def suffix(filename: str) -> str:
    match = re.search(r"\.[A-Za-z0-9]+$", filename.strip())
    return match.group().lower() if match else ""


def extract(data: bytes, filename: str) -> str:
    """The text of the file; UnreadableMinutes when it cannot be read."""
    if not data:
        raise UnreadableMinutes("The file is empty.")
    if len(data) > MAX_BYTES:
        raise UnreadableMinutes("The file is larger than 10 MB.")
    kind = suffix(filename)
    if data.startswith(b"%PDF") or kind == ".pdf":
        text = _pdf(data)
    elif kind == ".docx" or (data.startswith(b"PK") and kind not in TEXT_SUFFIXES):
        text = _docx(data)
    elif kind in TEXT_SUFFIXES or (not kind and _looks_textual(data)):
        text = decode(data)
    else:
        raise UnreadableMinutes(
            f"Unsupported format {kind or '(no extension)'}: send TXT, Markdown, DOCX or PDF."
        )
    if not text.strip():
        raise UnreadableMinutes("The file contains no text (a scanned document?).")
    return text


def _looks_textual(data: bytes) -> bool:
    return b"\x00" not in data[:4096]


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252, else Latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise UnreadableMinutes("The text file is damaged (UTF-16).") from error
    if b"\x00" in data[:4096]:
        raise UnreadableMinutes("This is not a text file.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _docx(data: bytes) -> str:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as error:  # pragma: no cover - a dependency of the project
        raise UnreadableMinutes("DOCX support is not installed.") from error
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UnreadableMinutes("The DOCX file is damaged or is not a Word document.") from error
    except Exception as error:  # lxml and zip errors vary with the damage
        raise UnreadableMinutes("The DOCX file cannot be read.") from error
    lines: list[str] = []
    for section in document.sections[:1]:
        try:
            lines.extend(_paragraph(p) for p in section.header.paragraphs if p.text.strip())
        except Exception:  # noqa: S112 - a header that python-docx cannot read is skipped
            continue
    for kind, item in _body(document):
        if kind == "p":
            lines.append(_paragraph(item))
        else:
            lines.append("")
            lines.extend(_table_rows(item))
            lines.append("")
    return "\n".join(lines)


def _body(document: Any) -> Iterator[tuple[str, Any]]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield "p", Paragraph(child, document)
        elif tag == "tbl":
            yield "t", Table(child, document)


def _paragraph(paragraph: Any) -> str:
    parts: list[str] = []
    bold: list[str] = []

    def flush() -> None:
        if bold:
            joined = "".join(bold)
            if joined.strip():
                lead = joined[: len(joined) - len(joined.lstrip())]
                trail = joined[len(joined.rstrip()) :]
                parts.append(f"{lead}**{joined.strip()}**{trail}")
            else:
                parts.append(joined)
            bold.clear()

    for run in paragraph.runs:
        if run.bold:
            bold.append(run.text)
        else:
            flush()
            parts.append(run.text)
    flush()
    text = "".join(parts) or paragraph.text
    text = text.replace("☐", "[ ]").replace("☑", "[x]").replace("☒", "[x]")
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    heading = re.match(r"(?:Heading|Titre)\s*(\d)", style)
    if heading and text.strip():
        return "#" * int(heading.group(1)) + " " + text.replace("**", "").strip()
    if style.startswith("Title") and text.strip():
        return "# " + text.replace("**", "").strip()
    is_list = (
        "List" in style
        or "Liste" in style
        or (paragraph._p.pPr is not None and (paragraph._p.pPr.numPr is not None))
    )
    if is_list and text.strip() and not re.match(r"\s*(?:[-*•]|\[[ xX]\])", text):
        return "- " + text.strip()
    return text


def _opens_name(text: str) -> bool:
    return bool(
        re.match(r"\W*(?:M\.|Mme|Mlle|Dr|Pr|Me|Mr|Mrs|Ms|Monsieur|Madame)\s|\W*[-•]\s", text)
    )


def _table_rows(table: Any) -> list[str]:
    rows = []
    for row in table.rows:
        cells = []
        previous = None
        for cell in row.cells:
            if previous is not None and cell._tc is previous:
                continue  # a merged cell repeats itself
            previous = cell._tc
            parts = [_paragraph(p) for p in cell.paragraphs if p.text.strip()]
            # Several people in one cell, a paragraph each, stay apart.
            joiner = "; " if len(parts) > 1 and all(_opens_name(p) for p in parts) else " "
            text = joiner.join(parts).replace("\t", " ")
            cells.append(" ".join(text.split()))
        rows.append("\t".join(cells))
    return rows


def _pdf(data: bytes) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as error:  # pragma: no cover - a dependency of the project
        raise UnreadableMinutes("PDF support is not installed.") from error
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnreadableMinutes("The PDF is encrypted: send it without a password.")
        pages = []
        for page in reader.pages:
            try:
                pages.append(page.extract_text(extraction_mode="layout") or "")
            except (ValueError, KeyError, TypeError):
                pages.append(page.extract_text() or "")
    except UnreadableMinutes:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise UnreadableMinutes("The PDF file is damaged.") from error
    except Exception as error:  # pypdf raises many kinds on damaged files
        raise UnreadableMinutes("The PDF file cannot be read.") from error
    return "\n\n".join(_layout(page) for page in pages)


def _layout(page: str) -> str:
    """Layout text: margins removed, wide gaps as tabs, page numbers dropped, lines that
    wrap a paragraph joined again (not a title standing alone after them)."""
    lines = []
    for line in page.split("\n"):
        stripped = line.strip()
        if re.fullmatch(r"(?:page\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?", stripped, re.IGNORECASE):
            continue
        lines.append(re.sub(r" {4,}", "\t", stripped))
    return _unwrap(lines)


def _unwrap(lines: list[str]) -> str:
    lengths = sorted(len(line) for line in lines if line and "\t" not in line)
    if not lengths:
        return "\n".join(lines)
    width = lengths[int(0.8 * (len(lengths) - 1))]
    result: list[str] = []
    for index, line in enumerate(lines):
        previous = result[-1] if result else ""
        following = lines[index + 1] if index + 1 < len(lines) else ""
        # A short line alone before a blank or a list, without final punctuation, is a title.
        title = (
            bool(line)
            and len(line) < 0.5 * width
            and not line.endswith((".", ";", ",", ")", "!", "?"))
            and (not following.strip() or re.match(r"[-*•]\s", following))
            and not line[:1].islower()
            and not re.match(r"(?:[-*•–]|\d{1,2}[.)]|\[[ xX]\])\s", line)
        )
        label = re.compile(r"[\w'’ ·()-]{1,40}?\s*:")
        if (
            line
            and previous
            and "\t" not in line + previous
            and len(previous) >= 0.75 * width
            and (
                not previous.endswith((".", ":", ";", "!", "?"))
                or re.search(
                    r"(?:^|\s)(?:M|MM|Mme|Mmes|Mlle|Dr|Pr|Me|Mr|Mrs|Ms|St|[A-Z])\.$", previous
                )
            )
            and not re.match(r"(?:[-*•–]|\d{1,2}[.)]|\[[ xX]\])\s", line)
            and not (label.match(line) and label.match(previous))
            and (not title or previous.endswith((",", "–", "-", " et", " and")))
        ):
            result[-1] = f"{previous} {line}"
        else:
            result.append(line)
    return "\n".join(result)
