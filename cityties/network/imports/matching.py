"""Matching a file's organisations to the directory: by name, city, country and region,
ignoring case, accents, articles and "Ville de"; never across countries."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from cityties.core import gazetteer
from cityties.imports.fields import fold

from ..models import (
    GOVERNMENT_KINDS,
    Organisation,
    Partnership,
    PartnershipMember,
    Person,
    Theme,
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


def region_matches(org: Org, region: str) -> bool:
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
