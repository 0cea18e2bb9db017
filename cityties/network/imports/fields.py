"""Parsing of cell values (countries, dates, yes/no, numbers, choices, lists) and the
target fields of each kind of import."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from babel import Locale
from django.utils import translation
from django.utils.translation import gettext_lazy

from ..models import Civility, ImportKind, OrganisationKind, PartnershipKind, PartnershipStatus
from .reading import cell_text


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", bare.casefold()).split())


def header_key(text: str) -> str:
    return fold(text).replace(" ", "")


_NOT_COUNTRIES = {"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"}
_COUNTRY_ALIASES = {
    "usa": "US",
    "etats unis d amerique": "US",
    "united states of america": "US",
    "uk": "GB",
    "grande bretagne": "GB",
    "great britain": "GB",
    "angleterre": "GB",
    "england": "GB",
    "hollande": "NL",
    "holland": "NL",
}


@cache
def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for lang in ("en", "fr"):
        for code, name in Locale(lang).territories.items():
            if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES:
                index[fold(name)] = code
                index[code.lower()] = code
    index.update(_COUNTRY_ALIASES)
    return index


def parse_country(value: str) -> str | None:
    return _country_index().get(fold(value))


_DATE_PATTERNS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})$"),
)


def parse_date(value: Any) -> date | None:
    """ISO (2016-03-30) or French (30/03/2016) dates; spreadsheet date cells as they are."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    text = text.split("T")[0].split(" ")[0] if re.match(r"^\d{4}-", text) else text
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return None
    return None


_TRUE = {"1", "oui", "yes", "true", "vrai", "x", "o", "y"}
_FALSE = {"0", "non", "no", "false", "faux", "n", ""}


def parse_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    key = fold(cell_text(value))
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    return None


def parse_float(value: Any) -> float | None:
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(cell_text(value).replace(",", ".").replace(" ", ""))
    except ValueError:
        return None


# Extra spellings met in real files, beyond the choices' own labels in both languages.
_CHOICE_ALIASES: dict[str, dict[str, str]] = {
    "partnership_kind": {
        "jumelage": "twinning",
        "sister city": "twinning",
        "ville jumelle": "twinning",
        "ville soeur": "twinning",
        "cooperation": "cooperation",
        "accord de cooperation": "cooperation",
        "convention de cooperation": "cooperation",
        "amitie": "friendship",
        "pacte d amitie": "friendship",
        "friendship": "friendship",
        "memorandum": "memorandum",
        "mou": "memorandum",
        "protocole d accord": "memorandum",
        "lettre d intention": "memorandum",
        "en negociation": "negotiation",
        "negociation": "negotiation",
        "contacts": "contact",
        "contacts a developper": "contact",
    },
    "partnership_status": {
        "actif": "active",
        "active": "active",
        "en sommeil": "dormant",
        "dormant": "dormant",
        "inactif": "dormant",
        "termine": "ended",
        "ended": "ended",
        "fini": "ended",
        "rompu": "ended",
    },
    "organisation_kind": {
        "ville": "commune",
        "mairie": "commune",
        "metropole": "intercommunality",
        "communaute d agglomeration": "intercommunality",
        "communaute de communes": "intercommunality",
        "conseil departemental": "departement",
        "department": "departement",
        "conseil regional": "region",
        "city": "foreign_city",
        "ville etrangere": "foreign_city",
        "comte": "foreign_county",
        "etat": "foreign_state",
        "province": "foreign_state",
        "etat ou province etrangere": "foreign_state",
        "county": "foreign_county",
        "state": "foreign_state",
        "entreprise": "company",
        "startup": "company",
        "agence": "agency",
        "ministere": "ministry",
        "reseau": "association",
        "cci": "chamber",
        "chambre de commerce": "chamber",
        "universite": "university",
        "autre": "other",
    },
    "civility": {
        "m": "mr",
        "mr": "mr",
        "monsieur": "mr",
        "mme": "ms",
        "madame": "ms",
        "mrs": "ms",
        "ms": "ms",
        "miss": "ms",
    },
}
_CHOICES = {
    "partnership_kind": PartnershipKind,
    "partnership_status": PartnershipStatus,
    "organisation_kind": OrganisationKind,
    "civility": Civility,
}


@cache
def _choice_index(name: str) -> dict[str, str]:
    choices = _CHOICES[name]
    index: dict[str, str] = {}
    for lang in ("en", "fr"):
        with translation.override(lang):
            for value, label in choices.choices:
                if value:
                    index[fold(str(label))] = value
                    # "Twinning / sister city": each half is a way to say it too.
                    for part in str(label).split("/"):
                        index.setdefault(fold(part), value)
    for value in choices.values:
        if value:
            index[fold(value)] = value
    index.update(_CHOICE_ALIASES.get(name, {}))
    return index


def parse_choice(name: str, value: Any) -> str | None:
    return _choice_index(name).get(fold(cell_text(value)))


def split_list(value: Any) -> list[str]:
    """Partners as "Caen / Nashville" or "Caen; Nashville"; themes also with commas."""
    return [part.strip() for part in re.split(r"\s+/\s+|;|\|", cell_text(value)) if part.strip()]


# --- Target fields --------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetField:
    name: str
    label: Any  # a lazy translation
    required: bool = False
    aliases: tuple[str, ...] = ()


_ORG_FIELDS = (
    TargetField(
        "name",
        gettext_lazy("Name"),
        True,
        ("nom", "name", "organisation", "organization", "raisonsociale", "denomination"),
    ),
    TargetField("short_name", gettext_lazy("Short name"), False, ("nomcourt", "sigle", "acronym")),
    TargetField(
        "kind", gettext_lazy("Kind"), False, ("type", "kind", "categorie", "category", "nature")
    ),
    TargetField(
        "country", gettext_lazy("Country"), True, ("pays", "country", "codepays", "countrycode")
    ),
    TargetField("region", gettext_lazy("Region or state"), False, ("region", "etat", "state")),
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
_PERSON_FIELDS = (
    TargetField("civility", gettext_lazy("Civility"), False, ("civilite", "civility", "titre")),
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
_PARTNERSHIP_FIELDS = (
    TargetField("title", gettext_lazy("Title"), False, ("titre", "title", "intitule", "libelle")),
    TargetField(
        "partners",
        gettext_lazy("Partners"),
        True,
        ("partenaires", "partners", "membres", "members", "collectivites"),
    ),
    TargetField(
        "kind", gettext_lazy("Kind"), True, ("type", "kind", "nature", "typedepartenariat")
    ),
    TargetField("status", gettext_lazy("Status"), False, ("statut", "status", "etat")),
    TargetField(
        "signed_on",
        gettext_lazy("Signed on"),
        False,
        ("datedesignature", "signele", "signedon", "signed", "signature", "datesignature"),
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
TARGET_FIELDS: dict[str, tuple[TargetField, ...]] = {
    ImportKind.ORGANISATIONS: _ORG_FIELDS,
    ImportKind.PEOPLE: _PERSON_FIELDS,
    ImportKind.PARTNERSHIPS: _PARTNERSHIP_FIELDS,
}
