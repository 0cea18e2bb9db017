"""A dashboard as a PDF (WeasyPrint, the same tables and charts as the page) and as a
workbook (a sheet per table; money as numbers, a private value as an empty cell)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from cityties.core import tabular

from .base import Report


def report_xlsx(report: Report) -> bytes:
    headline: list[list[Any]] = [[label, cell.plain] for label, cell in report.cards]
    sheets: list[tuple[str, Any, Any]] = [(_("Headline"), [_("Figure"), _("Value")], headline)]
    for table in report.tables:
        rows = [[cell.plain for cell in row] for row in table.rows]
        if table.foot:
            rows.append([cell.plain for cell in table.foot])
        sheets.append((table.title, table.headers, rows))
    return tabular.to_xlsx_book(sheets)


def report_pdf(report: Report, *, language: str) -> bytes:
    from weasyprint import CSS, HTML

    printed = replace(report, tables=[table.printed() for table in report.tables])
    html = render_to_string(
        "outcomes/report_pdf.html",
        {"report": printed, "language": language, "printed_at": timezone.localdate()},
    )
    # The stylesheet is read from disk: WeasyPrint fetches nothing over the network.
    stylesheet = CSS(filename=finders.find("outcomes/report_pdf.css"))
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])
