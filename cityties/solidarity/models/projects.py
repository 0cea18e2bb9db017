"""Projects a fund pays for: the partner that carries them out, the budget by funder
(planned and spent), interim and final progress reports with documents and photos."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cityties.events.models import in_language

from .common import NOT_NEGATIVE, Bilingual, amount_field, attachment_upload_to
from .crises import Fund


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_WAY = "under_way", _("Under way")
    COMPLETED = "completed", _("Completed")
    ABANDONED = "abandoned", _("Abandoned")


class Project(Bilingual, models.Model):
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="projects")
    partner = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        related_name="solidarity_projects",
        verbose_name=_("partner"),
        help_text=_("The partner government that carries it out or benefits from it."),
    )
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["fund", "pk"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=~Q(title_fr="") | ~Q(title_en=""), name="project_titled"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="project_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def description(self) -> str:
        return in_language(self.description_fr, self.description_en)


class Funding(models.Model):
    """A funder's part of a project's budget: what it planned to give, what was spent."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="fundings")
    funder = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        related_name="solidarity_fundings",
        verbose_name=_("funder"),
    )
    planned = models.DecimalField(**amount_field(_("planned"), validators=NOT_NEGATIVE))
    spent = models.DecimalField(
        **amount_field(_("spent"), validators=NOT_NEGATIVE, default=Decimal("0"))
    )

    class Meta:
        ordering = ["project", "funder__name_key"]
        verbose_name = _("funding")
        verbose_name_plural = _("fundings")
        constraints = [
            models.UniqueConstraint(fields=["project", "funder"], name="one_funding_per_funder"),
            models.CheckConstraint(
                condition=Q(planned__gte=0) & Q(spent__gte=0), name="funding_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} – {self.funder}"


class ReportKind(models.TextChoices):
    INTERIM = "interim", _("Interim report")
    FINAL = "final", _("Final report")


class Report(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind"), max_length=8, choices=ReportKind.choices)
    reported_on = models.DateField(_("date"))
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "reported_on", "pk"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100), name="report_progress_percent"
            ),
            models.UniqueConstraint(
                fields=["project"], condition=Q(kind="final"), name="one_final_report"
            ),
            models.CheckConstraint(
                condition=~Q(summary_fr="") | ~Q(summary_en=""), name="report_has_a_summary"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} – {self.get_kind_display()} {self.reported_on}"

    @property
    def summary(self) -> str:
        return in_language(self.summary_fr, self.summary_en)


class AttachmentKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    PHOTO = "photo", _("Photo")


class Attachment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=8, choices=AttachmentKind.choices)
    caption = models.CharField(_("caption"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_upload_to, max_length=300)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "kind", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.caption
