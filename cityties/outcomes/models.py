"""Outcomes of delegations and partnerships: what each participant reports came of them
(contacts, follow-ups, proposals, tenders, contracts, agreements, press, jobs), the
debrief survey mailed at 0, 6 and 12 months, and the pavilion's cost figures kept per
delegation and participant so the return-on-investment dashboards sum them in SQL.

Money is Decimal with its currency; `value_eur` is the value in euros, converted once at
the delegation's recorded rate, and is what the dashboards add up.
"""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

MAX_VALUE = Decimal("999999999999.99")
_nonneg = [MinValueValidator(Decimal("0"))]


def new_nonce() -> str:
    return secrets.token_urlsafe(12)


class OutcomeKind(models.TextChoices):
    CONTACT = "contact", _("Contact made")
    FOLLOW_UP = "follow_up", _("Follow-up meeting")
    PROPOSAL = "proposal", _("Proposal sent")
    TENDER = "tender", _("Tender submitted")
    CONTRACT = "contract", _("Contract signed")
    AGREEMENT = "agreement", _("Partnership or agreement signed")
    PRESS = "press", _("Press coverage")
    INVESTMENT = "investment", _("Jobs or investment announced")


# Leads: what may still become business; follow-ups: what already went further than a
# first contact. A tender or a contract is counted on its own.
LEAD_KINDS = (OutcomeKind.CONTACT, OutcomeKind.FOLLOW_UP, OutcomeKind.PROPOSAL)
FOLLOW_UP_KINDS = (OutcomeKind.FOLLOW_UP, OutcomeKind.PROPOSAL)
VALUE_KINDS = (
    OutcomeKind.PROPOSAL,
    OutcomeKind.TENDER,
    OutcomeKind.CONTRACT,
    OutcomeKind.INVESTMENT,
)
BUYER_KINDS = (OutcomeKind.TENDER, OutcomeKind.CONTRACT)


class TenderStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")


class Source(models.TextChoices):
    MANUAL = "manual", _("Entered")
    SURVEY = "survey", _("Debrief survey")
    MEETING = "meeting", _("Meeting feedback")


class FollowupLevel(models.TextChoices):
    """What followed a meeting or a contact, on b2match's scale."""

    NONE = "none", _("No further contact")
    KNOWLEDGE = "knowledge", _("Knowledge gained")
    VALUABLE = "valuable", _("Valuable contact")
    NEGOTIATION = "negotiation", _("Negotiation started")
    AGREEMENT = "agreement", _("Agreement reached")


