"""Serving uploaded files: only through a view that has checked access, never a public URL.

In production the web server sends the bytes: nginx with `X-Accel-Redirect` to an
`internal` location (FILES_ACCEL_REDIRECT_PREFIX, e.g. `/protected/`), or Apache/lighttpd
with `X-Sendfile` (FILES_SENDFILE=1). Otherwise Django streams the file itself.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header


def serve_private_file(
    request: HttpRequest,
    fieldfile: FieldFile,
    *,
    filename: str,
    as_attachment: bool = True,
    content_type: str | None = None,
) -> HttpResponseBase:
    """The response that sends `fieldfile` to a user the caller has already authorised.

    A file whose row exists but whose bytes are gone (a lost disk, a half-restored
    backup) is a 404, not a server error.
    """
    if not fieldfile.name or not fieldfile.storage.exists(fieldfile.name):
        raise Http404("File not found.")
    content_type = content_type or "application/octet-stream"
    prefix = settings.FILES_ACCEL_REDIRECT_PREFIX
    response: HttpResponse | FileResponse
    if prefix or settings.FILES_SENDFILE:
        response = HttpResponse(content_type=content_type)
        if prefix:
            response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(fieldfile.name)
        else:
            response["X-Sendfile"] = fieldfile.path
    else:
        try:
            handle = fieldfile.open("rb")
        except FileNotFoundError as exc:  # removed between the check and the open
            raise Http404("File not found.") from exc
        response = FileResponse(handle, content_type=content_type)
    disposition = content_disposition_header(as_attachment, filename)
    if disposition:
        response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
