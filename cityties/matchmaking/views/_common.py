"""What the pages of an event's matchmaking share: the reader's rights, the PDF writer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import rules
from django.http import HttpResponse

from cityties.events.models import Event


@dataclass(frozen=True)
class Rights:
    manage: bool
    view: bool


def rights(user: Any, event: Event) -> Rights:
    return Rights(
        manage=rules.test_rule("matchmaking.manage", user, event),
        view=rules.test_rule("matchmaking.view_event", user, event),
    )


def pdf_response(
    html: str, filename: str, stylesheet: str = "matchmaking/print.css"
) -> HttpResponse:
    from django.contrib.staticfiles import finders
    from weasyprint import CSS, HTML

    # The stylesheet is read from disk: WeasyPrint fetches nothing over the network.
    pdf = HTML(string=html).write_pdf(stylesheets=[CSS(filename=finders.find(stylesheet))])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
