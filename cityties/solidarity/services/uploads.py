"""Checks of the files members upload (council decisions, report documents and photos):
bounded in size, of an accepted type, and really of that type whatever the name says."""

from __future__ import annotations

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from .errors import SolidarityError

PDF = {".pdf": "application/pdf"}
IMAGES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
OFFICE = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
}
DECISION_TYPES = {**PDF, **OFFICE, **IMAGES}
DOCUMENT_TYPES = {**PDF, **OFFICE}
PHOTO_TYPES = IMAGES


def max_upload_bytes() -> int:
    return int(settings.MAX_UPLOAD_BYTES)


def _looks_like(extension: str, upload: UploadedFile) -> bool:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if extension == ".pdf":
        return head.startswith(b"%PDF-")
    if extension == ".png":
        return head == b"\x89PNG\r\n\x1a\n"
    if extension in {".jpg", ".jpeg"}:
        return head.startswith(b"\xff\xd8\xff")
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(upload) as archive:
            if extension == ".odt":
                return archive.read("mimetype") == OFFICE[".odt"].encode()
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, KeyError):
        return False
    finally:
        upload.seek(0)


def check_upload(upload: UploadedFile, allowed: dict[str, str]) -> str:
    """The content type of an accepted upload; a SolidarityError otherwise."""
    size = upload.size or 0
    if size == 0:
        raise SolidarityError(_("The file is empty."), code="file_empty", field="file")
    limit = max_upload_bytes()
    if size > limit:
        raise SolidarityError(
            _("The file is too large (at most %(mb)s MB).") % {"mb": max(1, limit // 2**20)},
            code="file_too_large",
            field="file",
        )
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in allowed:
        names = ", ".join(sorted({e.lstrip(".").upper() for e in allowed} - {"JPEG"}))
        raise SolidarityError(
            _("Accepted files: %(types)s.") % {"types": names},
            code="file_type_not_allowed",
            field="file",
        )
    if not _looks_like(extension, upload):
        raise SolidarityError(
            _("The file's content does not match its type."),
            code="file_content_mismatch",
            field="file",
        )
    return allowed[extension]
