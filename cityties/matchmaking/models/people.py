"""The people of an event's matchmaking: the attendee list (personal data) and every
person's profile, their unavailable slots and the recommendations made to them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

LANGUAGES = [("fr", "Français"), ("en", "English")]


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


class Unavailability(models.Model):
    """A slot in which a person is not free for meetings (their own choice)."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="unavailable")
    slot = models.ForeignKey("matchmaking.Slot", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "slot"], name="one_unavailability_per_slot")
        ]

    def __str__(self) -> str:
        return f"{self.profile_id} @ {self.slot_id}"


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
