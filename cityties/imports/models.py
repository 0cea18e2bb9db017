"""Import jobs and the column mappings remembered per source.

The engine knows no kind of import: `kind` names one registered by an area (see
`registry`), so its choices live in the registry, not in the database schema.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    MAPPED = "mapped", _("Columns mapped")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Refused")
    UNDONE = "undone", _("Undone")


class ColumnMapping(models.Model):
    """A saved column mapping, reused the next time the same source is imported."""

    kind = models.CharField(max_length=40)
    source_name = models.CharField(_("source"), max_length=200)
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    mapping = models.JSONField(default=dict)
    # Value remapping and defaults chosen for this source: {"remap": {...}, "defaults": {...}}.
    options = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "source_name", "organisation"], name="unique_import_mapping"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.source_name}"


class ImportJob(models.Model):
    kind = models.CharField(_("kind"), max_length=40)
    source_name = models.CharField(_("source"), max_length=200)
    file = models.FileField(upload_to="imports/%Y/%m/")
    original_filename = models.CharField(max_length=255)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    mapping = models.JSONField(default=dict, blank=True)
    # Defaults, value remapping and switches: {"defaults": {field: value},
    # "remap": {field: {value: value}}, "create_missing": bool, "skip_invalid": bool}.
    options = models.JSONField(default=dict, blank=True)
    # Merge decisions for detected duplicates: {row number: "merge" | "skip", "*": default}.
    decisions = models.JSONField(default=dict, blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    # What the write did, by kind of record: {"created": {"partnerships": 3}, "matched": n…}.
    outcome = models.JSONField(default=dict, blank=True)
    # Records the job created or changed, for undo: {"app.model": [ids]} and prior values.
    written = models.JSONField(default=dict, blank=True)
    report = models.JSONField(default=list, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        constraints = [
            models.CheckConstraint(
                condition=Q(processed_rows__lte=models.F("total_rows")),
                name="import_job_progress_within_total",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.original_filename}"

    def get_kind_display(self) -> str:
        from .registry import kind_label

        return kind_label(self.kind)

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 100 if self.status == ImportStatus.DONE else 0
        return int(100 * self.processed_rows / self.total_rows)

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED, ImportStatus.UNDONE)
