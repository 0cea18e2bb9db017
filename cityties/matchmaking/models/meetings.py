"""Requests, the meetings the scheduler placed (and the bookings that make a double
booking impossible), the scheduler's runs, and the changes mailed to people."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .people import Profile
from .setup import Place, Slot


def new_nonce() -> str:
    return secrets.token_urlsafe(12)


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = (RequestStatus.PENDING, RequestStatus.ACCEPTED)


class Priority(models.IntegerChoices):
    NORMAL = 1, _("Normal")
    HIGH = 2, _("High")
    ESSENTIAL = 3, _("Essential")


def pair_key(a: int, b: int) -> str:
    low, high = sorted((a, b))
    return f"{low}-{high}"


class MeetingRequest(models.Model):
    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="match_requests"
    )
    sender = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="sent_requests")
    recipient = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="received_requests"
    )
    # "low-high" profile ids: one open request per two people, whoever asked.
    pair_key = models.CharField(max_length=40, editable=False)
    message = models.TextField(_("message"), blank=True)
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The answer link carries this nonce: changing it revokes the links mailed so far.
    link_nonce = models.CharField(max_length=32, default=new_nonce, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.CheckConstraint(
                condition=~Q(sender=F("recipient")), name="request_between_two_people"
            ),
            models.UniqueConstraint(
                fields=["pair_key"],
                condition=Q(status__in=["pending", "accepted"]),
                name="one_open_request_per_pair",
            ),
            models.CheckConstraint(
                condition=Q(priority__gte=1, priority__lte=3), name="request_priority_known"
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status"]),
            models.Index(fields=["status", "expires_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.sender} → {self.recipient}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.pair_key = pair_key(self.sender_id, self.recipient_id)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    NO_SHOW = "no_show", _("No-show")


class Followup(models.TextChoices):
    NONE = "none", _("None")
    CONTACT = "contact", _("Keep in contact")
    PROPOSAL = "proposal", _("A proposal")
    TENDER = "tender", _("A tender")
    CONTRACT = "contract", _("A contract")


class Meeting(models.Model):
    """An accepted request placed in a slot, at a table of a place."""

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="match_meetings"
    )
    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="meetings")
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="meetings")
    table = models.PositiveSmallIntegerField(_("table"), default=1)
    locked = models.BooleanField(_("locked"), default=False)
    # Set when the schedule is published: a re-plan keeps confirmed meetings.
    confirmed_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    # Each side's own note, never shown to the other side (an attendee sees neither).
    note = models.CharField(_("private note"), max_length=500, blank=True)
    recipient_note = models.CharField(_("private note"), max_length=500, blank=True)
    followup = models.CharField(
        _("follow-up planned?"), max_length=10, choices=Followup.choices, blank=True
    )
    followup_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slot__starts_at", "place__name", "table", "id"]
        verbose_name = pgettext_lazy("one-to-one", "meeting")
        verbose_name_plural = pgettext_lazy("one-to-one", "meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["place", "slot", "table"], name="one_meeting_per_table_and_slot"
            ),
            models.CheckConstraint(condition=Q(table__gte=1), name="meeting_table_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.request} @ {self.slot}"

    @property
    def kept_by_replan(self) -> bool:
        return self.locked or self.confirmed_at is not None


class Booking(models.Model):
    """A person taken by a meeting in a slot: the unique constraint is what makes a double
    booking of a person impossible, whatever the number of people moving meetings."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="bookings")
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="bookings")
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "slot"], name="one_meeting_per_person_slot")
        ]

    def __str__(self) -> str:
        return f"{self.profile_id} @ {self.slot_id}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ScheduleRun(models.Model):
    """One run of the scheduler for an event, with its progress and its figures."""

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="schedule_runs"
    )
    status = models.CharField(max_length=8, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=20, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    requests = models.PositiveIntegerField(default=0)
    kept = models.PositiveIntegerField(default=0)
    placed = models.PositiveIntegerField(default=0)
    weight = models.FloatField(default=0)
    upper_bound = models.FloatField(default=0)
    seconds = models.FloatField(default=0)  # the engine's own time
    method = models.CharField(max_length=60, blank=True)
    # [{"request": id, "reason": "no_common_slot" | "at_cap" | "no_table"}]
    unplaced = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("schedule run")
        verbose_name_plural = _("schedule runs")
        constraints = [
            models.UniqueConstraint(
                fields=["event"],
                condition=Q(status__in=["queued", "running"]),
                name="one_active_schedule_run",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="run_progress_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.event} — {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)

    @property
    def ratio_percent(self) -> float:
        return 100.0 if self.upper_bound <= 0 else 100.0 * self.weight / self.upper_bound


class ChangeKind(models.TextChoices):
    PLACED = "placed", pgettext_lazy("one-to-one", "New meeting")
    MOVED = "moved", _("Meeting moved")
    CANCELLED = "cancelled", _("Meeting cancelled")


class AgendaChange(models.Model):
    """A change to a published agenda, mailed once to the person concerned by the clock."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="agenda_changes")
    kind = models.CharField(max_length=10, choices=ChangeKind.choices)
    # What the mail says, frozen when the change happens (the meeting may be gone since).
    starts_at = models.DateTimeField()
    place = models.CharField(max_length=200)
    other = models.CharField(max_length=610)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["sent_at"])]

    def __str__(self) -> str:
        return f"{self.kind} — {self.other}"
