"""The network's directory: organisations, people, sectors and country groups."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


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


class Sector(models.Model):
    """A sector of the bilingual taxonomy shared by profiles and organisations."""

    code = models.SlugField(max_length=60, unique=True)
    label_fr = models.CharField(_("label (French)"), max_length=120)
    label_en = models.CharField(_("label (English)"), max_length=120)

    class Meta:
        ordering = ["code"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_en if (get_language() or "fr").startswith("en") else self.label_fr


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166 code, e.g. FR"))
    region = models.CharField(_("region or state"), max_length=120, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    description = models.TextField(_("description"), blank=True)
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

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["country", "kind"]), models.Index(fields=["name"])]
        constraints = [
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

    @property
    def is_government(self) -> bool:
        return self.kind in GOVERNMENT_KINDS


class Civility(models.TextChoices):
    MR = "mr", _("Mr")
    MS = "ms", _("Ms")
    MX = "mx", _("Mx")


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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=Q(consent_given=False) | Q(consent_date__isnull=False),
                name="person_consent_has_date",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

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
