"""The network's kinds of import: organisations, people and partnerships.

Each declares its target fields, how a row is checked (with the same rules the pages and
the API use: `network.create_this_organisation`, `may_change_organisation`,
`check_partnership_rules`, `check_email_address`…), how rows are written, and who may
import it; it registers with the import engine, which knows none of this.

Partners are matched by name, city and country (region when given), ignoring case,
accents, articles and "Ville de"; never across countries. A partner not found may be
created (an option), placed on the map from the offline gazetteer.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

import rules
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cityties.accounts.permissions import is_member_officer, is_network_staff
from cityties.core import gazetteer
from cityties.core.audit import acting_as
from cityties.core.countries import country_choices, resolve_country
from cityties.imports.audit import log_created, log_updated
from cityties.imports.fields import TargetField, fold, parse_float, split_list, text_choices
from cityties.imports.models import ImportJob
from cityties.imports.reading import Table, cell_text
from cityties.imports.registry import ImportKind, WriteResult, register
from cityties.imports.validation import CleanRow, Options, RowValidator, ValidationResult

from . import services
from .models import (
    GOVERNMENT_KINDS,
    Civility,
    Organisation,
    OrganisationKind,
    Partnership,
    PartnershipKind,
    PartnershipMember,
    PartnershipStatus,
    Person,
    Theme,
)
from .names import members_key
from .services.partnerships import PartnershipError, check_partnership_rules

BATCH_SIZE = 500
MAX_PARTNER_COLUMNS = 4
SHOWN_CANDIDATES = 4

# --- Vocabularies ---------------------------------------------------------------------------

# Spellings met in real files, beyond the choices' own labels in both languages.
PARTNERSHIP_KIND_ALIASES = {
    "jumelage": "twinning",
    "jumelages": "twinning",
    "sister city": "twinning",
    "sister cities": "twinning",
    "twin town": "twinning",
    "twin city": "twinning",
    "ville jumelle": "twinning",
    "ville soeur": "twinning",
    "cooperation": "cooperation",
    "accord de cooperation": "cooperation",
    "convention de cooperation": "cooperation",
    "cooperation decentralisee": "cooperation",
    "amitie": "friendship",
    "pacte d amitie": "friendship",
    "friendship": "friendship",
    "friendship city": "friendship",
    "memorandum": "memorandum",
    "mou": "memorandum",
    "protocole d accord": "memorandum",
    "lettre d intention": "memorandum",
    "en negociation": "negotiation",
    "negociation": "negotiation",
    "contacts": "contact",
    "contacts a developper": "contact",
}
PARTNERSHIP_STATUS_ALIASES = {
    "actif": "active",
    "active": "active",
    "en sommeil": "dormant",
    "dormant": "dormant",
    "inactif": "dormant",
    "termine": "ended",
    "ended": "ended",
    "fini": "ended",
    "rompu": "ended",
}
ORGANISATION_KIND_ALIASES = {
    "ville": "commune",
    "mairie": "commune",
    "municipalite": "commune",
    "metropole": "intercommunality",
    "communaute d agglomeration": "intercommunality",
    "communaute de communes": "intercommunality",
    "communaute urbaine": "intercommunality",
    "conseil departemental": "departement",
    "department": "departement",
    "conseil regional": "region",
    "city": "foreign_city",
    "town": "foreign_city",
    "municipality": "foreign_city",
    "ville etrangere": "foreign_city",
    "comte": "foreign_county",
    "county": "foreign_county",
    "etat": "foreign_state",
    "province": "foreign_state",
    "state": "foreign_state",
    "etat ou province etrangere": "foreign_state",
    "entreprise": "company",
    "startup": "company",
    "agence": "agency",
    "ministere": "ministry",
    "reseau": "association",
    "cci": "chamber",
    "chambre de commerce": "chamber",
    "universite": "university",
    "autre": "other",
}
CIVILITY_ALIASES = {
    "m": "mr",
    "mr": "mr",
    "monsieur": "mr",
    "mme": "ms",
    "madame": "ms",
    "mrs": "ms",
    "ms": "ms",
    "miss": "ms",
}


def _country_choices() -> list[tuple[str, str]]:
    return country_choices()


def _country(name: str, label: Any, *, required: bool = False, aliases: Iterable[str] = ()) -> Any:
    return TargetField(
        name,
        label,
        required,
        tuple(aliases),
        choices=_country_choices,
        resolver=resolve_country,
        vocabulary="country",
    )


def _org_kind(name: str, label: Any, aliases: Iterable[str] = ()) -> TargetField:
    return TargetField(
        name,
        label,
        False,
        tuple(aliases),
        choices=text_choices(OrganisationKind),
        value_aliases=ORGANISATION_KIND_ALIASES,
        vocabulary="organisation_kind",
    )


# --- Target fields --------------------------------------------------------------------------

ORGANISATION_FIELDS = (
    TargetField(
        "name",
        gettext_lazy("Name"),
        True,
        ("nom", "name", "organisation", "organization", "raisonsociale", "denomination"),
    ),
    TargetField("short_name", gettext_lazy("Short name"), False, ("nomcourt", "sigle", "acronym")),
    _org_kind("kind", gettext_lazy("Kind"), ("type", "kind", "categorie", "category", "nature")),
    _country(
        "country",
        gettext_lazy("Country"),
        required=True,
        aliases=("pays", "country", "codepays", "countrycode"),
    ),
    TargetField(
        "region", gettext_lazy("Region or state"), False, ("region", "etat", "state", "province")
    ),
    TargetField("city", gettext_lazy("City"), False, ("ville", "city", "commune", "town")),
    TargetField("latitude", gettext_lazy("Latitude"), False, ("latitude", "lat")),
    TargetField("longitude", gettext_lazy("Longitude"), False, ("longitude", "lon", "lng")),
    TargetField(
        "website", gettext_lazy("Website"), False, ("siteweb", "siteinternet", "website", "url")
    ),
    TargetField(
        "email", gettext_lazy("E-mail"), False, ("courriel", "email", "mail", "adressemail")
    ),
    TargetField("is_member", gettext_lazy("Member"), False, ("membre", "member", "adherent")),
    TargetField("description", gettext_lazy("Description"), False, ("description",)),
)
PERSON_FIELDS = (
    TargetField(
        "civility",
        gettext_lazy("Civility"),
        False,
        ("civilite", "civility", "titre"),
        choices=text_choices(Civility),
        value_aliases=CIVILITY_ALIASES,
    ),
    TargetField(
        "first_name", gettext_lazy("First name"), True, ("prenom", "firstname", "givenname")
    ),
    TargetField(
        "last_name",
        gettext_lazy("Last name"),
        True,
        ("nom", "nomdefamille", "lastname", "surname", "familyname", "name"),
    ),
    TargetField(
        "function", gettext_lazy("Function"), False, ("fonction", "function", "poste", "jobtitle")
    ),
    TargetField(
        "organisation",
        gettext_lazy("Organisation"),
        True,
        ("organisation", "organization", "structure", "collectivite", "employeur", "entreprise"),
    ),
    TargetField(
        "email", gettext_lazy("E-mail"), False, ("courriel", "email", "mail", "adressemail")
    ),
    TargetField(
        "phone", gettext_lazy("Phone"), False, ("telephone", "tel", "phone", "mobile", "portable")
    ),
    TargetField("languages", gettext_lazy("Languages"), False, ("langues", "languages", "langue")),
    TargetField("consent", gettext_lazy("Consent"), False, ("consentement", "consent", "optin")),
    TargetField(
        "consent_date",
        gettext_lazy("Consent date"),
        False,
        ("dateduconsentement", "dateconsentement", "consentdate"),
    ),
)

_FIRST = ("collectivitefrancaise", "villefrancaise", "communefrancaise", "frenchcity")
_SECOND = ("villepartenaire", "collectivitepartenaire", "partnercity", "collectiviteetrangere")


def _partner_fields(n: int) -> tuple[TargetField, ...]:
    first, second = (_FIRST, ("paysfrancais",)) if n == 1 else (_SECOND, ("payspartenaire",))
    names = (
        f"partner{n}",
        f"partenaire{n}",
        f"city{n}",
        f"ville{n}",
        f"commune{n}",
        f"town{n}",
        f"member{n}",
        f"membre{n}",
        f"name{n}",
        f"nom{n}",
        f"collectivite{n}",
        *(first if n <= 2 else ()),
    )
    countries = (
        f"partner{n}country",
        f"country{n}",
        f"pays{n}",
        f"partenaire{n}pays",
        *(second if n <= 2 else ()),
        *(("partnercountry",) if n == 2 else ()),
    )
    regions = (
        f"partner{n}region",
        f"region{n}",
        f"state{n}",
        f"etat{n}",
        f"province{n}",
        f"departement{n}",
        f"partenaire{n}region",
    )
    return (
        TargetField(
            f"partner_{n}",
            gettext_lazy("Partner %(n)s") % {"n": n},
            False,
            names,
        ),
        _country(
            f"partner_{n}_country",
            gettext_lazy("Country of partner %(n)s") % {"n": n},
            aliases=countries,
        ),
        TargetField(
            f"partner_{n}_region",
            gettext_lazy("Region or state of partner %(n)s") % {"n": n},
            False,
            regions,
        ),
        _org_kind(
            f"partner_{n}_kind",
            gettext_lazy("Kind of partner %(n)s") % {"n": n},
            (f"partner{n}kind", f"type{n}", f"kind{n}"),
        ),
    )


PARTNERSHIP_FIELDS = (
    TargetField("title", gettext_lazy("Title"), False, ("titre", "title", "intitule", "libelle")),
    TargetField(
        "partners",
        gettext_lazy("Partners (“A / B” in one column)"),
        False,
        ("partenaires", "partners", "membres", "members", "collectivites"),
    ),
    *(f for n in range(1, MAX_PARTNER_COLUMNS + 1) for f in _partner_fields(n)),
    TargetField(
        "kind",
        gettext_lazy("Kind"),
        True,
        ("type", "kind", "nature", "typedepartenariat", "typedelien"),
        choices=text_choices(PartnershipKind),
        value_aliases=PARTNERSHIP_KIND_ALIASES,
    ),
    TargetField(
        "status",
        gettext_lazy("Status"),
        False,
        ("statut", "status"),
        choices=text_choices(PartnershipStatus),
        value_aliases=PARTNERSHIP_STATUS_ALIASES,
    ),
    TargetField(
        "signed_on",
        gettext_lazy("Signed on"),
        False,
        (
            "datedesignature",
            "signele",
            "signedon",
            "signed",
            "signature",
            "datesignature",
            "date",
            "annee",
            "year",
        ),
    ),
    TargetField(
        "renewed_on",
        gettext_lazy("Renewed on"),
        False,
        ("datederenouvellement", "renouvelele", "renewedon", "renewed", "renouvellement"),
    ),
    TargetField(
        "themes", gettext_lazy("Themes"), False, ("themes", "theme", "thematiques", "topics")
    ),
    TargetField("description", gettext_lazy("Description"), False, ("description",)),
    TargetField("is_public", gettext_lazy("Public"), False, ("public", "publie", "ispublic")),
)


# --- Matching -------------------------------------------------------------------------------

# Words that say what a government is rather than which one: "Ville de Caen" is Caen.
_PREFIXES = re.compile(
    r"^(ville|commune|mairie|municipalite|cite|city|town|village|municipality|borough|"
    r"county|comte|metropole|communaute|district|stadt|gemeinde|citta|comune|ciudad|"
    r"municipio|ayuntamiento|gmina|miasto|urad|mesto)( (of|de|d|du|des|di|del|de la|von))? ",
)
_SUFFIXES = re.compile(r" (city|town|village|municipality|county|borough|township)$")


def org_key(name: str) -> str:
    """The form every spelling of one government shares: "Ville de Caen" and "Caen",
    "Saint-Étienne" and "St-Etienne", "City of Nashville" and "Nashville"."""
    key = fold(name)
    stripped = _PREFIXES.sub("", key)
    stripped = _SUFFIXES.sub("", stripped) if stripped else stripped
    return gazetteer.place_key(stripped or key)


@dataclass
class Org:
    pk: int
    name: str
    country: str
    region: str
    city: str
    kind: str
    is_member: bool
    sponsor_id: int | None

    def instance(self) -> Organisation:
        """An unsaved stand-in the shared rules can be asked about (built once)."""
        cached = self.__dict__.get("_instance")
        if cached is not None:
            return cached
        org = Organisation(
            pk=self.pk,
            name=self.name,
            country=self.country,
            kind=self.kind,
            is_member=self.is_member,
        )
        org.sponsor_id = self.sponsor_id
        self.__dict__["_instance"] = org
        return org

    def describe(self) -> str:
        place = ", ".join(p for p in (self.city, self.region, self.country) if p)
        return f"{self.name} ({place})" if place else self.name


@dataclass
class Planned:
    """An organisation to create for a partner not found in the directory."""

    org: Org
    latitude: float | None = None
    longitude: float | None = None
    time_zone: str = ""
    rows: list[int] = field(default_factory=list)


class Directory:
    """What the database already holds, loaded once with a handful of queries."""

    def __init__(self, kind: str) -> None:
        self.orgs: dict[int, Org] = {}
        self.by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.by_city: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.by_name_anywhere: dict[str, list[int]] = defaultdict(list)
        for values in Organisation.objects.filter(archived_at=None).values_list(
            "pk", "name", "country", "region", "city", "kind", "is_member", "sponsor_id"
        ):
            org = Org(*values)
            self.orgs[org.pk] = org
            key = org_key(org.name)
            self.by_name[(org.country, key)].append(org.pk)
            self.by_name_anywhere[key].append(org.pk)
            if org.city and org.kind in GOVERNMENT_KINDS:
                city = org_key(org.city)
                if city != key:
                    self.by_city[(org.country, city)].append(org.pk)
        self.people_by_email: dict[str, tuple[int, int]] = {}
        if kind == "people":
            for pk, email, org_id in (
                Person.objects.filter(erased_at=None)
                .exclude(email="")
                # Newest first, so that the oldest record with an e-mail wins.
                .order_by("-pk")
                .values_list("pk", "email", "organisation_id")
            ):
                self.people_by_email[email.lower()] = (pk, org_id)
        self.partnerships: dict[tuple[frozenset[int], str], int] = {}
        self.partnership_titles: dict[int, str] = {}
        self.themes: dict[str, int] = {}
        if kind == "partnerships":
            members: dict[int, set[int]] = defaultdict(set)
            for p_id, o_id in PartnershipMember.objects.filter(
                partnership__archived_at=None
            ).values_list("partnership_id", "organisation_id"):
                members[p_id].add(o_id)
            for pk, p_kind, title in Partnership.objects.filter(archived_at=None).values_list(
                "pk", "kind", "title"
            ):
                self.partnerships.setdefault((frozenset(members.get(pk, ())), p_kind), pk)
                self.partnership_titles[pk] = title
            for pk, code, label_fr, label_en in Theme.objects.values_list(
                "pk", "code", "label_fr", "label_en"
            ):
                for label in (label_fr, label_en, code):
                    self.themes[fold(label)] = pk


def _region_matches(org: Org, region: str) -> bool:
    wanted = fold(region)
    if not wanted:
        return True
    have = fold(org.region)
    if not have:
        return False
    if have == wanted:
        return True
    # "TN" and "Tennessee": a US state's code against its name.
    if org.country == "US" and len(wanted) == 2:
        return fold(gazetteer.region_name("US", wanted.upper())) == have
    if org.country == "US" and len(have) == 2:
        return fold(gazetteer.region_name("US", have.upper())) == wanted
    return False


# --- Row validation -------------------------------------------------------------------------


class NetworkRows(RowValidator):
    def __init__(
        self,
        kind: str,
        fields: tuple[TargetField, ...],
        table: Table,
        mapping: dict[str, str],
        options: Options,
        decisions: dict[str, str] | None,
        user: Any,
    ) -> None:
        super().__init__(kind, fields, table, mapping, options, decisions)
        self.user = user
        self.staff = bool(is_network_staff(user))
        self.directory = Directory(kind)
        self.planned: dict[tuple[str, str, str], Planned] = {}
        self._next_temp_id = -1
        self._gazetteer: gazetteer.Gazetteer | None = None

    # Permissions, through the same rules as the pages and the API ---------------------------

    def may_edit(self, org: Org) -> bool:
        return self.staff or rules.test_rule("network.edit_organisation", self.user, org.instance())

    def may_create(self, org: Org) -> bool:
        return rules.test_rule("network.create_this_organisation", self.user, org.instance())

    def may_change(self, org: Org, changes: dict[str, Any]) -> bool:
        if not self.may_edit(org):
            return False
        return services.may_change_organisation(self.user, org.instance(), changes)

    # Cells -------------------------------------------------------------------------------

    def email(self, cells: list[Any], row: int, target: str = "email") -> str:
        try:
            return services.check_email_address(cell_text(self.cell(cells, target)))
        except services.DirectoryError as error:
            self.error(row, target, str(error), error.code)
            return ""

    def country(self, cells: list[Any], row: int, target: str) -> str | None:
        return self.choice(
            cells,
            row,
            target,
            message=lambda raw: _("Unknown country “%(value)s”.") % {"value": raw},
            code="unknown_country",
        )

    # Matching -----------------------------------------------------------------------------

    def _candidates(
        self, name: str, country: str | None, region: str, governments: bool
    ) -> list[Org]:
        key = org_key(name)
        directory = self.directory
        if country:
            ids = directory.by_name.get((country, key)) or directory.by_city.get((country, key), [])
        else:
            ids = directory.by_name_anywhere.get(key, [])
        found = [directory.orgs[pk] for pk in dict.fromkeys(ids)]
        if governments:
            found = [o for o in found if o.kind in GOVERNMENT_KINDS]
        if region and len(found) > 1:
            found = [o for o in found if _region_matches(o, region)] or found
        if len(found) > 1:
            # "Paris" the city rather than "Paris" the département, when one is a city.
            cities = [o for o in found if o.kind in (OrganisationKind.COMMUNE, "foreign_city")]
            if len(cities) == 1:
                found = cities
        return found

    def find_org(
        self,
        row: int,
        target: str,
        name: str,
        country: str | None = None,
        region: str = "",
        *,
        governments: bool = False,
        quiet: bool = False,
    ) -> Org | None:
        """The one organisation the name means, or a row error (unknown or ambiguous)."""
        found = self._candidates(name, country, region, governments)
        if len(found) == 1:
            return found[0]
        if found:
            self.error(
                row,
                target,
                _(
                    "“%(name)s” matches several organisations: %(candidates)s; give its region, or "
                    "its country, to tell them apart."
                )
                % {
                    "name": name,
                    "candidates": "; ".join(o.describe() for o in found[:SHOWN_CANDIDATES]),
                },
                "ambiguous_organisation",
            )
        elif not quiet:
            self.error(
                row,
                target,
                _("Unknown organisation “%(name)s”: import it or create it first.")
                % {"name": name},
                "unknown_organisation",
            )
        return None

    def plan(
        self, row: int, target: str, name: str, country: str, region: str, kind: str | None
    ) -> Org | None:
        """An organisation to create for a partner not found, if the user may create it."""
        key = (country, org_key(name), fold(region))
        planned = self.planned.get(key)
        if planned is None:
            kind = kind or (
                OrganisationKind.COMMUNE
                if country == services.HOME_COUNTRY
                else OrganisationKind.FOREIGN_CITY
            )
            org = Org(self._next_temp_id, name[:200], country, region[:120], "", kind, False, None)
            self._next_temp_id -= 1
            planned = Planned(org)
            if self._gazetteer is None:
                self._gazetteer = gazetteer.load()
            match = self._gazetteer.lookup(org_key(name), country, region)
            if match is not None:
                place = match.place
                org.city = place.name[:120]
                org.region = org.region or place.region[:120]
                planned.latitude, planned.longitude = place.latitude, place.longitude
                planned.time_zone = place.timezone
                if match.candidates > 1 and not region:
                    self.note(
                        row,
                        target,
                        _(
                            "“%(name)s”: %(n)s places of this name in this country; placed at "
                            "the most populous (%(region)s)."
                        )
                        % {
                            "name": name,
                            "n": match.candidates,
                            "region": place.region or place.admin1,
                        },
                        "several_places",
                    )
            else:
                self.note(
                    row,
                    target,
                    _("“%(name)s” is not in the gazetteer: it will have no place on the map.")
                    % {"name": name},
                    "not_in_gazetteer",
                )
            self.planned[key] = planned
        if not self.may_create(planned.org):
            self.error(
                row,
                target,
                _("You may not add “%(name)s” to the directory (a %(kind)s in %(country)s).")
                % {
                    "name": name,
                    "kind": OrganisationKind(planned.org.kind).label,
                    "country": country,
                },
                "forbidden",
            )
            return None
        planned.rows.append(row)
        return planned.org

    # Organisations ------------------------------------------------------------------------

    def organisation(self, row: int, cells: list[Any]) -> CleanRow | None:
        values: dict[str, Any] = {
            "name": self.text(cells, row, "name", 200),
            "short_name": self.text(cells, row, "short_name", 60),
            "region": self.text(cells, row, "region", 120),
            "city": self.text(cells, row, "city", 120),
            "description": self.text(cells, row, "description", 10_000),
            "email": self.email(cells, row),
        }
        values["kind"] = self.choice(cells, row, "kind")
        values["country"] = country = self.country(cells, row, "country")
        for target, bound in (("latitude", 90), ("longitude", 180)):
            raw = self.cell(cells, target)
            number = parse_float(raw) if cell_text(raw) else None
            if cell_text(raw) and (number is None or abs(number) > bound):
                self.error(
                    row,
                    target,
                    _("“%(value)s” is not a valid coordinate.") % {"value": cell_text(raw)},
                    "invalid_coordinate",
                )
            values[target] = number
        website = cell_text(self.cell(cells, "website"))
        if website and not website.startswith(("http://", "https://")):
            website = "https://" + website
        if website:
            try:
                URLValidator(schemes=["http", "https"])(website)
            except ValidationError:
                self.error(
                    row,
                    "website",
                    _("“%(value)s” is not a valid web address.") % {"value": website},
                    "invalid_url",
                )
        values["website"] = website
        values["is_member"] = self.boolean(cells, row, "is_member")
        clean = CleanRow(row, values)
        if not values["name"] or not country:
            return clean
        key = (org_key(values["name"]), country)
        if self.in_file_duplicate(row, "name", ("org", *key)):
            return None
        existing_ids = self.directory.by_name.get((country, key[0]), [])
        existing = self.directory.orgs[existing_ids[0]] if existing_ids else None
        if existing is None:
            candidate = Org(
                0,
                values["name"],
                country,
                values["region"],
                values["city"],
                values["kind"] or OrganisationKind.OTHER,
                bool(values["is_member"]),
                None,
            )
            if not self.may_create(candidate):
                self.error(
                    row,
                    "name",
                    _("You may not add “%(name)s” to the directory.") % {"name": values["name"]},
                    "forbidden",
                )
                return None
            return clean
        changes = {k: values[k] for k in ("kind", "is_member") if values[k] is not None}
        if not self.may_change(existing, changes):
            message = _("“%(name)s” already exists and you may not change it this way.") % {
                "name": existing.name
            }
            will_merge = (
                self.decisions is not None
                and self.decisions.get(str(row), self.decisions.get("*")) == "merge"
            )
            if self.decisions is None:
                self.note(row, "name", message, "forbidden_merge")
            elif will_merge:
                self.error(row, "name", message, "forbidden")
                return None
        return clean if self.existing(clean, existing.pk, existing.name) else None

    # People -------------------------------------------------------------------------------

    def person(self, row: int, cells: list[Any]) -> CleanRow | None:
        values: dict[str, Any] = {
            "first_name": self.text(cells, row, "first_name", 100),
            "last_name": self.text(cells, row, "last_name", 100),
            "function": self.text(cells, row, "function", 200),
            "phone": self.text(cells, row, "phone", 40),
            "email": self.email(cells, row),
        }
        try:
            values["languages"] = services.check_languages(cell_text(self.cell(cells, "languages")))
        except services.DirectoryError as error:
            self.error(row, "languages", str(error), error.code)
            values["languages"] = ""
        values["civility"] = self.choice(cells, row, "civility")
        values["consent"] = self.boolean(cells, row, "consent")
        values["consent_date"] = self.date(cells, row, "consent_date")
        org_name = self.text(cells, row, "organisation", 200)
        org = self.find_org(row, "organisation", org_name) if org_name else None
        if org is not None and not self.may_edit(org):
            self.error(
                row,
                "organisation",
                _("You may not add people to “%(name)s”.") % {"name": org_name},
                "forbidden",
            )
            org = None
        values["organisation_id"] = org.pk if org else None
        clean = CleanRow(row, values)
        email = values["email"]
        if not email:
            return clean
        if self.in_file_duplicate(row, "email", ("person", email)):
            return None
        found = self.directory.people_by_email.get(email)
        if found is not None:
            owner = self.directory.orgs.get(found[1])
            if owner is None or not self.may_edit(owner):
                # Say no more than the user may see: not whose address it is.
                self.error(
                    row,
                    "email",
                    _("This e-mail address is already used in the directory."),
                    "email_taken",
                )
                return None
        return clean if self.existing(clean, found[0] if found else None, email) else None

    # Partnerships -------------------------------------------------------------------------

    def _partner_cells(self, cells: list[Any], row: int) -> list[tuple[str, str, Any, str, Any]]:
        """(target, name, country, region, kind) of each partner the row names."""
        partners: list[tuple[str, str, Any, str, Any]] = []
        if self.has("partners"):
            for part in split_list(self.cell(cells, "partners")):
                name, country = part, None
                # "Nashville (USA)", "Nashville, USA": a country written after the name.
                match = re.match(r"^(.*?)\s*(?:\((.+)\)|,\s*([^,]+))$", part)
                if match:
                    written = resolve_country(match.group(2) or match.group(3) or "")
                    if written:
                        name, country = match.group(1), written
                partners.append(("partners", name, country, "", None))
        for n in range(1, MAX_PARTNER_COLUMNS + 1):
            target = f"partner_{n}"
            if not self.has(target):
                continue
            name = self.text(cells, row, target, 200)
            if not name:
                continue
            code: Any = ...
            if self.has(f"{target}_country"):
                code = self.country(cells, row, f"{target}_country")
            region = cell_text(self.cell(cells, f"{target}_region"))[:120]
            kind = self.choice(cells, row, f"{target}_kind") if self.has(f"{target}_kind") else None
            partners.append((target, name, code, region, kind))
        return partners

    def partnership(self, row: int, cells: list[Any]) -> CleanRow | None:
        values: dict[str, Any] = {
            "title": self.text(cells, row, "title", 200),
            "description": self.text(cells, row, "description", 10_000),
        }
        values["kind"] = self.choice(cells, row, "kind")
        values["status"] = self.choice(cells, row, "status")
        values["signed_on"] = self.date(cells, row, "signed_on")
        values["renewed_on"] = self.date(cells, row, "renewed_on")
        values["is_public"] = self.boolean(cells, row, "is_public")
        theme_ids = []
        for label in split_list(self.cell(cells, "themes")):
            for part in label.split(","):
                theme_id = self.directory.themes.get(fold(part))
                if theme_id is None:
                    self.error(
                        row,
                        "themes",
                        _("Unknown theme “%(value)s”.") % {"value": part.strip()},
                        "unknown_theme",
                    )
                else:
                    theme_ids.append(theme_id)
        values["theme_ids"] = sorted(set(theme_ids))
        errors_before = len(self.result.errors)
        members: list[Org] = []
        named = self._partner_cells(cells, row)
        for target, name, country, region, kind in named:
            if country is None and target != "partners":
                continue  # an unknown country: already reported
            wanted = None if country is ... else country
            org = self.find_org(
                row,
                target,
                name,
                wanted,
                region,
                governments=True,
                quiet=self.options.create_missing,
            )
            if (
                org is None
                and self.options.create_missing
                and len(self.result.errors) == errors_before
            ):
                if not wanted:
                    self.error(
                        row,
                        target,
                        _("“%(name)s” is not in the directory; give its country to create it.")
                        % {"name": name},
                        "country_required",
                    )
                else:
                    org = self.plan(row, target, name, wanted, region, kind)
            if org is not None:
                members.append(org)
        if len(named) < 2:
            self.error(
                row,
                "partners" if self.has("partners") else "partner_1",
                _(
                    "A partnership needs at least two partners: map two partner columns, or one "
                    "column with “A / B”."
                ),
                "too_few_partners",
            )
            return None
        if len(self.result.errors) > errors_before or values["kind"] is None:
            return None
        try:
            check_partnership_rules(
                actor=self.user,
                members=[m.instance() for m in members],
                kind=values["kind"],
                status=values["status"] or PartnershipStatus.ACTIVE,
                signed_on=values["signed_on"],
                renewed_on=values["renewed_on"],
                title=values["title"],
            )
        except PartnershipError as error:
            self.error(
                row, "partners" if self.has("partners") else "partner_1", str(error), error.code
            )
            return None
        ids = list(dict.fromkeys(m.pk for m in members))
        values["partner_ids"] = ids
        values["partner_names"] = {m.pk: m.name for m in members}
        if not values["title"]:
            values["title"] = " \u2013 ".join(m.name for m in members)[:200]
        clean = CleanRow(row, values)
        key = (frozenset(ids), values["kind"])
        first = self.seen.setdefault(("partnership", key), row)
        if first != row:
            # The same tie listed twice (often once from each side): written once.
            self.note(
                row,
                "partners",
                _("Same partnership as row %(row)s.") % {"row": first},
                "same_as_row",
            )
            self.result.planned["skipped"] = self.result.planned.get("skipped", 0) + 1
            return None
        existing = self.directory.partnerships.get(key)
        if existing is not None:
            self.result.matched += 1
        label = self.directory.partnership_titles.get(existing or 0, "")
        return clean if self.existing(clean, existing, label) else None


def _finish(validator: NetworkRows, result: ValidationResult) -> ValidationResult:
    valid = {r.row for r in result.valid_rows()}
    planned = [p for p in validator.planned.values() if any(r in valid for r in p.rows)]
    result.planned["organisations"] = len(planned)
    result.planned["new_rows"] = sum(
        1 for r in result.rows if r.existing_id is None and r.row in valid
    )
    result.planned["placed"] = sum(1 for p in planned if p.latitude is not None)
    result.extra["planned"] = validator.planned
    return result


def _validate(
    kind: str, fields: tuple[TargetField, ...], handler: str
) -> Callable[..., ValidationResult]:
    def validate(
        table: Table,
        mapping: dict[str, str],
        *,
        user: Any,
        options: Options,
        decisions: dict[str, str] | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> ValidationResult:
        validator = NetworkRows(kind, fields, table, mapping, options, decisions, user)
        result = validator.run(getattr(validator, handler), progress)
        return _finish(validator, result)

    return validate


# --- Writing --------------------------------------------------------------------------------


def _updates(values: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """Fields to change on a merge: the file's non-empty values only."""
    return {n: values[n] for n in names if values.get(n) not in (None, "")}


