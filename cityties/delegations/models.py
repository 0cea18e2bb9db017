"""Delegations to an event: pipeline, supporters, milestones, participants and their
delegates, company profiles, the call for participation, the programme."""

from __future__ import annotations

import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.events.models import in_language


class DelegationStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    PROPOSAL = "proposal", _("Proposal")
    CONFIRMED = "confirmed", _("Confirmed")
    ON_SITE = "on_site", _("On site")
    DEBRIEF = "debrief", _("Debrief")
    CLOSED = "closed", _("Closed")


PIPELINE: tuple[str, ...] = tuple(DelegationStatus.values)

# The moves a delegation may make: one step on, one step back before the trip, or closing
# a project that will not happen.
ALLOWED_MOVES: dict[str, frozenset[str]] = {
    DelegationStatus.IDEA: frozenset({DelegationStatus.PROPOSAL, DelegationStatus.CLOSED}),
    DelegationStatus.PROPOSAL: frozenset(
        {DelegationStatus.IDEA, DelegationStatus.CONFIRMED, DelegationStatus.CLOSED}
    ),
    DelegationStatus.CONFIRMED: frozenset(
        {DelegationStatus.PROPOSAL, DelegationStatus.ON_SITE, DelegationStatus.CLOSED}
    ),
    DelegationStatus.ON_SITE: frozenset({DelegationStatus.DEBRIEF}),
    DelegationStatus.DEBRIEF: frozenset({DelegationStatus.CLOSED}),
    DelegationStatus.CLOSED: frozenset(),
}


def new_secret() -> str:
    return secrets.token_urlsafe(24)


