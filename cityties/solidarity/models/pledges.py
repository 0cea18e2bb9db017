"""Members' pledges to a fund, with their legal basis and council decision; the payments
that honour them; the water, sanitation and waste budgets Oudin-Santini counts from."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .common import NOT_NEGATIVE, POSITIVE, amount_field, decision_upload_to
from .crises import Fund

FIRST_YEAR, LAST_YEAR = 2000, 2100
_YEAR = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


class LegalBasis(models.TextChoices):
    HUMANITARIAN = "humanitarian", _("Humanitarian action (CGCT L.1115-1)")
    OUDIN_WATER = "oudin_water", _("Oudin-Santini: water budget (L.1115-1-1)")
    OUDIN_SANITATION = "oudin_sanitation", _("Oudin-Santini: sanitation budget (L.1115-1-1)")
    OUDIN_WASTE = "oudin_waste", _("Oudin-Santini: waste budget (L.1115-1-1)")
    OWN_BUDGET = "own_budget", _("Own budget")


# The Oudin-Santini bases and the budget each is 1 % of.
OUDIN_BASES: dict[str, str] = {
    LegalBasis.OUDIN_WATER: "water",
    LegalBasis.OUDIN_SANITATION: "sanitation",
    LegalBasis.OUDIN_WASTE: "waste",
}


class PledgeState(models.TextChoices):
    PLEDGED = "pledged", _("Pledged")
    DECIDED = "decided", _("Council decision taken")
    PARTLY_PAID = "partly_paid", _("Partly paid")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")


class Pledge(models.Model):
    """What a member government promises a fund, in the fund's currency.

    `paid_total` is the sum of the payments, kept by the services under a lock on this
    row; the check constraint makes the database refuse more paid than pledged, whatever
    the number of people recording payments at once.
    """

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="pledges")
    member = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        related_name="solidarity_pledges",
        verbose_name=_("member government"),
    )
    amount = models.DecimalField(**amount_field(_("amount"), validators=POSITIVE))
    legal_basis = models.CharField(_("legal basis"), max_length=16, choices=LegalBasis.choices)
    budget_year = models.PositiveSmallIntegerField(_("budget year"), validators=_YEAR)
    pledged_on = models.DateField(_("pledged on"))
    is_private = models.BooleanField(
        _("private"),
        default=False,
        help_text=_(
            "Counted in the fund's totals, but your name and amount are shown neither on the "
            "public page nor to other members."
        ),
    )
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    # The council decision (délibération).
    decided_on = models.DateField(_("date of the council decision"), null=True, blank=True)
    decision_reference = models.CharField(
        _("reference of the decision"), max_length=100, blank=True
    )
    decision_file = models.FileField(
        _("council decision"), upload_to=decision_upload_to, blank=True, max_length=300
    )
    decision_content_type = models.CharField(max_length=100, blank=True)
    decision_shared = models.BooleanField(
        _("decision shared with the network"),
        default=False,
        help_text=_("Unticked, only your government, the fund's managers and staff read it."),
    )
    paid_total = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["fund", "member__name_key", "pk"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        indexes = [models.Index(fields=["member", "legal_basis", "budget_year"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="pledge_amount_positive"),
            models.CheckConstraint(
                condition=Q(paid_total__gte=0) & Q(paid_total__lte=F("amount")),
                name="pledge_never_paid_beyond_its_amount",
            ),
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True) | Q(paid_total=0),
                name="cancelled_pledge_unpaid",
            ),
            models.CheckConstraint(
                condition=Q(budget_year__gte=FIRST_YEAR) & Q(budget_year__lte=LAST_YEAR),
                name="pledge_budget_year_range",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=False) | (Q(decision_reference="")),
                name="decision_reference_needs_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.amount} {self.fund.currency}"

    @property
    def state(self) -> str:
        if self.cancelled_at is not None:
            return PledgeState.CANCELLED
        if self.paid_total >= self.amount:
            return PledgeState.PAID
        if self.paid_total > 0:
            return PledgeState.PARTLY_PAID
        if self.decided_on is not None:
            return PledgeState.DECIDED
        return PledgeState.PLEDGED

    def get_state_display(self) -> str:
        return str(PledgeState(self.state).label)

    @property
    def outstanding(self) -> Decimal:
        return Decimal("0") if self.cancelled_at else self.amount - self.paid_total

    @property
    def is_oudin(self) -> bool:
        return self.legal_basis in OUDIN_BASES


class PaymentChannel(models.TextChoices):
    DIRECT = "direct", _("Directly to the partner")
    NETWORK = "network", _("Through the network's fund")
    FACECO = "faceco", _("Through FACECO")
    AGENCY = "agency", _("Through an NGO or a UN agency")


class Payment(models.Model):
    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="payments")
    paid_on = models.DateField(_("paid on"))
    amount = models.DecimalField(**amount_field(_("amount"), validators=POSITIVE))
    channel = models.CharField(_("channel"), max_length=8, choices=PaymentChannel.choices)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["paid_on", "pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.amount} ({self.paid_on})"


class OudinBudget(models.Model):
    """A member's water, sanitation and waste budgets of one year: Oudin-Santini lets it
    give up to 1 % of each, each counted separately."""

    member = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="oudin_budgets"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=_YEAR)
    water = models.DecimalField(
        _("water budget"),
        max_digits=12,
        decimal_places=2,
        validators=NOT_NEGATIVE,
        null=True,
        blank=True,
    )
    sanitation = models.DecimalField(
        _("sanitation budget"),
        max_digits=12,
        decimal_places=2,
        validators=NOT_NEGATIVE,
        null=True,
        blank=True,
    )
    waste = models.DecimalField(
        _("waste budget"),
        max_digits=12,
        decimal_places=2,
        validators=NOT_NEGATIVE,
        null=True,
        blank=True,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["member", "-year"]
        verbose_name = _("water, sanitation and waste budgets")
        verbose_name_plural = _("water, sanitation and waste budgets")
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="one_oudin_budget_a_year"),
            models.CheckConstraint(
                condition=(Q(water__isnull=True) | Q(water__gte=0))
                & (Q(sanitation__isnull=True) | Q(sanitation__gte=0))
                & (Q(waste__isnull=True) | Q(waste__gte=0)),
                name="oudin_budgets_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR) & Q(year__lte=LAST_YEAR),
                name="oudin_budget_year_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.year}"
