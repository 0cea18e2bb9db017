"""The pavilion's economics: cost items (stands among them) and who shares them, the parts
others cover, exchange rates, subsidy rules and each participant's eligibility facts.

Every figure is computed by the pure engine in `cityties.solvers.costs`; the rows here
hold only what people enter. Money is Decimal; amounts in the delegation's accounting
currency (EUR) unless a row says otherwise.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

ACCOUNTING_CURRENCY = "EUR"
MAX_AMOUNT = Decimal("999999999.99")
MAX_AREA = Decimal("100000.00")
MAX_DAYS = 366

_nonneg = [MinValueValidator(Decimal("0"))]


class ItemKind(models.TextChoices):
    STAND = "stand", _("Stand")
    REGISTRATION = "registration", _("Registration")
    FITTING = "fitting", _("Fitting")
    RECEPTION = "reception", _("Reception")
    TRAVEL = "travel", _("Travel")
    LODGING = "lodging", _("Lodging")
    COMMUNICATION = "communication", _("Communication")
    OTHER = "other", _("Other")


class Split(models.TextChoices):
    EQUAL = "equal", _("Equally")
    AREA = "area", _("By area")
    DAYS = "days", _("By days")
    WEIGHTS = "weights", _("By percentage")


class CostItem(models.Model):
    """A stand or another cost of the delegation, in the currency it is billed in.

    `allocated_*` are the sums of the shares' areas, days and percentages, kept by the
    services in the same transaction as the shares; the check constraints make the
    database refuse shares above the stand whatever the number of people editing it.
    """

    delegation = models.ForeignKey(
        "delegations.Delegation", on_delete=models.CASCADE, related_name="cost_items"
    )
    kind = models.CharField(_("kind"), max_length=14, choices=ItemKind.choices)
    label = models.CharField(_("label"), max_length=200)
    planned_amount = models.DecimalField(
        _("planned amount"), max_digits=12, decimal_places=2, validators=_nonneg
    )
    actual_amount = models.DecimalField(
        _("actual amount"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_nonneg,
    )
    currency = models.CharField(_("currency"), max_length=3, default=ACCOUNTING_CURRENCY)
    area_m2 = models.DecimalField(
        _("area (m²)"), max_digits=8, decimal_places=2, null=True, blank=True, validators=_nonneg
    )
    days = models.PositiveSmallIntegerField(
        _("days"), null=True, blank=True, validators=[MaxValueValidator(MAX_DAYS)]
    )
    split = models.CharField(_("split"), max_length=8, choices=Split.choices, default=Split.EQUAL)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    allocated_area = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("0"))
    allocated_days = models.PositiveIntegerField(default=0)
    allocated_percent = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal("0"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "label", "pk"]
        verbose_name = _("cost item")
        verbose_name_plural = _("cost items")
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_amount__gte=0)
                & (Q(actual_amount__isnull=True) | Q(actual_amount__gte=0)),
                name="cost_item_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(area_m2__isnull=True) | Q(area_m2__gte=0),
                name="cost_item_area_not_negative",
            ),
            # Shares above the stand: more m² than it has, more days, more than 100 %.
            models.CheckConstraint(
                condition=Q(allocated_area__gte=0)
                & (Q(area_m2__isnull=True) | Q(allocated_area__lte=F("area_m2"))),
                name="shares_fit_the_area",
            ),
            models.CheckConstraint(
                condition=Q(days__isnull=True) | Q(allocated_days__lte=F("days")),
                name="shares_fit_the_days",
            ),
            models.CheckConstraint(
                condition=Q(allocated_percent__gte=0) & Q(allocated_percent__lte=100),
                name="shares_fit_100_percent",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_stand(self) -> bool:
        return self.kind == ItemKind.STAND


class Share(models.Model):
    """A participant's part of a cost item: its area, days or percentage, as the item's
    split needs; on an equal split none of them."""

    item = models.ForeignKey(CostItem, on_delete=models.CASCADE, related_name="shares")
    participant = models.ForeignKey(
        "delegations.Participant",
        on_delete=models.CASCADE,
        related_name="cost_shares",
        verbose_name=_("participant"),
    )
    area_m2 = models.DecimalField(
        _("area (m²)"), max_digits=8, decimal_places=2, null=True, blank=True, validators=_nonneg
    )
    days = models.PositiveSmallIntegerField(
        _("days"), null=True, blank=True, validators=[MaxValueValidator(MAX_DAYS)]
    )
    percent = models.DecimalField(
        _("percentage"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        ordering = ["item", "participant__organisation__name"]
        verbose_name = _("share")
        verbose_name_plural = _("shares")
        constraints = [
            models.UniqueConstraint(fields=["item", "participant"], name="one_share_per_item"),
            models.CheckConstraint(
                condition=(Q(area_m2__isnull=True) | Q(area_m2__gt=0))
                & (Q(days__isnull=True) | Q(days__gt=0))
                & (Q(percent__isnull=True) | (Q(percent__gt=0) & Q(percent__lte=100))),
                name="share_measures_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} – {self.participant}"


class Cover(models.Model):
    """A part of an item a participant pays for everyone (the lead city covering part of
    a stand), in the accounting currency, taken off before the split."""

    item = models.ForeignKey(CostItem, on_delete=models.CASCADE, related_name="covers")
    participant = models.ForeignKey(
        "delegations.Participant",
        on_delete=models.CASCADE,
        related_name="covered_parts",
        verbose_name=_("covered by"),
    )
    amount = models.DecimalField(
        _("amount (EUR)"), max_digits=12, decimal_places=2, validators=_nonneg
    )

    class Meta:
        ordering = ["item", "participant__organisation__name"]
        verbose_name = _("covered part")
        verbose_name_plural = _("covered parts")
        constraints = [
            models.UniqueConstraint(fields=["item", "participant"], name="one_cover_per_payer"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="cover_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.item} – {self.participant}"


class ExchangeRate(models.Model):
    """How many euros one unit of `currency` is worth for this delegation's accounts."""

    delegation = models.ForeignKey(
        "delegations.Delegation", on_delete=models.CASCADE, related_name="exchange_rates"
    )
    currency = models.CharField(_("currency"), max_length=3)
    rate = models.DecimalField(
        _("rate (EUR per unit)"),
        max_digits=14,
        decimal_places=6,
        validators=[MinValueValidator(Decimal("0.000001"))],
    )
    source = models.CharField(_("source"), max_length=200)
    on_date = models.DateField(_("date of the rate"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["currency"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "currency"], name="one_rate_per_currency"
            ),
            models.CheckConstraint(condition=Q(rate__gt=0), name="rate_positive"),
        ]

    def __str__(self) -> str:
        return f"1 {self.currency} = {self.rate} {ACCOUNTING_CURRENCY}"


