"""Matchmaking at an event: the attendee list, everybody's profile, recommendations,
meeting requests, slots and places, the meetings the scheduler placed, and the runs.

What must never happen is refused by the database: a person booked twice in a slot
(`Booking`), a table of a place used twice in a slot (`Meeting`), two open requests
between the same two people (`MeetingRequest.pair_key`), two schedule runs at once.
"""

from __future__ import annotations

import secrets
from datetime import time

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

LANGUAGES = [("fr", "Français"), ("en", "English")]


def new_nonce() -> str:
    return secrets.token_urlsafe(12)


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


class ProfileKind(models.TextChoices):
    CITY = "city", _("City")
    COUNTY = "county", _("County")
    STATE = "state", _("State or region")
    CHAMBER = "chamber", _("Chamber of commerce")
    COMPANY = "company", _("Company")
    UNIVERSITY = "university", _("University")
    ASSOCIATION = "association", _("Association")
    OTHER = "other", _("Other")


class Attendee(models.Model):
    """A person on the event's attendee list: personal data, seen only by the event's
    delegations and the staff, erased with the retention rules."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="attendees")
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    function = models.CharField(_("function"), max_length=300, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    state = models.CharField(_("state or region"), max_length=120, blank=True)
    city = models.CharField(_("city"), max_length=150, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES, default="en")
    # Folded "first last" and organisation: duplicates without an e-mail are found by them.
    name_key = models.CharField(max_length=301, blank=True, editable=False)
    organisation_key = models.CharField(max_length=300, blank=True, editable=False)
    import_job = models.ForeignKey(
        "imports.ImportJob", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"], condition=~Q(email=""), name="one_attendee_per_email"
            ),
            models.UniqueConstraint(
                fields=["event", "name_key", "organisation_key"],
                condition=Q(email="") & ~Q(name_key=""),
                name="one_attendee_per_name_and_organisation",
            ),
        ]
        indexes = [models.Index(fields=["event", "last_name"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.email


class Profile(models.Model):
    """One person at one event as matchmaking sees them: a delegate of a delegation to the
    event, or an attendee. Requests, meetings and bookings refer to profiles."""

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="match_profiles"
    )
    delegate = models.ForeignKey(
        "delegations.Delegate",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="match_profiles",
    )
    attendee = models.OneToOneField(
        Attendee, on_delete=models.CASCADE, null=True, blank=True, related_name="profile"
    )
    # Shown in lists without joins; kept in step by the services.
    name = models.CharField(_("name"), max_length=301)
    organisation_name = models.CharField(_("organisation"), max_length=300, blank=True)
    kind = models.CharField(
        _("kind"), max_length=12, choices=ProfileKind.choices, default=ProfileKind.OTHER
    )
    sectors = models.ManyToManyField("network.Sector", blank=True, verbose_name=_("sectors"))
    offers = models.TextField(_("offers"), blank=True, help_text=_("One per line."))
    needs = models.TextField(_("needs"), blank=True, help_text=_("One per line."))
    interests = models.CharField(
        _("other interests"),
        max_length=500,
        blank=True,
        help_text=_("Topics outside the list of sectors."),
    )
    pitch = models.TextField(_("presentation"), blank=True)
    languages = models.CharField(
        _("languages"), max_length=60, blank=True, help_text=_("ISO codes separated by commas")
    )
    state = models.CharField(_("state or region"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("matchmaking profile")
        verbose_name_plural = _("matchmaking profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(delegate__isnull=True, attendee__isnull=False)
                | Q(delegate__isnull=False, attendee__isnull=True),
                name="profile_is_a_delegate_or_an_attendee",
            ),
            models.UniqueConstraint(fields=["event", "delegate"], name="one_profile_per_delegate"),
        ]
        indexes = [models.Index(fields=["event", "kind"]), models.Index(fields=["event", "state"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation_name})" if self.organisation_name else self.name

    @property
    def is_delegate(self) -> bool:
        return self.delegate_id is not None

    def offer_list(self) -> list[str]:
        return [line.strip() for line in self.offers.splitlines() if line.strip()]

    def need_list(self) -> list[str]:
        return [line.strip() for line in self.needs.splitlines() if line.strip()]


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


class Unavailability(models.Model):
    """A slot in which a person is not free for meetings (their own choice)."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="unavailable")
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "slot"], name="one_unavailability_per_slot")
        ]

    def __str__(self) -> str:
        return f"{self.profile_id} @ {self.slot_id}"


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
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
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
    seconds = models.FloatField(default=0)
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


class Recommendation(models.Model):
    """A person worth meeting, for a delegate, with the relevance engine's reasons.

    The person recommended is a plain id with the few facts the filters need: a relation
    would make every recommendation a record that refers to an imported attendee, and an
    attendee import could never be undone once recommendations were computed.
    """

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="recommendations")
    other_id = models.PositiveIntegerField()
    other_kind = models.CharField(max_length=12)
    other_state = models.CharField(max_length=120, blank=True)
    other_is_attendee = models.BooleanField()
    # ",smart_city,health," (network.Sector codes), for a sector filter without a join.
    other_sectors = models.CharField(max_length=1000, blank=True)
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    # The engine's structured reasons, rendered in the reader's language when shown.
    reasons = models.JSONField(default=list)

    class Meta:
        ordering = ["profile", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "other_id"], name="one_recommendation_per_pair"
            )
        ]
        indexes = [models.Index(fields=["profile", "rank"])]

    def __str__(self) -> str:
        return f"{self.profile_id} → {self.other_id} ({self.rank})"


class ChangeKind(models.TextChoices):
    PLACED = "placed", _("New meeting")
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