class Delegation(models.Model):
    title = models.CharField(_("title"), max_length=200)
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.PROTECT,
        related_name="delegations",
        verbose_name=_("event"),
    )
    lead = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        related_name="led_delegations",
        verbose_name=_("lead organisation"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=DelegationStatus.choices, default=DelegationStatus.IDEA
    )
    description = models.TextField(_("description"), blank=True)
    staff_contacts = models.ManyToManyField(
        "network.Person", blank=True, related_name="+", verbose_name=_("staff contacts")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.UniqueConstraint(fields=["event", "lead"], name="one_delegation_per_lead_event")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def time_zone(self) -> str:
        return self.event.time_zone

    @property
    def next_statuses(self) -> list[str]:
        allowed = ALLOWED_MOVES[self.status]
        return [status for status in PIPELINE if status in allowed]


class StatusMove(models.Model):
    """One move through the pipeline: who made it and when."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="moves")
    from_status = models.CharField(max_length=12, choices=DelegationStatus.choices)
    to_status = models.CharField(max_length=12, choices=DelegationStatus.choices)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    moved_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["moved_at", "id"]
        verbose_name = _("status move")
        verbose_name_plural = _("status moves")

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class SupporterRole(models.TextChoices):
    CO_ORGANISER = "co_organiser", _("Co-organiser")
    FUNDER = "funder", _("Funder")
    PARTNER = "partner", _("Partner")
    HOST = "host", _("Host")


class Supporter(models.Model):
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="supporters")
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="supported_delegations"
    )
    role = models.CharField(_("role"), max_length=14, choices=SupporterRole.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["role", "id"]
        verbose_name = _("supporting body")
        verbose_name_plural = _("supporting bodies")
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "organisation", "role"], name="unique_supporter_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.role})"


class MilestoneStatus(models.TextChoices):
    OPEN = "open", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_MILESTONE_STATUSES = (MilestoneStatus.OPEN, MilestoneStatus.IN_PROGRESS)


class Milestone(models.Model):
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("deadline"))
    owner_person = models.ForeignKey(
        "network.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_milestones",
        verbose_name=_("owner"),
    )
    owner_organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        related_name="owned_milestones",
        verbose_name=_("owner organisation"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=MilestoneStatus.choices, default=MilestoneStatus.OPEN
    )
    notes = models.TextField(_("notes"), blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_MILESTONE_STATUSES

    def is_overdue_on(self, today: date) -> bool:
        return self.is_open and self.due_on < today

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("Before the deadline")
    OVERDUE = "overdue", _("Overdue")


class MilestoneReminder(models.Model):
    """The record that a reminder was sent: the unique constraint makes it once only."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=8, choices=ReminderKind.choices)
    sent_to = models.EmailField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("milestone reminder")
        verbose_name_plural = _("milestone reminders")
        constraints = [
            models.UniqueConstraint(fields=["milestone", "kind"], name="one_reminder_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.milestone} ({self.kind})"


class ParticipantKind(models.TextChoices):
    GOVERNMENT = "government", _("Member government")
    COMPANY = "company", _("Company")


class Participant(models.Model):
    """A member government of the delegation, or a company travelling with its sponsor."""

    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="participants"
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        related_name="delegation_participations",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ParticipantKind.choices)
    sponsor = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sponsored_participations",
        verbose_name=_("sponsoring member"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "organisation__name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "organisation"], name="one_participation_per_delegation"
            ),
            models.CheckConstraint(
                condition=Q(kind="government", sponsor__isnull=True)
                | Q(kind="company", sponsor__isnull=False),
                name="company_participant_has_sponsor",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def city_id(self) -> int:
        """The member government this participant comes with (itself, or its sponsor)."""
        return self.sponsor_id or self.organisation_id


class DelegateRole(models.TextChoices):
    ELECTED = "elected", _("Elected official")
    STAFF = "staff", _("Staff")
    SPEAKER = "speaker", _("Speaker")
    COMPANY = "company", _("Company representative")


class Delegate(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="delegates")
    person = models.ForeignKey(
        "network.Person", on_delete=models.PROTECT, related_name="delegations_as_delegate"
    )
    role = models.CharField(_("role"), max_length=10, choices=DelegateRole.choices)
    # The secret in the URL of the delegate's itinerary feed; reset to revoke it.
    feed_token = models.CharField(max_length=64, unique=True, default=new_secret)

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        constraints = [
            models.UniqueConstraint(fields=["participant", "person"], name="unique_delegate")
        ]

    def __str__(self) -> str:
        return str(self.person)


class CompanyProfile(models.Model):
    """What a company offers, in both languages; one per company, reused delegation after
    delegation."""

    company = models.OneToOneField(
        "network.Organisation", on_delete=models.CASCADE, related_name="company_profile"
    )
    sector = models.ForeignKey(
        "network.Sector",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sector"),
    )
    offer_fr = models.TextField(_("offer (French)"), blank=True)
    offer_en = models.TextField(_("offer (English)"), blank=True)
    target_markets = models.CharField(
        _("target markets"),
        max_length=120,
        blank=True,
        help_text=_("ISO country codes separated by commas, e.g. US,CA"),
    )
    languages = models.CharField(
        _("languages"), max_length=60, blank=True, help_text=_("ISO codes separated by commas")
    )
    is_sme = models.BooleanField(_("SME"), default=True)
    pitch_fr = models.TextField(_("pitch (French)"), blank=True)
    pitch_en = models.TextField(_("pitch (English)"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("company profile")
        verbose_name_plural = _("company profiles")

    def __str__(self) -> str:
        return str(self.company)

    @property
    def pitch(self) -> str:
        return in_language(self.pitch_fr, self.pitch_en)

    @property
    def offer(self) -> str:
        return in_language(self.offer_fr, self.offer_en)


class Call(models.Model):
    """The call for participation of a delegation: companies proposed or applying."""

    delegation = models.OneToOneField(
        Delegation, on_delete=models.CASCADE, related_name="call", verbose_name=_("delegation")
    )
    deadline = models.DateTimeField(_("deadline"))
    intro_fr = models.TextField(_("introduction (French)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("call for participation")
        verbose_name_plural = _("calls for participation")

    def __str__(self) -> str:
        return f"{self.delegation}"

    @property
    def intro(self) -> str:
        return in_language(self.intro_fr, self.intro_en)

    def is_open_at(self, now: object) -> bool:
        return self.closed_at is None and now < self.deadline  # type: ignore[operator]

    @property
    def is_open(self) -> bool:
        return self.is_open_at(timezone.now())


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WAITLISTED = "waitlisted", _("Wait-listed")


class Application(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="applications")
    company = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="call_applications"
    )
    sponsor = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        related_name="proposed_applications",
        verbose_name=_("sponsoring member"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    contact_name = models.CharField(_("contact name"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    language = models.CharField(
        _("language"), max_length=2, choices=[("fr", "Français"), ("en", "English")], default="fr"
    )
    motivation = models.TextField(_("motivation"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(fields=["call", "company"], name="one_application_per_call"),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decision_reason=""),
                name="declined_application_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} → {self.call}"


class SessionKind(models.TextChoices):
    PLENARY = "plenary", _("Plenary")
    WORKSHOP = "workshop", _("Workshop or round table")
    SITE_VISIT = "site_visit", _("Site visit")
    RECEPTION = "reception", _("Reception")
    DEBRIEF = "debrief", _("Debrief meeting")
    OTHER = "other", _("Other")


class Session(models.Model):
    """A session of the programme: times in UTC, shown in the event's time zone."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=12, choices=SessionKind.choices)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    run_by_delegation = models.BooleanField(_("run by the delegation"), default=False)
    for_everyone = models.BooleanField(
        _("the whole delegation takes part"),
        default=False,
        help_text=_("Unticked, only the delegates chosen below take part."),
    )
    speakers = models.ManyToManyField(
        "network.Person", blank=True, related_name="+", verbose_name=_("speakers")
    )
    delegates = models.ManyToManyField(
        Delegate, blank=True, related_name="sessions", verbose_name=_("who takes part")
    )

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["delegation", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(title_fr="") | ~Q(title_en=""), name="session_has_a_title"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self.title_fr, self.title_en)