def _merge(
    model: type[models.Model],
    rows: list[CleanRow],
    names: list[str],
    now: datetime,
    extra: Callable[[Any, CleanRow, dict[str, tuple[Any, Any]]], None] | None = None,
) -> tuple[list[tuple[Any, dict[str, tuple[Any, Any]]]], dict[str, dict[str, Any]]]:
    """Apply merge rows; returns the changes (for the history) and previous values (undo)."""
    merged = [row for row in rows if row.existing_id is not None]
    existing = model._default_manager.in_bulk([row.existing_id for row in merged])
    changes: list[tuple[Any, dict[str, tuple[Any, Any]]]] = []
    previous: dict[str, dict[str, Any]] = {}
    changed_fields: set[str] = set()
    for row in merged:
        obj = existing[row.existing_id]
        diff: dict[str, tuple[Any, Any]] = {}
        for name, value in _updates(row.values, names).items():
            attname = model._meta.get_field(name).attname  # type: ignore[union-attr]
            before = getattr(obj, attname)
            if before != value:
                diff[attname] = (before, value)
                setattr(obj, attname, value)
        if extra is not None:
            extra(obj, row, diff)
        if diff:
            # Bulk writes skip save(): the folded name key follows the name here.
            if hasattr(obj, "set_name_key"):
                obj.set_name_key()
                changed_fields.add("name_key")
            changes.append((obj, diff))
            changed_fields.update(diff)
            previous[str(obj.pk)] = {
                k: (b.isoformat() if hasattr(b, "isoformat") else b) for k, (b, _a) in diff.items()
            }
            obj.updated_at = now  # type: ignore[attr-defined]
    if changed_fields:
        model._default_manager.bulk_update(
            [obj for obj, _diff in changes],
            sorted(changed_fields | {"updated_at"}),
            BATCH_SIZE,
        )
    return changes, previous