class ParticipantKindRule(models.TextChoices):
    ANY = "", _("Any participant")
    COMPANY = "company", _("Companies")
    GOVERNMENT = "government", _("Member governments")


class SubsidyRule(models.Model):
    """A funder's rule, applied in `position` order: a rate of the covered kinds for the
    eligible participants, within ceilings and caps, with the text it comes from."""

    delegation = models.ForeignKey(
        "delegations.Delegation", on_delete=models.CASCADE, related_name="subsidy_rules"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    label = models.CharField(_("name"), max_length=200)
    funder = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("funder"),
    )
    rate = models.DecimalField(
        _("rate (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    kinds = models.JSONField(_("cost kinds covered"), default=list)
    # Eligibility; an empty or null condition is no condition.
    participant_kind = models.CharField(
        _("for"), max_length=12, choices=ParticipantKindRule.choices, blank=True
    )
    sme_only = models.BooleanField(_("SMEs only"), default=False)
    max_prior_participations = models.PositiveSmallIntegerField(
        _("at most this many prior participations"), null=True, blank=True
    )
    not_previous_edition = models.BooleanField(
        _("not for those who exhibited at the previous edition"), default=False
    )
    regions = models.JSONField(_("regions"), default=list, blank=True)
    min_from_region = models.PositiveSmallIntegerField(
        _("minimum number of eligible participants"), null=True, blank=True
    )
    # Ceilings and caps, in euros.
    max_area_m2 = models.DecimalField(
        _("area ceiling (m²)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    max_price_per_m2 = models.DecimalField(
        _("price ceiling (EUR per m²)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    cap_per_participant = models.DecimalField(
        _("cap per participant (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    cap_total = models.DecimalField(
        _("cap for the event (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    window_limit = models.DecimalField(
        _("aid ceiling over the period (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("For instance the de minimis ceiling, counting the aid already received."),
    )
    window_all_or_nothing = models.BooleanField(
        _("nothing for a participant who would pass the ceiling"), default=False
    )
    legal_reference = models.CharField(_("legal reference"), max_length=300, blank=True)
    legal_text = models.TextField(_("legal text"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("subsidy rule")
        verbose_name_plural = _("subsidy rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(rate__gte=0) & Q(rate__lte=100), name="subsidy_rate_is_a_percentage"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class ParticipantFacts(models.Model):
    """What the subsidy rules look at, recorded on the participant of this delegation."""

    participant = models.OneToOneField(
        "delegations.Participant", on_delete=models.CASCADE, related_name="facts"
    )
    sme = models.BooleanField(_("SME"), default=False)
    prior_participations = models.PositiveSmallIntegerField(
        _("prior participations in this collective action"), default=0
    )
    previous_edition = models.BooleanField(_("exhibited at the previous edition"), default=False)
    region = models.CharField(_("region"), max_length=120, blank=True)
    aid_received = models.DecimalField(
        _("aid already received over the period (EUR)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=_nonneg,
        help_text=_("For instance de minimis aid over the last three years."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("eligibility facts")
        verbose_name_plural = _("eligibility facts")
        constraints = [
            models.CheckConstraint(condition=Q(aid_received__gte=0), name="aid_not_negative"),
        ]

    def __str__(self) -> str:
        return str(self.participant)


class Dossier(models.Model):
    """What the funding dossier says beyond the figures: the project in both languages,
    the previous edition it builds on and what came of it."""

    delegation = models.OneToOneField(
        "delegations.Delegation", on_delete=models.CASCADE, related_name="dossier"
    )
    previous = models.ForeignKey(
        "delegations.Delegation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous edition"),
    )
    summary_fr = models.TextField(_("the project (French)"), blank=True)
    summary_en = models.TextField(_("the project (English)"), blank=True)
    previous_outcomes_fr = models.TextField(
        _("results of the previous edition (French)"), blank=True
    )
    previous_outcomes_en = models.TextField(
        _("results of the previous edition (English)"), blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("funding dossier")
        verbose_name_plural = _("funding dossiers")
        constraints = [
            models.CheckConstraint(
                condition=~Q(previous=F("delegation")), name="dossier_previous_is_another"
            ),
        ]

    def __str__(self) -> str:
        return str(self.delegation)