class OutcomeRecord(models.Model):
    """One outcome of a participant (company or government), against a delegation (and
    so its event), an event, or a partnership; linked to the meeting that produced it
    when there is one.

    `city` (the member government: the organisation itself, or the company's sponsor)
    and `year` (the edition's year, else the outcome's) are kept by the services so the
    dashboards group without joins.
    """

    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        related_name="outcome_records",
        verbose_name=_("organisation"),
    )
    city = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("member government"),
    )
    delegation = models.ForeignKey(
        "delegations.Delegation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outcome_records",
        verbose_name=_("delegation"),
    )
    participant = models.ForeignKey(
        "delegations.Participant",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outcome_records",
        verbose_name=_("participant"),
    )
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outcome_records",
        verbose_name=_("event"),
    )
    partnership = models.ForeignKey(
        "network.Partnership",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outcome_records",
        verbose_name=_("partnership"),
    )
    # The meeting that produced it: any model (the matchmaking's meetings), by type and id.
    meeting_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    meeting_id = models.PositiveBigIntegerField(null=True, blank=True)
    meeting = GenericForeignKey("meeting_type", "meeting_id")
    meeting_label = models.CharField(_("meeting"), max_length=200, blank=True)

    kind = models.CharField(_("kind"), max_length=12, choices=OutcomeKind.choices)
    title = models.CharField(_("title"), max_length=200)
    counterpart = models.CharField(
        _("buyer or counterpart"),
        max_length=200,
        blank=True,
        help_text=_("The buyer of a tender or a contract, the other party of an agreement."),
    )
    value = models.DecimalField(
        _("value"), max_digits=14, decimal_places=2, null=True, blank=True, validators=_nonneg
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    value_eur = models.DecimalField(
        _("value in euros"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_nonneg,
    )
    status = models.CharField(
        _("status of the tender"), max_length=12, choices=TenderStatus.choices, blank=True
    )
    occurred_on = models.DateField(_("date"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), null=True, blank=True, validators=[MaxValueValidator(600)]
    )
    jobs = models.PositiveIntegerField(_("jobs"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    confidential = models.BooleanField(
        _("keep the value private"),
        default=False,
        help_text=_("Counted in the figures, but the value is shown only to you and the staff."),
    )
    source = models.CharField(
        _("source"), max_length=8, choices=Source.choices, default=Source.MANUAL
    )
    survey = models.ForeignKey(
        "SurveyInvitation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="records",
    )
    year = models.PositiveSmallIntegerField(editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        indexes = [
            models.Index(fields=["year", "kind"], name="outcome_year_kind"),
            models.Index(fields=["city", "kind"], name="outcome_city_kind"),
            models.Index(fields=["participant", "kind"], name="outcome_participant_kind"),
            models.Index(fields=["partnership", "kind"], name="outcome_partnership_kind"),
            # Covers every column the figures read: a yearly view scans it, not the table;
            # a delegation's (or a funder's delegations') rows are a range of it.
            models.Index(
                fields=[
                    "delegation",
                    "year",
                    "kind",
                    "status",
                    "confidential",
                    "value_eur",
                    "jobs",
                    "city",
                    "organisation",
                ],
                name="outcome_figures",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(delegation__isnull=False)
                | Q(event__isnull=False)
                | Q(partnership__isnull=False),
                name="outcome_has_a_context",
            ),
            models.CheckConstraint(
                condition=Q(delegation__isnull=True, participant__isnull=True)
                | Q(delegation__isnull=False, participant__isnull=False),
                name="outcome_delegation_has_participant",
            ),
            models.CheckConstraint(
                # Spelt with isnull: a comparison with NULL would let the check pass.
                condition=Q(value__isnull=True, value_eur__isnull=True)
                | Q(value__isnull=False, value_eur__isnull=False, value__gte=0, value_eur__gte=0),
                name="outcome_value_in_euros_too",
            ),
            models.CheckConstraint(
                condition=(Q(kind="tender") & Q(status__in=TenderStatus.values))
                | (~Q(kind="tender") & Q(status="")),
                name="outcome_tender_has_status",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=BUYER_KINDS) | ~Q(counterpart=""),
                name="outcome_tender_contract_has_buyer",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=F("occurred_on")),
                name="outcome_decided_after",
            ),
            models.CheckConstraint(
                condition=Q(meeting_type__isnull=True, meeting_id__isnull=True)
                | Q(meeting_type__isnull=False, meeting_id__isnull=False),
                name="outcome_meeting_type_and_id",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SurveyStep(models.IntegerChoices):
    AFTER = 0, _("After the event")
    SIX_MONTHS = 6, _("Six months on")
    TWELVE_MONTHS = 12, _("Twelve months on")


class SurveySettings(models.Model):
    """When a delegation's debrief survey goes out: `delay_days` after the event ends,
    then six and twelve months after it; one reminder `reminder_days` later."""

    delegation = models.OneToOneField(
        "delegations.Delegation", on_delete=models.CASCADE, related_name="survey_settings"
    )
    enabled = models.BooleanField(_("send the debrief survey"), default=True)
    delay_days = models.PositiveSmallIntegerField(
        _("days after the event"), default=7, validators=[MaxValueValidator(90)]
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder after (days)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("survey settings")
        verbose_name_plural = _("survey settings")
        constraints = [
            models.CheckConstraint(condition=Q(delay_days__lte=90), name="survey_delay_bounded"),
            models.CheckConstraint(
                condition=Q(reminder_days__gte=1) & Q(reminder_days__lte=60),
                name="survey_reminder_bounded",
            ),
        ]

    def __str__(self) -> str:
        return str(self.delegation)


class SurveyInvitation(models.Model):
    """One participant's survey at one step: mailed once (the unique constraint), reminded
    once, answered once through its signed link; the answer's parts become records."""

    delegation = models.ForeignKey(
        "delegations.Delegation", on_delete=models.CASCADE, related_name="survey_invitations"
    )
    participant = models.ForeignKey(
        "delegations.Participant", on_delete=models.CASCADE, related_name="survey_invitations"
    )
    step = models.PositiveSmallIntegerField(_("step"), choices=SurveyStep.choices)
    # Who it was mailed to; cleared if the person's data is erased.
    person = models.ForeignKey(
        "network.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    language = models.CharField(max_length=2, default="fr")
    # The link carries this nonce: changing it revokes the link mailed.
    nonce = models.CharField(max_length=32, default=new_nonce, editable=False)
    sent_at = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    usefulness = models.PositiveSmallIntegerField(
        _("usefulness"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    # What followed each meeting or contact: [{"label", "level", "meeting": "type:id"}].
    followups = models.JSONField(default=list, blank=True)
    comments = models.TextField(_("comments"), blank=True)

    class Meta:
        ordering = ["delegation", "step", "participant"]
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.UniqueConstraint(fields=["participant", "step"], name="one_survey_per_step"),
            models.CheckConstraint(condition=Q(step__in=[0, 6, 12]), name="survey_step_known"),
            models.CheckConstraint(
                condition=Q(usefulness__isnull=True)
                | (Q(usefulness__gte=1) & Q(usefulness__lte=5)),
                name="survey_usefulness_scale",
            ),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | Q(usefulness__isnull=False),
                name="survey_answer_has_usefulness",
            ),
        ]
        indexes = [models.Index(fields=["delegation", "step"], name="survey_delegation_step")]

    def __str__(self) -> str:
        return f"{self.participant} ({self.step})"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class DelegationCost(models.Model):
    """The pavilion's figures of a delegation as the dashboards add them up: recomputed
    from the pavilion whenever `generation` (bumped by every change of its rows) differs
    from `computed_generation`."""

    delegation = models.OneToOneField(
        "delegations.Delegation", on_delete=models.CASCADE, related_name="outcome_cost"
    )
    generation = models.PositiveBigIntegerField(default=1)
    computed_generation = models.PositiveBigIntegerField(default=0)
    computed_at = models.DateTimeField(null=True, blank=True)
    total = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0"))
    public = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0"))
    subsidies = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0"))
    covers = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0"))
    companies_net = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0"))
    # [{"id", "name", "subsidies", "covers", "own", "total", "public"}] as strings.
    funders = models.JSONField(default=list)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("delegation cost")
        verbose_name_plural = _("delegation costs")

    def __str__(self) -> str:
        return str(self.delegation_id)


class ParticipantCost(models.Model):
    """One participant's part of its delegation's cost: `public` is what public bodies pay
    for it (the subsidies it receives; for a government also its own net cost and the
    parts it covers for everyone), so the participants' public costs add up to the
    delegation's."""

    participant = models.OneToOneField(
        "delegations.Participant", on_delete=models.CASCADE, related_name="outcome_cost"
    )
    delegation = models.ForeignKey(
        "delegations.Delegation", on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    city = models.ForeignKey("network.Organisation", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12)
    year = models.PositiveSmallIntegerField()
    gross = models.DecimalField(max_digits=14, decimal_places=2)
    subsidies = models.DecimalField(max_digits=14, decimal_places=2)
    net = models.DecimalField(max_digits=14, decimal_places=2)
    covers = models.DecimalField(max_digits=14, decimal_places=2)
    public = models.DecimalField(max_digits=14, decimal_places=2)
    # The matchmaking's figures of the participant's delegates, kept with the costs (and
    # brought up to date by the same generation): requests made or received, meetings held.
    requests = models.PositiveIntegerField(default=0)
    meetings = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("participant cost")
        verbose_name_plural = _("participant costs")
        indexes = [
            models.Index(fields=["delegation"], name="pcost_delegation"),
            models.Index(fields=["year"], name="pcost_year"),
            models.Index(fields=["city"], name="pcost_city"),
        ]

    def __str__(self) -> str:
        return str(self.participant_id)
