"""Crises and the funds they open."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cityties.events.models import in_language

from .common import NOT_NEGATIVE, Bilingual


class CrisisKind(models.TextChoices):
    EARTHQUAKE = "earthquake", _("Earthquake")
    HURRICANE = "hurricane", _("Hurricane or cyclone")
    FLOOD = "flood", _("Flood")
    DROUGHT = "drought", _("Drought")
    FIRE = "fire", _("Fire")
    CONFLICT = "conflict", _("Conflict")
    EPIDEMIC = "epidemic", _("Epidemic")
    INDUSTRIAL = "industrial", _("Industrial accident")
    OTHER = "other", _("Other")


class CrisisStatus(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency")
    RECOVERY = "recovery", _("Recovery and reconstruction")
    CLOSED = "closed", _("Closed")


class Crisis(Bilingual, models.Model):
    """A disaster or crisis striking partners of the network's members."""

    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=CrisisKind.choices)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166 code, e.g. HT"))
    region = models.CharField(_("region"), max_length=120, blank=True)
    occurred_on = models.DateField(_("date"))
    affected = models.ManyToManyField(
        "network.Organisation",
        blank=True,
        related_name="crises",
        verbose_name=_("partner governments affected"),
    )
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CrisisStatus.choices, default=CrisisStatus.EMERGENCY
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-occurred_on", "pk"]
        verbose_name = _("crisis")
        verbose_name_plural = _("crises")
        constraints = [
            models.CheckConstraint(
                condition=~Q(title_fr="") | ~Q(title_en=""), name="crisis_has_a_title"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def description(self) -> str:
        return in_language(self.description_fr, self.description_en)


class FundChannel(models.TextChoices):
    NETWORK = "network", _("The network's fund")
    MEMBER = "member", _("A member's fund")
    FACECO = "faceco", _("FACECO (the ministry's crisis fund)")


class FundStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("fund", "Open")
    CLOSED = "closed", pgettext_lazy("fund", "Closed")


class FundPurpose(models.TextChoices):
    """What a fund may pay for; the water, sanitation and waste purposes are what an
    Oudin-Santini pledge needs."""

    RELIEF = "relief", _("Emergency relief")
    WATER = "water", _("Drinking water")
    SANITATION = "sanitation", _("Sanitation")
    WASTE = "waste", _("Waste management")
    RECONSTRUCTION = "reconstruction", _("Reconstruction")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Schools and education")
    EXPERTISE = "expertise", _("Technical expertise")


class Fund(Bilingual, models.Model):
    crisis = models.ForeignKey(
        Crisis, on_delete=models.PROTECT, related_name="funds", verbose_name=_("crisis")
    )
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    channel = models.CharField(_("run by"), max_length=8, choices=FundChannel.choices)
    manager = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="solidarity_funds",
        verbose_name=_("managed by"),
        help_text=_("The member that runs it, or the ministry for FACECO."),
    )
    target_amount = models.DecimalField(
        _("target amount"),
        max_digits=12,
        decimal_places=2,
        validators=NOT_NEGATIVE,
        null=True,
        blank=True,
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    purposes = models.JSONField(_("what it may fund"), default=list)
    purpose_fr = models.TextField(_("what it may fund, in detail (French)"), blank=True)
    purpose_en = models.TextField(_("what it may fund, in detail (English)"), blank=True)
    status = models.CharField(
        _("status"), max_length=6, choices=FundStatus.choices, default=FundStatus.OPEN
    )
    is_public = models.BooleanField(
        _("public progress page"),
        default=True,
        help_text=_("Anyone may read its progress: totals, named contributors and projects."),
    )
    # Moved on by every service that changes what the public page shows: its cache key.
    public_version = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-opens_on", "pk"]
        verbose_name = _("solidarity fund")
        verbose_name_plural = _("solidarity funds")
        constraints = [
            models.CheckConstraint(condition=~Q(title_fr="") | ~Q(title_en=""), name="fund_titled"),
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True) | Q(closes_on__gte=F("opens_on")),
                name="fund_closes_after_it_opens",
            ),
            models.CheckConstraint(
                condition=Q(target_amount__isnull=True) | Q(target_amount__gte=0),
                name="fund_target_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(channel="member") | Q(manager__isnull=False),
                name="member_fund_has_a_manager",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def purpose(self) -> str:
        return in_language(self.purpose_fr, self.purpose_en)

    @property
    def is_open(self) -> bool:
        return self.status == FundStatus.OPEN

    def purpose_labels(self) -> list[str]:
        labels = dict(FundPurpose.choices)
        return [str(labels[p]) for p in self.purposes if p in labels]