_ORG_WRITE_FIELDS = [
    "name",
    "short_name",
    "kind",
    "country",
    "region",
    "city",
    "latitude",
    "longitude",
    "website",
    "email",
    "is_member",
    "description",
]


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def write_organisations(
    result: ValidationResult, *, user: Any, job: ImportJob | None
) -> WriteResult:
    now = timezone.now()
    new = [
        Organisation(
            **{
                **{n: row.values[n] for n in _ORG_WRITE_FIELDS if row.values.get(n) is not None},
                "kind": row.values["kind"] or OrganisationKind.OTHER,
                "is_member": bool(row.values["is_member"]),
            }
        )
        for row in result.rows
        if row.existing_id is None
    ]
    for organisation in new:
        organisation.set_name_key()
    with acting_as(user):
        Organisation.objects.bulk_create(new, batch_size=BATCH_SIZE)
        log_created(new, actor=user, job=job, fields=["name", "kind", "country", "city"])
        changes, previous = _merge(Organisation, result.rows, _ORG_WRITE_FIELDS, now)
        log_updated(changes, actor=user, job=job)
    return WriteResult(
        created={"organisations": len(new)},
        updated=len(changes),
        matched=len(result.duplicates),
        skipped=len(result.duplicates) - sum(1 for r in result.rows if r.existing_id),
        created_ids={_label(Organisation): [o.pk for o in new]},
        previous={_label(Organisation): previous},
    )


