"""Expertise members offer (emergency managers, water engineers) and partners' needs,
recorded by staff, and the matches between them: proposed, accepted, carried out, reported."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .common import MAX_STAFF_DAYS

_DAYS = [MinValueValidator(1), MaxValueValidator(MAX_STAFF_DAYS)]


class Domain(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency management")
    WATER = "water", _("Water and sanitation")
    WASTE = "waste", _("Waste management")
    RECONSTRUCTION = "reconstruction", _("Reconstruction")
    HEALTH = "health", _("Health")
    PLANNING = "planning", _("Urban planning")
    EDUCATION = "education", _("Schools and education")
    OTHER = "other", _("Other")


class Availability(models.Model):
    domain = models.CharField(_("domain"), max_length=16, choices=Domain.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    staff_days = models.PositiveIntegerField(_("staff-days"), validators=_DAYS)
    languages = models.CharField(
        _("languages"), max_length=60, help_text=_("ISO codes separated by commas")
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]


def _dated(prefix: str) -> list[models.BaseConstraint]:
    return [
        models.CheckConstraint(
            condition=Q(ends_on__isnull=True)
            | Q(starts_on__isnull=True)
            | Q(ends_on__gte=F("starts_on")),
            name=f"{prefix}_ends_after_it_starts",
        ),
        models.CheckConstraint(
            condition=Q(staff_days__gte=1) & Q(staff_days__lte=MAX_STAFF_DAYS),
            name=f"{prefix}_staff_days_range",
        ),
    ]


class OfferStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("offer", "Open")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Offer(Availability):
    member = models.ForeignKey(
        "network.Organisation",
        on_delete=models.CASCADE,
        related_name="expertise_offers",
        verbose_name=_("member government"),
    )
    crisis = models.ForeignKey(
        "solidarity.Crisis",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("for the crisis"),
        help_text=_("Left empty, the offer stands for any crisis."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.OPEN
    )

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("expertise offer")
        verbose_name_plural = _("expertise offers")
        constraints = _dated("offer")


class NeedStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MET = "met", _("Met")
    CLOSED = "closed", _("Closed")


class Need(Availability):
    partner = models.ForeignKey(
        "network.Organisation",
        on_delete=models.CASCADE,
        related_name="expertise_needs",
        verbose_name=_("partner"),
    )
    crisis = models.ForeignKey(
        "solidarity.Crisis",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("crisis"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=NeedStatus.choices, default=NeedStatus.OPEN
    )

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("expertise need")
        verbose_name_plural = _("expertise needs")
        constraints = _dated("need")


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CARRIED_OUT = "carried_out", _("Carried out")
    REPORTED = "reported", _("Reported")


class Match(models.Model):
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="matches")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="matches")
    status = models.CharField(
        _("status"), max_length=12, choices=MatchStatus.choices, default=MatchStatus.PROPOSED
    )
    score = models.DecimalField(_("relevance"), max_digits=5, decimal_places=4)
    # The engine's reasons when it was proposed, in both languages.
    reasons_fr = models.TextField(blank=True)
    reasons_en = models.TextField(blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    carried_out_on = models.DateField(_("carried out on"), null=True, blank=True)
    days_given = models.PositiveIntegerField(
        _("staff-days given"), null=True, blank=True, validators=_DAYS
    )
    report = models.TextField(_("report"), blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "pk"]
        verbose_name = _("expertise match")
        verbose_name_plural = _("expertise matches")
        constraints = [
            models.UniqueConstraint(fields=["need", "offer"], name="one_match_per_pair"),
            models.CheckConstraint(
                condition=~Q(status="reported") | ~Q(report=""), name="reported_match_has_report"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["carried_out", "reported"])
                | Q(carried_out_on__isnull=False),
                name="carried_out_match_is_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer} → {self.need}"

    @property
    def reasons(self) -> str:
        from cityties.events.models import in_language

        return in_language(self.reasons_fr, self.reasons_en)
