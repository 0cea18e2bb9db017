"""The minutes as a Word document (python-docx), laid out as the PDF: the groups keep
their minutes in Word, and may edit this one further."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from .. import richtext
from . import document_context

COLUMNS = ("civility", "first_name", "last_name", "function", "organisation")


def _rich(document: Any, html: str) -> None:
    for block in richtext.blocks(html):
        style = {
            "ul": "List Bullet",
            "ol": "List Number",
            "h3": "Heading 3",
            "h4": "Heading 4",
            "quote": "Quote",
        }.get(block.kind)
        paragraph = document.add_paragraph(style=style)
        for run in block.runs:
            added = paragraph.add_run(run.text)
            added.bold, added.italic, added.underline = run.bold, run.italic, run.underline


def _people_table(document: Any, people: list[dict[str, str]], with_note: bool) -> None:
    headers = [
        _("Civility"),
        _("First name"),
        _("Last name"),
        _("Function"),
        _("Organisation"),
    ]
    if with_note:
        headers.append(_("Note"))
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(header).bold = True
    for person in people:
        cells = table.add_row().cells
        values = [person[name] for name in COLUMNS] + ([person["note"]] if with_note else [])
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
        for run in cells[2].paragraphs[0].runs:
            run.bold = True


def minutes_docx(content: dict[str, Any], language: str) -> bytes:
    with translation.override(language):
        doc = document_context(content)
        document = Document()
        document.styles["Normal"].font.name = "Calibri"
        document.styles["Normal"].font.size = Pt(11)
        heading = document.add_heading(doc["title"], level=0)
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if doc["draft"]:
            document.add_paragraph(_("Draft — not approved yet")).runs[0].italic = True
        elif doc["approved_line"]:
            document.add_paragraph(doc["approved_line"]).runs[0].italic = True
        document.add_paragraph(doc["meeting_title"]).runs[0].bold = True
        document.add_paragraph(doc["date_line"])
        if doc["place"]:
            document.add_paragraph(_("Place: %(place)s") % {"place": doc["place"]})
        if doc["video_link"]:
            document.add_paragraph(_("Video link: %(url)s") % {"url": doc["video_link"]})
        if doc["chair_line"]:
            document.add_paragraph(doc["chair_line"]).runs[0].bold = True
        _rich(document, doc["opening"])
        if doc["items"]:
            document.add_heading(_("Agenda"), level=1)
            for item in doc["items"]:
                document.add_heading(f"{item['number']}. {item['title']}", level=2)
                if item["presenter"]:
                    document.add_paragraph(
                        _("Presented by %(name)s") % {"name": item["presenter"]}
                    ).runs[0].italic = True
                _rich(document, item["minutes"])
        if doc["decisions"]:
            document.add_heading(_("Decisions"), level=1)
            for decision in doc["decisions"]:
                text = decision["text"]
                if decision["agenda_item"]:
                    text += f" ({decision['agenda_item']})"
                paragraph = document.add_paragraph(text, style="List Number")
                if decision["vote_line"]:
                    paragraph.add_run(" — " + decision["vote_line"]).italic = True
        if doc["actions"]:
            document.add_heading(_("Action items"), level=1)
            table = document.add_table(rows=1, cols=4)
            table.style = "Table Grid"
            for cell, header in zip(
                table.rows[0].cells,
                (_("Action"), _("Owner"), _("Due date"), _("Status")),
                strict=True,
            ):
                cell.paragraphs[0].add_run(header).bold = True
            for action in doc["actions"]:
                cells = table.add_row().cells
                for cell, value in zip(
                    cells,
                    (action["text"], action["owner_line"], action["due"], action["status_label"]),
                    strict=True,
                ):
                    cell.text = value
        if doc["secretary_line"]:
            document.add_paragraph(doc["secretary_line"])
        document.add_page_break()
        document.add_heading(_("Annex: list of participants"), level=1)
        _people_table(document, doc["present"], with_note=True)
        for key, label in (
            ("represented", _("Represented")),
            ("excused", _("Excused")),
            ("absent", _("Absent")),
        ):
            if doc[key]:
                document.add_heading(label, level=2)
                _people_table(document, doc[key], with_note=key == "represented")
        buffer = BytesIO()
        document.save(buffer)
        return buffer.getvalue()