def _consent_time(values: dict[str, Any], now: datetime) -> datetime | None:
    if not values["consent"]:
        return None
    if values["consent_date"]:
        return timezone.make_aware(datetime.combine(values["consent_date"], time(12)))
    return now


_PERSON_WRITE_FIELDS = [
    "civility",
    "first_name",
    "last_name",
    "function",
    "email",
    "phone",
    "languages",
    "organisation",
]


def write_people(result: ValidationResult, *, user: Any, job: ImportJob | None) -> WriteResult:
    now = timezone.now()
    new = []
    for row in result.rows:
        if row.existing_id is None:
            person = Person(
                **{n: row.values[n] or "" for n in _PERSON_WRITE_FIELDS if n != "organisation"}
            )
            person.organisation_id = row.values["organisation_id"]
            person.consent_given = bool(row.values["consent"])
            person.consent_date = _consent_time(row.values, now)
            new.append(person)

    def consent(person: Any, row: CleanRow, diff: dict[str, tuple[Any, Any]]) -> None:
        if row.values["consent"] is not None and row.values["consent"] != person.consent_given:
            diff["consent_given"] = (person.consent_given, row.values["consent"])
            diff["consent_date"] = (person.consent_date, _consent_time(row.values, now))
            person.consent_given = row.values["consent"]
            person.consent_date = _consent_time(row.values, now)

    for row in result.rows:
        row.values["organisation"] = row.values["organisation_id"]
    for person in new:
        person.set_name_key()
    with acting_as(user):
        Person.objects.bulk_create(new, batch_size=BATCH_SIZE)
        log_created(new, actor=user, job=job, fields=["first_name", "last_name", "email"])
        names = [n if n != "organisation" else "organisation" for n in _PERSON_WRITE_FIELDS]
        changes, previous = _merge(Person, result.rows, names, now, consent)
        log_updated(changes, actor=user, job=job)
    return WriteResult(
        created={"people": len(new)},
        updated=len(changes),
        matched=len(result.duplicates),
        skipped=len(result.duplicates) - sum(1 for r in result.rows if r.existing_id),
        created_ids={_label(Person): [p.pk for p in new]},
        previous={_label(Person): previous},
    )


