"""The reception of a delegation: its venue and capacity, the invitation quotas of the
exhibitors and member cities, the named invitations with their RSVP, and the check-ins
at the door.

The database keeps what must never happen: quotas above the venue's capacity, guests
named above a quota, a head count above the capacity, a guest checked in twice. The
services keep the counters (`allocated`, `named`, `present`) in the same transaction as
the rows they count, on a locked row, and the check constraints refuse the rest.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_CAPACITY = 100_000
MAX_PLUS_ONES = 5


def new_code() -> str:
    """The secret printed in the card's QR code: unguessable, short enough to type."""
    return secrets.token_urlsafe(12)


def new_link_key() -> str:
    return secrets.token_urlsafe(6)


class CardLanguages(models.TextChoices):
    FR_EN = "fr,en", _("French, then English")
    EN_FR = "en,fr", _("English, then French")
    FR = "fr", _("French only")
    EN = "en", _("English only")


class Reception(models.Model):
    """A programme session of kind reception, with what the door and the cards need."""

    session = models.OneToOneField(
        "delegations.Session",
        on_delete=models.CASCADE,
        related_name="reception",
        verbose_name=_("session"),
    )
    venue = models.CharField(_("venue"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"))
    card_languages = models.CharField(
        _("languages of the card"),
        max_length=5,
        choices=CardLanguages.choices,
        default=CardLanguages.FR_EN,
    )
    plus_ones_allowed = models.PositiveSmallIntegerField(
        _("plus-ones allowed per guest"), default=0
    )
    remind_at = models.DateTimeField(
        _("reminder to those who have not answered"),
        null=True,
        blank=True,
        help_text=_("Empty: no reminder."),
    )
    host_fr = models.CharField(_("host's words (French)"), max_length=300, blank=True)
    host_en = models.CharField(_("host's words (English)"), max_length=300, blank=True)
    # Kept by the services: the quotas' sum and the people checked in (plus-ones too).
    allocated = models.PositiveIntegerField(default=0)
    present = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["session__starts_at", "pk"]
        verbose_name = _("reception")
        verbose_name_plural = _("receptions")
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gt=0) & Q(capacity__lte=MAX_CAPACITY),
                name="reception_capacity_positive",
            ),
            models.CheckConstraint(
                condition=Q(allocated__lte=F("capacity")), name="quotas_within_capacity"
            ),
            models.CheckConstraint(
                condition=Q(present__lte=F("capacity")), name="head_count_within_capacity"
            ),
            models.CheckConstraint(
                condition=Q(plus_ones_allowed__lte=MAX_PLUS_ONES), name="plus_ones_bounded"
            ),
        ]

    def __str__(self) -> str:
        return self.session.title

    @property
    def delegation(self) -> models.Model:
        return self.session.delegation

    @property
    def languages(self) -> list[str]:
        return self.card_languages.split(",")

    @property
    def time_zone(self) -> str:
        return str(self.session.delegation.event.time_zone)

    @property
    def is_over(self) -> bool:
        return timezone.now() > self.session.ends_at

    @property
    def has_started(self) -> bool:
        return timezone.now() >= self.session.starts_at


class Quota(models.Model):
    """The invitations an exhibitor (a company) or a member city may hand out."""

    reception = models.ForeignKey(Reception, on_delete=models.CASCADE, related_name="quotas")
    participant = models.ForeignKey(
        "delegations.Participant",
        on_delete=models.CASCADE,
        related_name="reception_quotas",
        verbose_name=_("exhibitor or city"),
    )
    size = models.PositiveIntegerField(_("invitations"))
    # Kept by the services: the invitations named on this quota.
    named = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["reception", "participant__organisation__name"]
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.UniqueConstraint(
                fields=["reception", "participant"], name="one_quota_per_participant"
            ),
            models.CheckConstraint(condition=Q(named__lte=F("size")), name="guests_within_quota"),
        ]

    def __str__(self) -> str:
        return f"{self.participant} ({self.size})"

    @property
    def free(self) -> int:
        return max(self.size - self.named, 0)


class Rsvp(models.TextChoices):
    PENDING = "pending", _("No answer yet")
    YES = "yes", _("Coming")
    NO = "no", _("Not coming")


class Language(models.TextChoices):
    FR = "fr", "Français"
    EN = "en", "English"


class Invitation(models.Model):
    """One named guest on a quota: the card, the RSVP, the reminders."""

    reception = models.ForeignKey(Reception, on_delete=models.CASCADE, related_name="invitations")
    quota = models.ForeignKey(Quota, on_delete=models.CASCADE, related_name="invitations")
    name = models.CharField(_("name"), max_length=200)
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    function = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.EN
    )
    code = models.CharField(max_length=32, unique=True, default=new_code, editable=False)
    # Part of the RSVP link: renewed with the guest, so an older link stops working.
    link_key = models.CharField(max_length=16, default=new_link_key, editable=False)
    rsvp = models.CharField(_("answer"), max_length=8, choices=Rsvp.choices, default=Rsvp.PENDING)
    plus_ones = models.PositiveSmallIntegerField(_("plus-ones"), default=0)
    rsvp_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("card sent"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name_key", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [models.Index(fields=["reception", "name_key"])]
        constraints = [
            models.UniqueConstraint(
                fields=["reception", "email"],
                condition=~Q(email=""),
                name="one_invitation_per_email",
            ),
            models.CheckConstraint(
                condition=Q(plus_ones__lte=MAX_PLUS_ONES) & (~Q(rsvp="no") | Q(plus_ones=0)),
                name="invitation_plus_ones_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def set_name_key(self) -> None:
        from cityties.core.text import fold

        self.name_key = fold(f"{self.name} {self.organisation}")[:200]

    @property
    def seats(self) -> int:
        return 1 + self.plus_ones


class CheckIn(models.Model):
    """A guest through the door: one row per invitation, whatever the number of doors."""

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="check_in")
    reception = models.ForeignKey(Reception, on_delete=models.CASCADE, related_name="check_ins")
    plus_ones = models.PositiveSmallIntegerField(_("plus-ones"), default=0)
    door = models.CharField(_("door"), max_length=40, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.CheckConstraint(
                condition=Q(plus_ones__lte=MAX_PLUS_ONES), name="check_in_plus_ones_bounded"
            ),
        ]

    def __str__(self) -> str:
        # No name: the audit trail keeps this text after the guest is erased.
        return f"#{self.invitation_id} @ {self.door}"

    @property
    def people(self) -> int:
        return 1 + self.plus_ones
