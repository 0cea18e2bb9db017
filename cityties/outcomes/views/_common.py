"""What the outcome pages share: a report answered as a page, a PDF or a workbook."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from cityties.core.tabular import XLSX_CONTENT_TYPE

from ..dashboards import Report, report_pdf, report_xlsx

Format = Literal["html", "pdf", "xlsx"]


def respond(
    request: HttpRequest,
    report: Report,
    fmt: Format,
    *,
    name: str,
    urls: tuple[str, str],
    form: Any = None,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """The report in the format the address asks for; the filters carry over."""
    query = request.GET.urlencode()
    suffix = f"?{query}" if query else ""
    if fmt == "pdf":
        language = translation.get_language() or "fr"
        response = HttpResponse(
            report_pdf(report, language=language), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    if fmt == "xlsx":
        response = HttpResponse(report_xlsx(report), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    report.links = {"pdf": urls[0] + suffix, "xlsx": urls[1] + suffix}
    return render(
        request,
        "outcomes/report.html",
        {"report": report, "form": form, **(extra or {})},
    )
