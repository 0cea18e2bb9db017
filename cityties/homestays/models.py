"""Homestays of a delegation: host families registered through a signed link, their
safeguarding record, the delegates who need a bed, the assignment and its runs.

A family offers the nights from ``available_from`` to the night before ``available_to``;
a guest sleeps the nights from ``arrive`` to the night before ``leave`` (the engine's
reading, `cityties.solvers.homestays`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = [("fr", "Français"), ("en", "English")]
MAX_BEDS = 12


class Gender(models.TextChoices):
    FEMALE = "f", _("Woman")
    MALE = "m", _("Man")


class Plan(models.Model):
    """The homestay plan of a delegation: where the families come from, and whether the
    assignment has been confirmed (then every family and guest has been told)."""

    delegation = models.OneToOneField(
        "delegations.Delegation", on_delete=models.CASCADE, related_name="homestay_plan"
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("homestay plan")
        verbose_name_plural = _("homestay plans")

    def __str__(self) -> str:
        return str(self.delegation)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class LinkSent(models.Model):
    """A registration link mailed to a partner (who passes it on to families) or a family."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="links_sent")
    via = models.ForeignKey(
        "network.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("through"),
    )
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("registration link sent")
        verbose_name_plural = _("registration links sent")

    def __str__(self) -> str:
        return self.email


class FamilyStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    CONFIRMED = "confirmed", _("Confirmed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Family(models.Model):
    """A host family; its contact data is personal and erased after the retention period."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="families")
    via = models.ForeignKey(
        "network.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("offered through"),
    )
    household = models.CharField(
        _("household"), max_length=200, help_text=_("E.g. the Miller family (2 adults, 1 child)")
    )
    contact_name = models.CharField(_("contact name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language of our mails"), max_length=2, choices=LANGUAGE_CHOICES, default="en"
    )
    address = models.TextField(_("address"))
    area = models.CharField(
        _("area"), max_length=120, help_text=_("Neighbourhood or town, shown to the guests")
    )
    beds = models.PositiveSmallIntegerField(_("beds offered"))
    available_from = models.DateField(_("first night offered"))
    available_to = models.DateField(_("day the last guest leaves"))
    languages = models.CharField(
        _("languages spoken"), max_length=60, help_text=_("ISO codes separated by commas")
    )
    pets = models.BooleanField(_("pets at home"), default=False)
    smoking = models.BooleanField(_("someone smokes at home"), default=False)
    takes_women = models.BooleanField(_("takes women"), default=True)
    takes_men = models.BooleanField(_("takes men"), default=True)
    same_gender_only = models.BooleanField(_("guests of one gender at a time"), default=False)
    minutes_to_venue = models.PositiveSmallIntegerField(
        _("minutes to the venue"), null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=FamilyStatus.choices, default=FamilyStatus.REGISTERED
    )
    # Safeguarding: both checks, by whom and when, before the family may be confirmed.
    visit_on = models.DateField(_("home visit done on"), null=True, blank=True)
    visit_by = models.CharField(_("home visit done by"), max_length=200, blank=True)
    check_on = models.DateField(_("background check done on"), null=True, blank=True)
    check_by = models.CharField(_("background check done by"), max_length=200, blank=True)
    safeguarding_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    registered_at = models.DateTimeField(auto_now_add=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["household", "id"]
        verbose_name = _("host family")
        verbose_name_plural = _("host families")
        constraints = [
            models.CheckConstraint(
                condition=Q(available_to__gt=F("available_from")),
                name="family_offers_a_night",
            ),
            models.CheckConstraint(condition=Q(beds__lte=MAX_BEDS), name="family_beds_bounded"),
            models.CheckConstraint(
                condition=Q(takes_women=True) | Q(takes_men=True),
                name="family_takes_someone",
            ),
            models.CheckConstraint(
                condition=(Q(visit_on__isnull=True) | ~Q(visit_by=""))
                & (Q(check_on__isnull=True) | ~Q(check_by="")),
                name="family_check_names_its_author",
            ),
            models.CheckConstraint(
                condition=~Q(status="confirmed")
                | Q(visit_on__isnull=False, check_on__isnull=False, confirmed_at__isnull=False),
                name="family_confirmed_after_safeguarding",
            ),
        ]

    def __str__(self) -> str:
        return self.household

    @property
    def safeguarding_done(self) -> bool:
        return self.visit_on is not None and self.check_on is not None

    @property
    def genders(self) -> list[str]:
        return [code for code, takes in (("f", self.takes_women), ("m", self.takes_men)) if takes]

    @property
    def language_list(self) -> list[str]:
        return [code.strip().lower() for code in self.languages.split(",") if code.strip()]


class Guest(models.Model):
    """A delegate who needs a homestay, and what the assignment must respect."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="guests")
    delegate = models.ForeignKey(
        "delegations.Delegate",
        on_delete=models.CASCADE,
        related_name="homestay_needs",
        verbose_name=_("delegate"),
    )
    arrive = models.DateField(_("arrives on"))
    leave = models.DateField(_("leaves on"))
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    languages = models.CharField(
        _("languages spoken"), max_length=60, help_text=_("ISO codes separated by commas")
    )
    pet_allergy = models.BooleanField(_("pet allergy"), default=False)
    non_smoking = models.BooleanField(_("non-smoking home"), default=True)
    max_minutes = models.PositiveSmallIntegerField(
        _("maximum minutes to the venue"), null=True, blank=True
    )
    colleague = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("would like to stay with"),
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), default=1, help_text=_("Higher first; elected officials come first")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["delegate__person__last_name", "delegate__person__first_name", "id"]
        verbose_name = _("homestay guest")
        verbose_name_plural = _("homestay guests")
        constraints = [
            models.UniqueConstraint(fields=["plan", "delegate"], name="one_need_per_delegate"),
            models.CheckConstraint(condition=Q(leave__gt=F("arrive")), name="guest_stays_a_night"),
            models.CheckConstraint(
                condition=~Q(colleague=F("id")), name="guest_colleague_is_someone_else"
            ),
        ]

    def __str__(self) -> str:
        return str(self.delegate)

    @property
    def language_list(self) -> list[str]:
        return [code.strip().lower() for code in self.languages.split(",") if code.strip()]


class Placement(models.Model):
    """Where a guest sleeps in the current assignment; a locked one is kept by re-runs."""

    guest = models.OneToOneField(Guest, on_delete=models.CASCADE, related_name="placement")
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="placements")
    locked = models.BooleanField(_("locked"), default=False)
    by_hand = models.BooleanField(default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["family__household", "guest__arrive", "id"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")

    def __str__(self) -> str:
        return f"{self.guest} → {self.family}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Run(models.Model):
    """One run of the assignment engine: progress while it runs, figures and the reasons
    of the guests left out when done."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(max_length=8, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=40, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    stats = models.JSONField(default=dict, blank=True)
    #: guest pk (as text) -> the engine's reasons: [{"code", "hosts": [family pks], "nights"}]
    unplaced = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("assignment run")
        verbose_name_plural = _("assignment runs")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="run_progress_percent")
        ]

    def __str__(self) -> str:
        return f"{self.plan} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)


class NoticeKind(models.TextChoices):
    GUEST = "guest", _("Guest")
    FAMILY = "family", _("Family")


class Notice(models.Model):
    """The record that a confirmation mail was sent: unique, so it is sent once."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=6, choices=NoticeKind.choices)
    recipient_id = models.PositiveIntegerField()
    email = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("confirmation mail")
        verbose_name_plural = _("confirmation mails")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "recipient_id"], name="one_notice_per_recipient"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.recipient_id}"
