"""The network calendar: events, members' interest in them, and secret iCal feed tokens."""

from __future__ import annotations

import secrets
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    CONGRESS = "congress", _("Congress")
    FAIR = "fair", _("Fair")
    FORUM = "forum", _("Forum")
    MISSION = "mission", _("Mission")
    RECEPTION = "reception", _("Reception")
    WORKSHOP = "workshop", _("Workshop")
    EXCHANGE = "exchange", _("Exchange")
    MEETING = "meeting", _("Meeting")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    NETWORK = "network", _("The whole network")
    GROUP = "group", _("A country group")
    ORGANISATION = "organisation", _("The organiser only")


def in_language(fr: str, en: str) -> str:
    """The reader's language first, the other one when that is empty."""
    if (get_language() or "fr").startswith("en"):
        return en or fr
    return fr or en


class Event(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    # Stored in UTC; shown in the event's own time zone.
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Paris")
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166 code, e.g. US"))
    organiser = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        related_name="organised_events",
        verbose_name=_("organiser"),
    )
    group = models.ForeignKey(
        "network.CountryGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("country group"),
    )
    link = models.URLField(_("link"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.NETWORK
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["starts_at"]),
            models.Index(fields=["ends_at"]),
            models.Index(fields=["visibility", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(title_fr="") | ~Q(title_en=""), name="event_has_a_title"
            ),
            models.CheckConstraint(
                condition=~Q(visibility="group") | Q(group__isnull=False),
                name="event_group_visibility_names_group",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self.title_fr, self.title_en)

    @property
    def description(self) -> str:
        return in_language(self.description_fr, self.description_en)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self) -> datetime:
        return self.ends_at.astimezone(self.zone)


class AttendanceStatus(models.TextChoices):
    INTERESTED = "interested", _("Interested")
    GOING = "going", _("Going")


class Attendance(models.Model):
    """A member's mark on an event: interested, or going."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_attendances"
    )
    status = models.CharField(_("status"), max_length=12, choices=AttendanceStatus.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_mark_per_member_and_event")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.event} ({self.status})"


class FeedScope(models.TextChoices):
    GROUP = "group", _("Country group")
    ORGANISATION = "organisation", _("Organisation")
    PERSON = "person", _("Person")


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class FeedToken(models.Model):
    """The secret in an iCal feed's URL: a calendar program cannot log in. Resetting it
    replaces the secret, so old subscriptions stop working."""

    scope = models.CharField(max_length=12, choices=FeedScope.choices)
    group = models.OneToOneField(
        "network.CountryGroup", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    organisation = models.OneToOneField(
        "network.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="event_feed",
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    reset_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(scope="group", group__isnull=False, organisation=None, user=None)
                    | Q(scope="organisation", organisation__isnull=False, group=None, user=None)
                    | Q(scope="person", user__isnull=False, group=None, organisation=None)
                ),
                name="feed_token_names_its_one_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope} feed"
