"""Documents attached to a partnership: checked uploads and deletions."""

from __future__ import annotations

import zipfile
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as

from ..models import Partnership, PartnershipDocument
from .errors import PartnershipError
from .partnerships import ensure_not_archived

# Extension → (content type, check of the first bytes or of the archive's entries).
_ZIP_MAGIC = b"PK\x03\x04"
ALLOWED_DOCUMENT_TYPES: dict[str, str] = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


def _content_matches(extension: str, upload: UploadedFile) -> bool:
    """The file really is what its name says: browsers' declared types cannot be trusted."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if extension == ".pdf":
        return head.startswith(b"%PDF-")
    if extension == ".png":
        return head == b"\x89PNG\r\n\x1a\n"
    if extension in {".jpg", ".jpeg"}:
        return head.startswith(b"\xff\xd8\xff")
    if not head.startswith(_ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if extension == ".odt":
                return archive.read("mimetype") == ALLOWED_DOCUMENT_TYPES[".odt"].encode()
    except (zipfile.BadZipFile, KeyError):
        return False
    finally:
        upload.seek(0)
    marker = "word/document.xml" if extension == ".docx" else "xl/workbook.xml"
    return marker in names


def check_upload_document(
    partnership: Partnership, *, actor: Any, title: str, upload: UploadedFile
) -> PartnershipDocument:
    ensure_not_archived(partnership)
    size = upload.size or 0
    if size == 0:
        raise PartnershipError(_("The file is empty."), code="file_empty")
    if size > settings.MAX_UPLOAD_BYTES:
        raise PartnershipError(
            _("The file is too large (at most %(mb)s MB).")
            % {"mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024)},
            code="file_too_large",
        )
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in ALLOWED_DOCUMENT_TYPES:
        raise PartnershipError(
            _("Accepted files: PDF, DOCX, XLSX, ODT, PNG and JPEG."), code="file_type_not_allowed"
        )
    if not _content_matches(extension, upload):
        raise PartnershipError(
            _("The file's content does not match its type."), code="file_content_mismatch"
        )
    title = title.strip() or PurePath(upload.name or "").stem
    return do_upload_document(
        partnership,
        actor=actor,
        title=title[:200],
        upload=upload,
        content_type=ALLOWED_DOCUMENT_TYPES[extension],
    )


def do_upload_document(
    partnership: Partnership, *, actor: Any, title: str, upload: UploadedFile, content_type: str
) -> PartnershipDocument:
    filename = get_valid_filename(PurePath(upload.name or "document").name)
    with transaction.atomic(), acting_as(actor):
        document = PartnershipDocument(
            partnership=partnership,
            title=title,
            content_type=content_type,
            size=upload.size or 0,
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        document.file.save(filename, upload, save=False)
        stored = document.file.name or ""
        storage = document.file.storage
        try:
            document.save()
        except Exception:
            # No row, no file: a failed save must not leave an orphan behind.
            storage.delete(stored)
            raise
    return document


def check_delete_document(document: PartnershipDocument, *, actor: Any) -> None:
    ensure_not_archived(document.partnership)
    do_delete_document(document, actor=actor)


def do_delete_document(document: PartnershipDocument, *, actor: Any) -> None:
    with transaction.atomic(), acting_as(actor):
        name, storage = document.file.name or "", document.file.storage
        document.delete()
        # The file goes only once the row is gone for good.
        transaction.on_commit(lambda: storage.delete(name))
