"""Downloads of the minutes: PDF and DOCX, in French or English, of the latest approved
version (or of a version asked for), else of the draft."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from cityties.core.http import AuthenticatedHttpRequest

from .. import services as svc
from ..access import access_meeting
from ..exports import export_filename
from ..exports.docx import minutes_docx
from ..exports.pdf import minutes_pdf
from ..models import Meeting

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _content(request: AuthenticatedHttpRequest, meeting: Meeting) -> dict[str, Any]:
    number = request.GET.get("version", "")
    if number:
        if not number.isdigit():
            raise Http404
        version = meeting.versions.filter(number=int(number)).first()
        if version is None:
            raise Http404
        return version.content
    if meeting.is_approved:
        latest = svc.latest_version(meeting)
        if latest is not None:
            return latest.content
    return svc.snapshot(meeting)


def _language(request: AuthenticatedHttpRequest) -> str:
    asked = request.GET.get("lang", "")
    if asked in ("fr", "en"):
        return asked
    return (translation.get_language() or "fr")[:2]


def _file(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def minutes_pdf_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk)
    content = _content(request, meeting)
    return _file(
        minutes_pdf(content, _language(request)),
        "application/pdf",
        export_filename(content, "pdf"),
    )


@login_required
@require_GET
def minutes_docx_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk)
    content = _content(request, meeting)
    return _file(minutes_docx(content, _language(request)), DOCX, export_filename(content, "docx"))