_PARTNERSHIP_WRITE_FIELDS = [
    "title",
    "kind",
    "status",
    "signed_on",
    "renewed_on",
    "description",
    "is_public",
]


def write_partnerships(
    result: ValidationResult, *, user: Any, job: ImportJob | None
) -> WriteResult:
    now = timezone.now()
    planned: dict[tuple[str, str, str], Planned] = result.extra.get("planned", {})
    needed = {pk for row in result.rows for pk in row.values["partner_ids"] if pk < 0}
    to_create = [p for p in planned.values() if p.org.pk in needed]
    organisations = [
        Organisation(
            name=p.org.name,
            kind=p.org.kind,
            country=p.org.country,
            region=p.org.region,
            city=p.org.city,
            latitude=p.latitude,
            longitude=p.longitude,
            time_zone=p.time_zone,
        )
        for p in to_create
    ]
    created_rows = [row for row in result.rows if row.existing_id is None]
    for organisation in organisations:
        organisation.set_name_key()
    with acting_as(user):
        Organisation.objects.bulk_create(organisations, batch_size=BATCH_SIZE)
        real = {p.org.pk: o.pk for p, o in zip(to_create, organisations, strict=True)}
        log_created(organisations, actor=user, job=job, fields=["name", "kind", "country", "city"])
        new = [
            Partnership(
                **{
                    n: row.values[n]
                    for n in _PARTNERSHIP_WRITE_FIELDS
                    if row.values.get(n) is not None
                },
                created_by=user if getattr(user, "is_authenticated", False) else None,
                # The member set the duplicate check and the database's constraint compare.
                members_key=members_key(real.get(pk, pk) for pk in row.values["partner_ids"]),
            )
            for row in created_rows
        ]
        Partnership.objects.bulk_create(new, batch_size=BATCH_SIZE)
        through = Partnership.themes.through
        members: list[PartnershipMember] = []
        themes = []
        for row, partnership in zip(created_rows, new, strict=True):
            members += [
                PartnershipMember(partnership_id=partnership.pk, organisation_id=real.get(pk, pk))
                for pk in row.values["partner_ids"]
            ]
            themes += [
                through(partnership_id=partnership.pk, theme_id=theme_id)
                for theme_id in row.values["theme_ids"]
            ]
        PartnershipMember.objects.bulk_create(members, batch_size=BATCH_SIZE)
        # One entry per partnership, naming its partners (not one more per partner link).
        partners = {
            partnership.pk: " / ".join(
                row.values["partner_names"][pk] for pk in row.values["partner_ids"]
            )
            for row, partnership in zip(created_rows, new, strict=True)
        }
        log_created(
            new,
            actor=user,
            job=job,
            fields=["title", "kind", "status"],
            extra=lambda p: {"members": ["None", partners[p.pk]]},
        )
        merged = [row for row in result.rows if row.existing_id is not None]
        have = set(
            through.objects.filter(partnership_id__in=[r.existing_id for r in merged]).values_list(
                "partnership_id", "theme_id"
            )
        )
        for row in merged:
            themes += [
                through(partnership_id=row.existing_id, theme_id=theme_id)
                for theme_id in row.values["theme_ids"]
                if (row.existing_id, theme_id) not in have
            ]
        changes, previous = _merge(Partnership, result.rows, _PARTNERSHIP_WRITE_FIELDS, now)
        log_updated(changes, actor=user, job=job)
        through.objects.bulk_create(themes, batch_size=BATCH_SIZE)
    return WriteResult(
        created={"partnerships": len(new), "organisations": len(organisations)},
        updated=len(changes),
        matched=len(result.duplicates),
        skipped=len(result.duplicates) - len(merged) + result.planned.get("skipped", 0),
        created_ids={
            _label(Organisation): [o.pk for o in organisations],
            _label(Partnership): [p.pk for p in new],
            _label(PartnershipMember): [m.pk for m in members],
        },
        previous={_label(Partnership): previous},
    )


