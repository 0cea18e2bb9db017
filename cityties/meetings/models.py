"""Country-group meetings: agenda, attendance, minutes, decisions, action items with their
reminders, approved versions of the minutes, and minutes waiting to be imported."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = [("fr", "Français"), ("en", "English")]


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class Meeting(models.Model):
    group = models.ForeignKey(
        "network.CountryGroup",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("country group"),
    )
    title = models.CharField(_("title"), max_length=200)
    # Stored in UTC; shown in the meeting's own time zone.
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Paris")
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    chair = models.ForeignKey(
        "network.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chaired_meetings",
        verbose_name=_("chair"),
    )
    secretary = models.ForeignKey(
        "network.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="minuted_meetings",
        verbose_name=_("secretary"),
    )
    # The chair's opening words, sanitised rich text (see meetings.richtext).
    opening = models.TextField(_("chair's opening"), blank=True)
    event = models.OneToOneField(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting",
        verbose_name=_("calendar event"),
    )
    minutes_status = models.CharField(
        _("minutes"), max_length=10, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    # Bumped whenever the date, place or link change: the invitations' iCal SEQUENCE.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["group", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(minutes_status="draft")
                | Q(approved_at__isnull=False, minutes_status="approved"),
                name="approved_minutes_have_a_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self) -> datetime:
        return self.ends_at.astimezone(self.zone)

    @property
    def is_approved(self) -> bool:
        return self.minutes_status == MinutesStatus.APPROVED


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    presenter = models.ForeignKey(
        "network.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presenter"),
    )
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), null=True)
    # What was said, sanitised rich text.
    minutes = models.TextField(_("minutes"), blank=True)
    # An open action item of an earlier meeting that this item follows up.
    carried_action = models.ForeignKey(
        "ActionItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        verbose_name=_("action item followed up"),
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "carried_action"],
                condition=Q(carried_action__isnull=False),
                name="action_carried_once_per_meeting",
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__isnull=True) | Q(duration_minutes__lte=600),
                name="agenda_item_duration_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AttendanceStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    PRESENT = "present", _("Present")
    REMOTE = "remote", _("Present remotely")
    REPRESENTED = "represented", _("Represented")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.REMOTE)


class Attendance(models.Model):
    """One invitee or guest of a meeting. Their name, function and organisation are copied
    from the directory when the row is made: the minutes keep what they held that day."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(
        "network.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_attendances",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    civility = models.CharField(_("civility"), max_length=2, blank=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100)
    function = models.CharField(_("function"), max_length=200, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES, default="fr")
    is_guest = models.BooleanField(_("guest"), default=False)
    status = models.CharField(
        _("attendance"),
        max_length=12,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.INVITED,
    )
    proxy_name = models.CharField(_("represented by"), max_length=200, blank=True)
    proxy = models.ForeignKey(
        "network.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proxy"),
    )
    invited_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)
    invited_sequence = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(person__isnull=False),
                name="one_attendance_per_person",
            ),
            models.CheckConstraint(
                condition=~Q(status="represented") | ~Q(proxy_name=""),
                name="represented_names_a_proxy",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    text = models.TextField(_("decision"))
    votes_for = models.PositiveIntegerField(_("for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("against"), null=True, blank=True)
    votes_abstain = models.PositiveIntegerField(_("abstentions"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            # A vote records its three figures, or none of them.
            models.CheckConstraint(
                condition=Q(
                    votes_for__isnull=True, votes_against__isnull=True, votes_abstain__isnull=True
                )
                | Q(
                    votes_for__isnull=False,
                    votes_against__isnull=False,
                    votes_abstain__isnull=False,
                ),
                name="decision_vote_complete",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def has_vote(self) -> bool:
        return self.votes_for is not None


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class ActionItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("agenda item"),
    )
    text = models.TextField(_("action"))
    owner_organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        related_name="meeting_actions",
        verbose_name=_("owner organisation"),
    )
    owner_person = models.ForeignKey(
        "network.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_actions",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    # What the action serves: at most one of these.
    delegation = models.ForeignKey(
        "delegations.Delegation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_actions",
        verbose_name=_("delegation"),
    )
    milestone = models.ForeignKey(
        "delegations.Milestone",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_actions",
        verbose_name=_("milestone"),
    )
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_actions",
        verbose_name=_("event"),
    )
    partnership = models.ForeignKey(
        "network.Partnership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_actions",
        verbose_name=_("partnership"),
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(delegation__isnull=True, milestone__isnull=True, event__isnull=True)
                    | Q(delegation__isnull=True, milestone__isnull=True, partnership__isnull=True)
                    | Q(delegation__isnull=True, event__isnull=True, partnership__isnull=True)
                    | Q(milestone__isnull=True, event__isnull=True, partnership__isnull=True)
                ),
                name="action_serves_one_thing",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES

    def is_overdue_on(self, today: date) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < today

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())

    @property
    def serves(self) -> object | None:
        return self.delegation or self.milestone or self.event or self.partnership


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("Before the due date")
    OVERDUE = "overdue", _("Overdue")


class ActionReminder(models.Model):
    """The record that a reminder was sent: the unique constraint makes it once only."""

    action = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=8, choices=ReminderKind.choices)
    sent_to = models.EmailField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("action reminder")
        verbose_name_plural = _("action reminders")
        constraints = [
            models.UniqueConstraint(fields=["action", "kind"], name="one_action_reminder_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.action} ({self.kind})"


class MinutesVersion(models.Model):
    """The minutes as approved, frozen: every approval adds one, earlier ones stay."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"))
    reopened_at = models.DateTimeField(_("reopened"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("minutes version")
        verbose_name_plural = _("minutes versions")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="unique_minutes_version")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} v{self.number}"


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    CONFIRMED = "confirmed", _("Confirmed")
    DISCARDED = "discarded", _("Discarded")


def import_upload_to(instance: MinutesImport, filename: str) -> str:
    return f"meetings/imports/{instance.group_id}/{filename}"


class MinutesImport(models.Model):
    """Minutes read from a document, waiting for a person to review and confirm them.
    Nothing else is written before they confirm; the file is private and purged."""

    group = models.ForeignKey(
        "network.CountryGroup", on_delete=models.CASCADE, related_name="minutes_imports"
    )
    file = models.FileField(upload_to=import_upload_to, blank=True)
    original_filename = models.CharField(max_length=255)
    proposal = models.JSONField()
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("minutes import")
        verbose_name_plural = _("minutes imports")

    def __str__(self) -> str:
        return self.original_filename
