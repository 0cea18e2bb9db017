"""Projects a fund pays for, their budget by funder and their progress reports with the
documents and photos that go with them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypedDict

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as
from cityties.network.models import Organisation

from ..models import (
    Attachment,
    AttachmentKind,
    Fund,
    Funding,
    Project,
    ProjectStatus,
    Report,
    ReportKind,
)
from ..models.common import cents
from .crises import check_amount, not_in_future
from .errors import SolidarityError
from .uploads import DOCUMENT_TYPES, PHOTO_TYPES, check_upload
from .versions import touch_fund


class ProjectFields(TypedDict, total=False):
    partner: Organisation
    title_fr: str
    title_en: str
    description_fr: str
    description_en: str
    starts_on: date | None
    ends_on: date | None
    status: str


def _check_project(fields: ProjectFields) -> None:
    if not (fields.get("title_fr", "").strip() or fields.get("title_en", "").strip()):
        raise SolidarityError(
            _("Give a title in French or in English."), code="title_missing", field="title_fr"
        )
    partner = fields.get("partner")
    if partner is None or not partner.is_government:
        raise SolidarityError(
            _("Choose the partner government."), code="partner_not_government", field="partner"
        )
    starts_on, ends_on = fields.get("starts_on"), fields.get("ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        raise SolidarityError(
            _("The project cannot end before it starts."), code="ends_before_start", field="ends_on"
        )
    if fields.get("status", ProjectStatus.PLANNED) not in ProjectStatus.values:
        raise SolidarityError(_("Choose a status."), code="unknown_status", field="status")


def check_create_project(fund: Fund, *, actor: Any, fields: ProjectFields) -> Project:
    _check_project(fields)
    with transaction.atomic(), acting_as(actor):
        project = Project.objects.create(fund=fund, **fields)
        touch_fund(fund.pk)
    return project


def check_update_project(project: Project, *, actor: Any, fields: ProjectFields) -> Project:
    current = {name: getattr(project, name) for name in ProjectFields.__annotations__}
    merged: ProjectFields = {**current, **fields}  # type: ignore[typeddict-item]
    _check_project(merged)
    with transaction.atomic(), acting_as(actor):
        for name, value in merged.items():
            setattr(project, name, value)
        project.save()
        touch_fund(project.fund_id)
    return project


def check_set_funding(
    project: Project,
    *,
    actor: Any,
    funder: Organisation,
    planned: Decimal,
    spent: Decimal = Decimal("0"),
) -> Funding:
    """A funder's part of the budget: what it planned to give and what was spent of it."""
    check_amount(planned, "planned")
    check_amount(spent, "spent")
    with transaction.atomic(), acting_as(actor):
        funding, _created = Funding.objects.update_or_create(
            project=project, funder=funder, defaults={"planned": planned, "spent": spent}
        )
        touch_fund(project.fund_id)
    return funding


def do_remove_funding(funding: Funding, *, actor: Any) -> None:
    with transaction.atomic(), acting_as(actor):
        fund_id = funding.project.fund_id
        funding.delete()
        touch_fund(fund_id)


@dataclass(frozen=True)
class Spend:
    planned: Decimal
    spent: Decimal

    @property
    def difference(self) -> Decimal:
        """Spent less planned: above zero, an overspend."""
        return self.spent - self.planned


def spend_of(project: Project) -> Spend:
    sums = project.fundings.aggregate(planned=Sum("planned"), spent=Sum("spent"))
    return Spend(cents(sums["planned"]), cents(sums["spent"]))


def check_add_report(
    project: Project,
    *,
    actor: Any,
    kind: str,
    reported_on: date,
    progress: int,
    summary_fr: str = "",
    summary_en: str = "",
) -> Report:
    """An interim or the final report; after the final one the project is completed and
    takes no more reports."""
    if kind not in ReportKind.values:
        raise SolidarityError(_("Choose the kind of report."), code="unknown_kind", field="kind")
    if not 0 <= progress <= 100:
        raise SolidarityError(
            _("Progress is a percentage from 0 to 100."), code="bad_progress", field="progress"
        )
    if not (summary_fr.strip() or summary_en.strip()):
        raise SolidarityError(
            _("Write the summary in French or in English."),
            code="summary_missing",
            field="summary_fr",
        )
    not_in_future(reported_on, "reported_on")
    try:
        with transaction.atomic(), acting_as(actor):
            locked = Project.objects.select_for_update().get(pk=project.pk)
            if locked.reports.filter(kind=ReportKind.FINAL).exists():
                raise _final_already()
            report = Report.objects.create(
                project=locked,
                kind=kind,
                reported_on=reported_on,
                progress=progress,
                summary_fr=summary_fr.strip(),
                summary_en=summary_en.strip(),
                created_by=actor,
            )
            status = ProjectStatus.COMPLETED if kind == ReportKind.FINAL else None
            if status is None and locked.status == ProjectStatus.PLANNED:
                status = ProjectStatus.UNDER_WAY
            if status:
                locked.status = status
                locked.save(update_fields=["status", "updated_at"])
            touch_fund(locked.fund_id)
    except IntegrityError as exc:
        raise _final_already() from exc
    return report


def _final_already() -> SolidarityError:
    return SolidarityError(
        _("The final report is in: the project takes no more reports."), code="final_report_in"
    )


def check_add_attachment(
    report: Report, *, actor: Any, kind: str, caption: str, upload: UploadedFile
) -> Attachment:
    if kind not in AttachmentKind.values:
        raise SolidarityError(_("Choose document or photo."), code="unknown_kind", field="kind")
    allowed = PHOTO_TYPES if kind == AttachmentKind.PHOTO else DOCUMENT_TYPES
    content_type = check_upload(upload, allowed)
    caption = caption.strip() or (upload.name or "").rsplit(".", 1)[0]
    with transaction.atomic(), acting_as(actor):
        attachment = Attachment(
            report=report,
            kind=kind,
            caption=caption[:200] or str(_("Attachment")),
            content_type=content_type,
            size=upload.size or 0,
            uploaded_by=actor,
        )
        attachment.file.save(upload.name or "file", upload, save=False)
        stored, storage = attachment.file.name or "", attachment.file.storage
        try:
            attachment.save()
        except Exception:
            storage.delete(stored)
            raise
    return attachment


def do_delete_attachment(attachment: Attachment, *, actor: Any) -> None:
    with transaction.atomic(), acting_as(actor):
        name, storage = attachment.file.name or "", attachment.file.storage
        attachment.delete()
        transaction.on_commit(lambda: storage.delete(name))
