"""The network's directory: organisations, people, sectors and country groups."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cityties.core.text import fold
from cityties.core.validators import validate_web_url

from .names import members_key  # noqa: F401  re-exported for the services


class OrganisationKind(models.TextChoices):
    COMMUNE = "commune", _("Commune")
    INTERCOMMUNALITY = "intercommunality", _("Intercommunality / metropolis")
    DEPARTEMENT = "departement", _("Département")
    REGION = "region", _("Region")
    FOREIGN_CITY = "foreign_city", _("Foreign city")
    FOREIGN_COUNTY = "foreign_county", _("Foreign county")
    FOREIGN_STATE = "foreign_state", _("Foreign state or province")
    COMPANY = "company", _("Company")
    AGENCY = "agency", _("Public agency")
    MINISTRY = "ministry", _("Ministry")
    ASSOCIATION = "association", _("Association or network")
    CHAMBER = "chamber", _("Chamber of commerce")
    UNIVERSITY = "university", _("University or research centre")
    OTHER = "other", _("Other")


GOVERNMENT_KINDS = frozenset(
    {
        OrganisationKind.COMMUNE,
        OrganisationKind.INTERCOMMUNALITY,
        OrganisationKind.DEPARTEMENT,
        OrganisationKind.REGION,
        OrganisationKind.FOREIGN_CITY,
        OrganisationKind.FOREIGN_COUNTY,
        OrganisationKind.FOREIGN_STATE,
    }
)


class BilingualTerm(models.Model):
    """A term of a fixed vocabulary, labelled in French and in English."""

    code = models.SlugField(max_length=60, unique=True)
    label_fr = models.CharField(_("label (French)"), max_length=120)
    label_en = models.CharField(_("label (English)"), max_length=120)

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_en if (get_language() or "fr").startswith("en") else self.label_fr


class Sector(BilingualTerm):
    """A sector of the bilingual taxonomy shared by profiles and organisations."""

    class Meta(BilingualTerm.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class OrganisationQuerySet(models.QuerySet["Organisation", "Organisation"]):
    """Keeps `name_key` in step with `name` in bulk writes too (imports use them)."""

    def bulk_create(  # type: ignore[override]
        self, objs: Iterable[Organisation], *args: Any, **kwargs: Any
    ) -> list[Organisation]:
        rows: list[Any] = list(objs)
        for obj in rows:
            obj.set_name_key()
        return cast(list[Organisation], super().bulk_create(rows, *args, **kwargs))

    def bulk_update(  # type: ignore[override]
        self, objs: Iterable[Organisation], fields: Sequence[str], *args: Any, **kwargs: Any
    ) -> int:
        rows: list[Any] = list(objs)
        names = list(fields)
        if "name" in names:
            for obj in rows:
                obj.set_name_key()
            names.append("name_key")
        return super().bulk_update(rows, names, *args, **kwargs)


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166 code, e.g. FR"))
    region = models.CharField(_("region or state"), max_length=120, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    website = models.URLField(_("website"), blank=True, validators=[validate_web_url])
    email = models.EmailField(_("e-mail"), blank=True)
    description = models.TextField(_("description"), blank=True)
    # The folded name (see core.text.fold): one key for duplicate detection, the unique
    # constraint below, French order and accent-insensitive search.
    name_key = models.CharField(max_length=200, blank=True, editable=False, db_index=True)
    sectors = models.ManyToManyField(Sector, blank=True, verbose_name=_("sectors"))
    is_member = models.BooleanField(
        _("member of the network"), default=False, help_text=_("A member government.")
    )
    # A company travels with a member government that sponsors it.
    sponsor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sponsored",
        verbose_name=_("sponsoring member"),
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name_key", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            models.Index(fields=["country", "kind"]),
            models.Index(fields=["name"]),
            # The atlas's data version reads the latest change on every map request.
            models.Index(fields=["updated_at"], name="organisation_updated_at"),
        ]
        constraints = [
            # Two active organisations of one country and region never share a name
            # (double submits, parallel imports); homonyms of different regions are real
            # (Springfield, Saint-Martin). An empty key is a name of punctuation only.
            models.UniqueConstraint(
                fields=["name_key", "country", "region"],
                condition=Q(archived_at=None) & ~Q(name_key=""),
                name="unique_active_organisation_name",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="organisation_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="organisation_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.set_name_key()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    def set_name_key(self) -> None:
        """Bulk writes, which skip save(), call this themselves."""
        self.name_key = fold(self.name)

    @property
    def is_government(self) -> bool:
        return self.kind in GOVERNMENT_KINDS


class Civility(models.TextChoices):
    MR = "mr", _("Mr")
    MS = "ms", _("Ms")
    MX = "mx", _("Mx")


def person_key(last_name: str, first_name: str) -> str:
    return fold(f"{last_name} {first_name}")


class Person(models.Model):
    civility = models.CharField(_("civility"), max_length=2, choices=Civility.choices, blank=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    function = models.CharField(_("function"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    languages = models.CharField(
        _("languages"), max_length=60, blank=True, help_text=_("ISO codes separated by commas")
    )
    consent_given = models.BooleanField(_("consent to be contacted"), default=False)
    consent_date = models.DateTimeField(_("consent date"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("user account"),
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)
    # "last name first name", folded (see core.text.fold): French order and search.
    name_key = models.CharField(max_length=201, blank=True, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name_key", "last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            # The people list's order: its first page read from the index, not a sort.
            models.Index(fields=["name_key", "id"], name="person_name_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(consent_given=False) | Q(consent_date__isnull=False),
                name="person_consent_has_date",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.set_name_key()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"first_name", "last_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    def set_name_key(self) -> None:
        """Bulk writes, which skip save(), call this themselves."""
        self.name_key = person_key(self.last_name, self.first_name)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class CountryGroup(models.Model):
    """A country group of the federation, e.g. the United States group."""

    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2)
    federation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="country_groups",
        verbose_name=_("federation"),
    )
    president = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="presided_groups",
        verbose_name=_("president"),
    )
    staff_lead = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_groups",
        verbose_name=_("staff lead"),
    )
    members = models.ManyToManyField(
        Organisation, blank=True, related_name="groups", verbose_name=_("members")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country group")
        verbose_name_plural = _("country groups")
        constraints = [
            models.UniqueConstraint(fields=["federation", "country"], name="one_group_per_country")
        ]

    def __str__(self) -> str:
        return self.name


class Theme(BilingualTerm):
    """A theme of cooperation (economy, memory, gastronomy…), labelled in both languages."""

    class Meta(BilingualTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class PartnershipKind(models.TextChoices):
    TWINNING = "twinning", _("Twinning / sister city")
    COOPERATION = "cooperation", _("Cooperation agreement")
    FRIENDSHIP = "friendship", _("Friendship pact")
    MEMORANDUM = "memorandum", _("Memorandum of understanding")
    NEGOTIATION = "negotiation", _("In negotiation")
    CONTACT = "contact", _("Contacts to develop")


class PartnershipStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    DORMANT = "dormant", _("Dormant")
    ENDED = "ended", _("Ended")


class CostSharing(models.TextChoices):
    VISITOR_TRAVEL_HOST_HOSPITALITY = (
        "visitor_travel_host_hospitality",
        _("The visiting side pays travel, the host pays hospitality"),
    )
    EACH_OWN = "each_own", _("Each side pays its own costs")
    SHARED_EQUALLY = "shared_equally", _("Costs shared equally")
    CASE_BY_CASE = "case_by_case", _("Decided case by case")
    UNDEFINED = "", _("Not defined")


class Partnership(models.Model):
    """A tie between two or more governments (Toulouse, Atlanta and Tel Aviv is one)."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnershipKind.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PartnershipStatus.choices,
        default=PartnershipStatus.ACTIVE,
    )
    members = models.ManyToManyField(
        Organisation,
        through="PartnershipMember",
        related_name="partnerships",
        verbose_name=_("partners"),
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    renewed_on = models.DateField(_("renewed on"), null=True, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, verbose_name=_("themes"))
    cost_sharing = models.CharField(
        _("cost-sharing rule"),
        max_length=40,
        choices=CostSharing.choices,
        blank=True,
        default=CostSharing.UNDEFINED,
    )
    cost_sharing_notes = models.TextField(_("cost-sharing details"), blank=True)
    description = models.TextField(_("description"), blank=True)
    # Shown on the public atlas; private ones stay within their members and the staff.
    is_public = models.BooleanField(_("shown on the public atlas"), default=False)
    is_shared = models.BooleanField(
        _("shared with the network"),
        default=True,
        help_text=_("Unticked, only the partners' officers and the network staff see it."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    # The members' ids, sorted and joined (`names.members_key`), kept by the services:
    # with the kind, what makes two active partnerships the same one.
    members_key = models.CharField(max_length=500, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        indexes = [
            models.Index(fields=["status", "kind"]),
            models.Index(fields=["title", "id"], name="partnership_title_order"),
            models.Index(fields=["updated_at"], name="partnership_updated_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(renewed_on__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(renewed_on__gte=models.F("signed_on")),
                name="partnership_renewed_after_signed",
            ),
            # One active partnership per member set and kind (double submits, parallel
            # forms); rows written without a key (older bulk imports) are not compared.
            models.UniqueConstraint(
                fields=["kind", "members_key"],
                condition=Q(archived_at=None) & ~Q(members_key=""),
                name="unique_active_partnership_members",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PartnershipMember(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="partnership_memberships"
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"], name="unique_partnership_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partnership} / {self.organisation}"


def partnership_upload_to(instance: PartnershipDocument, filename: str) -> str:
    return f"partnerships/{instance.partnership_id}/{filename}"


class PartnershipDocument(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=partnership_upload_to)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title


class ActivityKind(models.TextChoices):
    VISIT = "visit", _("Official visit")
    SCHOOL_EXCHANGE = "school_exchange", _("School exchange")
    YOUTH_EXCHANGE = "youth_exchange", _("Youth exchange")
    CULTURAL_WEEK = "cultural_week", _("Cultural week")
    GASTRONOMIC_WEEK = "gastronomic_week", _("Gastronomic week")
    ECONOMIC_MISSION = "economic_mission", _("Economic mission")
    MEMORY_EVENT = "memory_event", _("Memory event")
    CONFERENCE = "conference", _("Conference")
    OTHER = "other", _("Other")


class Activity(models.Model):
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("partnership"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    people_involved = models.PositiveIntegerField(_("people involved"), default=0)
    students = models.PositiveIntegerField(_("students"), default=0)
    companies = models.PositiveIntegerField(_("companies"), default=0)
    contracts = models.PositiveIntegerField(_("contracts"), default=0)
    budget = models.DecimalField(_("budget"), max_digits=12, decimal_places=2, default=0)
    budget_currency = models.CharField(_("currency"), max_length=3, default="EUR")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="activity_ends_after_start",
            ),
            models.CheckConstraint(condition=Q(budget__gte=0), name="activity_budget_positive"),
        ]

    def __str__(self) -> str:
        return self.title
