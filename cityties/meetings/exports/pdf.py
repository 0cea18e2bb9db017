"""The minutes as a PDF: the translated HTML of the page, laid out by WeasyPrint."""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from . import document_context


def minutes_pdf(content: dict[str, Any], language: str) -> bytes:
    from weasyprint import CSS, HTML

    with translation.override(language):
        html = render_to_string(
            "meetings/minutes_document.html", {"doc": document_context(content)}
        )
    # The stylesheet is read from disk: WeasyPrint fetches nothing over the network.
    stylesheet = CSS(filename=finders.find("meetings/minutes_pdf.css"))
    return bytes(HTML(string=html).write_pdf(stylesheets=[stylesheet]))
