"""An event's matchmaking settings, its slots and its places."""

from __future__ import annotations

from datetime import time

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class EventSetup(models.Model):
    """The matchmaking settings of one event: slots, caps, request lifetime."""

    event = models.OneToOneField(
        "events.Event", on_delete=models.CASCADE, related_name="matchmaking"
    )
    first_day = models.DateField(_("first day"), null=True, blank=True)
    last_day = models.DateField(_("last day"), null=True, blank=True)
    day_starts = models.TimeField(_("meetings start at"), default=time(9, 0))
    day_ends = models.TimeField(_("meetings end at"), default=time(17, 0))
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"),
        default=20,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
    )
    # Daily breaks as [["12:30", "14:00"], …], in the event's time zone.
    breaks = models.JSONField(_("breaks"), default=list, blank=True)
    max_requests = models.PositiveSmallIntegerField(
        _("requests a person may have open"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
    )
    max_meetings = models.PositiveSmallIntegerField(
        _("meetings a person may have"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
    )
    request_days = models.PositiveSmallIntegerField(
        _("days a request stays open"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    reminder_hours = models.PositiveSmallIntegerField(
        _("reminder, hours before a request expires"),
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(720)],
    )
    # Recommendations are recomputed in the background when profiles change.
    recommendations_stale = models.BooleanField(default=True)
    recommendations_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("matchmaking settings")
        verbose_name_plural = _("matchmaking settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(day_ends__gt=F("day_starts")), name="matchmaking_day_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(first_day__isnull=True)
                | Q(last_day__isnull=True)
                | Q(last_day__gte=F("first_day")),
                name="matchmaking_last_day_after_first",
            ),
        ]

    def __str__(self) -> str:
        return str(self.event)


class Slot(models.Model):
    """A time slot for one-to-one meetings (times in UTC, shown in the event's zone)."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="match_slots")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        constraints = [
            models.UniqueConstraint(fields=["event", "starts_at"], name="one_slot_per_start"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="slot_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}"


class PlaceKind(models.TextChoices):
    TABLE = "table", _("Shared tables")
    STAND = "stand", _("Stand")
    ROOM = "room", _("Meeting room")


class Place(models.Model):
    """Where meetings happen: `capacity` tables, each hosting one meeting per slot. A
    pavilion stand is the allowed place of the companies sharing it."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="match_places")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=8, choices=PlaceKind.choices)
    capacity = models.PositiveSmallIntegerField(
        _("tables"), default=1, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    stand = models.ForeignKey(
        "pavilion.CostItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="match_places",
        verbose_name=_("pavilion stand"),
    )

    class Meta:
        ordering = ["kind", "name", "id"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="one_place_per_name"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="place_has_a_table"),
        ]

    def __str__(self) -> str:
        return self.name