# --- Locating organisations without coordinates --------------------------------------------


def locate_missing_coordinates(*, actor: Any) -> int:
    """Fill the coordinates (and time zone, region) of governments placed nowhere, from the
    gazetteer, by their city or name within their country; returns how many were placed."""
    places = gazetteer.load()
    now = timezone.now()
    changes: list[tuple[Any, dict[str, tuple[Any, Any]]]] = []
    for org in Organisation.objects.filter(
        latitude__isnull=True, archived_at=None, kind__in=GOVERNMENT_KINDS
    ).exclude(country=""):
        match = places.lookup(org.city or org_key(org.name), org.country, org.region)
        if match is None and org.city:
            match = places.lookup(org_key(org.name), org.country, org.region)
        if match is None:
            continue
        place = match.place
        diff: dict[str, tuple[Any, Any]] = {
            "latitude": (None, place.latitude),
            "longitude": (None, place.longitude),
        }
        org.latitude, org.longitude = place.latitude, place.longitude
        if not org.time_zone:
            diff["time_zone"] = ("", place.timezone)
            org.time_zone = place.timezone
        if not org.region and place.region:
            diff["region"] = ("", place.region[:120])
            org.region = place.region[:120]
        org.updated_at = now
        changes.append((org, diff))
    with acting_as(actor):
        Organisation.objects.bulk_update(
            [org for org, _diff in changes],
            ["latitude", "longitude", "time_zone", "region", "updated_at"],
            BATCH_SIZE,
        )
        log_updated(changes, actor=actor, job=None)
    return len(changes)


