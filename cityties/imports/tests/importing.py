"""Helpers shared by the import tests: build CSV/XLSX files and jobs in memory."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.core.files.base import ContentFile
from openpyxl import Workbook

from cityties.imports.mapping import guess_mapping
from cityties.imports.models import ImportJob, ImportStatus
from cityties.imports.reading import read_table
from cityties.network.models import Organisation, Partnership, PartnershipMember, Person


def csv_bytes(rows: list[list[Any]], *, delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def file_bytes(rows: list[list[Any]], fmt: str) -> tuple[bytes, str]:
    if fmt == "xlsx":
        return xlsx_bytes(rows), "data.xlsx"
    return csv_bytes(rows, delimiter=";"), "data.csv"


def make_job(
    user: Any,
    kind: str,
    data: bytes,
    filename: str,
    *,
    mapping: dict[str, str] | None = None,
    decisions: dict[str, str] | None = None,
    options: dict[str, Any] | None = None,
) -> ImportJob:
    job = ImportJob(
        kind=kind,
        source_name="test source",
        original_filename=filename,
        created_by=user,
        status=ImportStatus.QUEUED,
        decisions=decisions or {},
        options=options or {},
    )
    job.file.save(filename, ContentFile(data), save=False)
    job.mapping = (
        mapping if mapping is not None else guess_mapping(kind, read_table(data, filename).headers)
    )
    job.save()
    return job


def row_counts() -> tuple[int, int, int, int]:
    return (
        Organisation.objects.count(),
        Person.objects.count(),
        Partnership.objects.count(),
        PartnershipMember.objects.count(),
    )
