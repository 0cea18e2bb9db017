"""The clock's records, the development outbox and the retention review's decisions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TickJobState(models.Model):
    """One row per periodic job: the row the tick locks while the job runs."""

    name = models.CharField(max_length=100, unique=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class TickRunStatus(models.TextChoices):
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class TickRun(models.Model):
    """One run of one job, with what it did."""

    job = models.CharField(max_length=100)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=TickRunStatus.choices)
    items = models.PositiveIntegerField(default=0)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["job", "-started_at"])]

    def __str__(self) -> str:
        return f"{self.job} {self.started_at:%Y-%m-%d %H:%M} {self.status}"


class TickItem(models.Model):
    """A unit of periodic work done once and only once (a mail sent, a file purged).

    The unique key is claimed in the same transaction as the work: if the work rolls
    back, so does the claim; if it commits, no later tick can claim the key again.
    """

    key = models.CharField(max_length=255, unique=True)
    job = models.CharField(max_length=100)
    run = models.ForeignKey(TickRun, on_delete=models.SET_NULL, null=True, related_name="+")
    done_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key


class OutboxMessage(models.Model):
    """A mail kept instead of sent, in development, for the staff's outbox page."""

    created_at = models.DateTimeField(auto_now_add=True)
    subject = models.CharField(max_length=998)
    from_email = models.CharField(max_length=998)
    to = models.TextField()
    body = models.TextField()
    html = models.TextField(blank=True)
    raw = models.TextField()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject


class RetentionHold(models.Model):
    """A staff decision to keep a person found in the retention review: the person
    leaves the review for another retention period."""

    person = models.ForeignKey("network.Person", on_delete=models.CASCADE, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"{self.person_id} kept on {self.decided_at:%Y-%m-%d}"