# --- Registration ---------------------------------------------------------------------------


def may_import(user: Any) -> bool:
    """Network staff import anything; member officers import for their own organisations."""
    return bool(is_network_staff(user) or is_member_officer(user))


def count_label(key: str, n: int) -> str:
    formatted = number_format(n, force_grouping=True)
    if key == "organisations":
        return ngettext("%(n)s organisation", "%(n)s organisations", n) % {"n": formatted}
    if key == "people":
        return ngettext("%(n)s person", "%(n)s people", n) % {"n": formatted}
    if key == "partnerships":
        return ngettext("%(n)s partnership", "%(n)s partnerships", n) % {"n": formatted}
    return f"{formatted} {key}"


CREATE_MISSING = ("create_missing", gettext_lazy("Create the organisations not found"))

for _name, _label_text, _fields, _handler, _writer, _switches in (
    (
        "organisations",
        gettext_lazy("Organisations"),
        ORGANISATION_FIELDS,
        "organisation",
        write_organisations,
        (),
    ),
    ("people", gettext_lazy("People"), PERSON_FIELDS, "person", write_people, ()),
    (
        "partnerships",
        gettext_lazy("Partnerships"),
        PARTNERSHIP_FIELDS,
        "partnership",
        write_partnerships,
        (CREATE_MISSING,),
    ),
):
    register(
        ImportKind(
            name=_name,
            label=_label_text,
            fields=_fields,
            validate=_validate(_name, _fields, _handler),
            write=_writer,
            may_import=may_import,
            switches=_switches,
            count_label=count_label,
        )
    )
